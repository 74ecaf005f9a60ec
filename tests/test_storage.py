"""A disk that refuses a file (full, read-only, failing) is the user's to fix, not a bug:
exit 2, the file named with the system's reason and a hint, no traceback, nothing half-written
and nothing left behind. Cron's mail must say what to do."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import pytest

from gnbv.io import spilled_ids
from tests.conftest import DATA, PLAN_2024

CENSUS = DATA / "census_duplicate_id.csv"  # has rows set aside: the rejects file has rows


def _refuse_rename(*_: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["check", CENSUS, "--format", "json", "--output", "{out}/report.json"], "report.json"),
        (["check", CENSUS, "--format", "xlsx", "--output", "{out}/report.xlsx"], "report.xlsx"),
        (["check", CENSUS, "--exit-zero", "--rejects", "{out}/rejects.csv"], "rejects.csv"),
        (["classify", CENSUS, "-o", "{out}/classes.csv"], "classes.csv"),
    ],
)
def test_a_file_the_system_refuses_exits_2_and_names_it(
    cli: object,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: list[object],
    written: str,
) -> None:
    target = tmp_path / written
    target.write_bytes(b"the previous run's file")
    monkeypatch.setattr(os, "replace", _refuse_rename)
    args = [str(arg).replace("{out}", str(tmp_path)) for arg in command]
    result = cli(*args, "--plan", PLAN_2024, "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2, result.stderr
    assert f"{target}: cannot write: Permission denied" in result.stderr
    # The file is there already: on Windows, most often open in Excel.
    assert "hint: if the file is open (in Excel), close it and run again" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert target.read_bytes() == b"the previous run's file"
    assert sorted(path.name for path in tmp_path.iterdir()) == [written]  # no temporary left


def test_a_full_disk_under_the_report_exits_2_with_json_on_stdout(
    cli: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def disk_full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    report = tmp_path / "report.json"
    result = cli(  # type: ignore[operator]
        "check", CENSUS, "--plan", PLAN_2024, "--format", "json", "--output", report, "--lang", "en"
    )
    assert result.exit_code == 2
    assert f"{report}: cannot write: No space left on device" in result.stderr
    error = json.loads(result.stdout)
    assert (error["status"], error["exit_code"]) == ("error", 2)
    assert "cannot write" in error["error"]["message"]
    assert not list(tmp_path.iterdir())


class _FullSpool(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_temporary_folder_for_the_rejects_says_so(
    cli: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gnbv.io.rejects

    monkeypatch.setattr(gnbv.io.rejects, "_spool", _FullSpool)
    rejects = tmp_path / "rejects.csv"
    result = cli(  # type: ignore[operator]
        "check", CENSUS, "--plan", PLAN_2024, "--exit-zero", "--rejects", rejects, "--lang", "en"
    )
    assert result.exit_code == 2
    assert "could not be kept in a temporary file: No space left on device" in result.stderr
    assert "TMPDIR" in result.stderr and "Traceback" not in result.stderr
    assert not rejects.exists()


def test_id_hashes_that_cannot_be_read_back_say_so(
    cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass keeps every id's hash in temporary files (to find repeats across the
    whole file); a disk error reading them back is said, and where to point TMPDIR."""

    def failing_disk(*_: object) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(spilled_ids, "_read_exactly", failing_disk)
    result = cli("check", CENSUS, "--plan", PLAN_2024, "--exit-zero", "--lang", "en")  # type: ignore[operator]
    assert result.exit_code == 2
    assert "could not be read back: Input/output error" in result.stderr
    assert "TMPDIR" in result.stderr and "Traceback" not in result.stderr
