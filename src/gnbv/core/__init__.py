"""The domain: it takes data and returns results, never prints, reads paths or exits.

``contract/`` (the census contract and its rules), ``validation/`` (the rules applied to a
census), ``analysis/`` (classes, indicators, targets, transitions, the report), ``plan/`` (the
plan, the standard, the budget), ``programme/`` (the progress workbook); ``models.py`` the
strict base every model of a file shares.
"""
