"""The exceptions gnbv raises for problems that stop a run.

Data problems inside a census (a bad cell, a duplicate id) are *values* collected in a report;
these exceptions are for what makes a run impossible: a plan that does not load, a census file
that cannot be read, a missing column. Each carries a short message, where it happened and a
hint on what to do; the CLI's one error boundary turns them into an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Detail:
    """One problem of a file that does not load (a plan, a mapping): where, the English text,
    and its key in the label catalogue when it has one (for the user's language)."""

    where: str
    text: str
    key: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


class RuleError(ValueError):
    """A rule of a plan, standard or mapping broken, raised inside a model's validator: the
    English text, and its key in the label catalogue."""

    def __init__(self, message: str, key: str, **params: object) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


@dataclass
class GnbvError(Exception):
    """A problem the user can fix: bad usage, configuration or input file (exit code 2)."""

    message: str
    hint: str | None = None
    details: list[str] = field(default_factory=list)
    key: str | None = None
    """The message's key in the label catalogue (``err_…``; its hint ``err_…_hint``): the
    command line shows it in the user's language. ``message`` stays English (JSON, logs)."""
    params: dict[str, object] = field(default_factory=dict)
    suggestions: list[dict[str, object]] = field(default_factory=list)
    """Values of ``err_did_you_mean`` (``found``, ``wanted``): a header that almost matches."""
    items: list[Detail] = field(default_factory=list)
    """Every problem of a file that does not load, each with its place (plan files)."""

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UsageError(GnbvError):
    """The command line asks for something impossible (no plan found, two plans found, ...)."""


class PlanError(GnbvError):
    """A plan or standard file that does not load or does not add up."""


class CensusReadError(GnbvError):
    """A census file that cannot be read as a census (missing file, missing columns, ...)."""


class StorageError(GnbvError):
    """The system refused a file gnbv writes or keeps aside for a while (a report, a rejects
    file, a temporary file): a full disk, a read-only folder, no permission, an I/O error."""

    @classmethod
    def writing(cls, path: Path | str, error: OSError) -> StorageError:
        # A file refused that exists already: most often open in Excel (Windows locks it).
        in_use = isinstance(error, PermissionError) and Path(path).exists()
        return cls(
            f"{path}: cannot write: {error.strerror or error}",
            hint="if the file is open (in Excel), close it and run again; else check that the "
            "folder is writable"
            if in_use
            else "check that the folder is writable and the disk has space, then run again",
            key="err_cannot_replace" if in_use else "err_cannot_write",
            params={"path": path, "reason": error.strerror or error},
        )
