"""The plan and the standard as data: what a province must reach, measured how.

``model.py`` (the plan file's models), ``checks.py`` (rules across its items), ``metrics.py``
(the catalogue of what a target may measure), ``standards.py`` (the poverty standard: lines,
indicators), ``budget.py`` and ``budget_report.py`` (the budget reconciled).
"""
