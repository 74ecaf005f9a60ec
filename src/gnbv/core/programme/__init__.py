"""The programme's own progress, from its progress workbook.

``progress_contract.py`` (the workbook's sheets and columns), ``progress_cells.py`` (how its
cells are written), ``progress.py`` (its validation), ``pace.py`` (funds against time),
``results.py`` (disbursement, works, the targets T6, T7, T10), ``document.py`` (for JSON),
``history.py`` (what a run leaves in the history).
"""
