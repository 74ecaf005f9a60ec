"""From valid households to the report: classes, indicators, targets, transitions.

``measures.py`` (the class rule and the per-household measures), ``classify.py``, ``cube.py``
(measures summed by key), ``indicators.py`` and ``targets.py`` (every indicator a ratio of
sums), ``transitions.py`` and ``transition_tables.py`` (year over year), ``lists.py``
(households to act on), ``check.py``, ``counts.py``, ``report_warnings.py`` and ``report.py``
(the one result object behind the tables, the JSON, the workbooks and the exit code).
"""
