"""Exit codes: one table, one place. The README's table is the same as this enum."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """Success; for ``check``: every target that can be evaluated is met."""
    TARGETS_NOT_MET = 1
    """``check`` found at least one target not met (``--exit-zero`` turns this into 0)."""
    USAGE_OR_INPUT_ERROR = 2
    """Bad usage, a plan/standard that does not load or add up, an unreadable census file,
    a file the system will not let gnbv write (full disk, no permission)."""
    QUALITY_GATE_FAILED = 3
    """More census rows were set aside than ``--max-invalid`` allows."""
    INTERNAL_ERROR = 4
    """A bug in gnbv; the traceback is shown with ``--debug``."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C."""


def check_exit_code(
    *, quality_gate_passed: bool, any_target_not_met: bool, exit_zero: bool
) -> ExitCode:
    """The exit code of ``gnbv check``: the quality gate first, then the targets."""
    if not quality_gate_passed:
        return ExitCode.QUALITY_GATE_FAILED
    if any_target_not_met and not exit_zero:
        return ExitCode.TARGETS_NOT_MET
    return ExitCode.OK
