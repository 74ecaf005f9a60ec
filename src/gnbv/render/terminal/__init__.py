"""Tables for a person at a terminal. The only package that uses rich.

Every function takes a result object and a console; none computes anything. When stdout is
not a terminal (cron, a pipe) the console writes plain text without colour, at a fixed width.
``console`` lays out every table (columns fitted to the width); one module per command's
tables: ``plan`` (plan, budget), ``check`` (check, compare), ``progress`` (progress, history).
"""

from gnbv.render.terminal.check import (
    render_check,
    render_targets,
    render_transitions,
    render_warnings,
)
from gnbv.render.terminal.console import make_console, progress_bar, render_plain
from gnbv.render.terminal.plan import render_budget, render_plan_targets
from gnbv.render.terminal.progress import render_history, render_progress

__all__ = [
    "make_console",
    "progress_bar",
    "render_budget",
    "render_check",
    "render_history",
    "render_plain",
    "render_plan_targets",
    "render_progress",
    "render_targets",
    "render_transitions",
    "render_warnings",
]
