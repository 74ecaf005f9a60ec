"""The census contract: what a census file must hold and what each cell may say.

``columns.py`` declares the columns once (kinds, headers and words users write, ranges, "part
of a total"); ``headers.py`` how a header names a column (a note, a unit, the form's column
number around the name); ``rules.py`` is each cell rule, written once; ``conventions.py`` a
column's thousands separator and ticks, decided from the whole column; ``not_households.py``
the rows a form holds besides its households (totals, signatures, headings); ``mapping.py`` a
district's own headers and codes; ``units.py`` district and commune names matched to the
plan's; ``reasons.py`` the reason codes of a bad cell. A new way of writing a cell is a rule
here; a new kind of file is the reader's (:mod:`gnbv.read`).
"""
