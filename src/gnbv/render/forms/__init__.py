"""The review's forms, as an office prints, signs and sends them, built from a report.

Each :class:`~gnbv.render.forms.model.Form` is a sheet: a title block (form name, province,
year, unit, date), grouped two-row headers over numbered columns ``(1) (2) …``, an STT
column, totals in bold, notes for what the census cannot give (``no data``, never 0) and a
signature block. :mod:`gnbv.io.xlsx_writer` lays them out. The titles and columns follow the
forms provincial review software produces (``shared/review-forms.md``); rates are percent
numbers (2.63 means 2.63 %), stored by the writer as numbers with a % format.

``model`` (a form, its heading), ``review`` (the census report's forms, in filing order:
targets, form 1 the summary, forms 2 and 3 the transitions, data problems), ``units`` (forms
4 to 9, 12 and 13: deprivations, groups, ethnicity, profiles by unit), ``lists`` (households
to act on), ``progress`` (the programme's progress workbook).
"""
