"""The command line: parse options, call :mod:`gnbv.api`, render, return an exit code.

The only package that imports typer. ``app`` holds what every command shares (options,
messages); one module per group of commands (``census``: check, compare, classify;
``households``: list; ``programme``: budget, progress, history; ``plan``: plan, synth);
``boundary`` is the one error boundary (:func:`run`) and the ``gnbv`` command (:func:`main`).
"""

from gnbv.cli import census, households, plan, programme  # noqa: F401  (registers commands)
from gnbv.cli.app import app
from gnbv.cli.boundary import main, run

__all__ = ["app", "main", "run"]
