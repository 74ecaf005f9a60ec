"""Every string gnbv shows a person exists in Vietnamese and in English (one catalogue)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from gnbv.core.analysis.lists import FILTER_TRANSITIONS
from gnbv.core.contract.reasons import REASONS
from gnbv.core.plan.metrics import METRICS
from gnbv.core.programme.progress_contract import WORK_STATUS_WORDS
from gnbv.render.forms.review import _FLOWS
from gnbv.render.labels import _LABELS, CATALOGUE_PARTS

SOURCE = Path(__file__).resolve().parents[1] / "src" / "gnbv"
CALLS = re.compile(r"""(?:label|say|info|label_text)\(\s*["']([a-z0-9_]+)["']""")
KEYS = re.compile(r"""(?:key=|ReportWarning\([^)]*?,\s*)["']((?:err|warn)_[a-z0-9_]+)["']""", re.S)


def _used_keys() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(CALLS.findall(text)) | set(KEYS.findall(text))
    return found


def test_no_key_is_in_two_parts_of_the_catalogue() -> None:
    # A key in two parts would show the words of whichever part comes last.
    seen: dict[str, int] = {}
    for part in CATALOGUE_PARTS:
        for key in part:
            seen[key] = seen.get(key, 0) + 1
    assert [key for key, times in seen.items() if times > 1] == []


def test_every_label_the_code_names_is_in_the_catalogue() -> None:
    # A key ending in "_" is a family's prefix (label("unit_" + unit)): checked below.
    missing = sorted(key for key in _used_keys() if key not in _LABELS and not key.endswith("_"))
    assert not missing


FAMILIES = {
    "reason_": list(REASONS),
    "status_": ["met", "not_met", "no_data"],
    "form_status_": ["met", "not_met", "no_data"],
    "class_": ["poor", "near_poor", "middle", "non_poor"],
    "area_": ["rural", "urban"],
    "area_short_": ["rural", "urban"],
    "unit_": sorted({spec.count_unit for spec in METRICS.values()}),
    "p_status_": sorted(set(WORK_STATUS_WORDS.values())),
    "p_work_": ["done", "done_late", "not_done", "in_time", "not_reported"],
    "p_report_": ["on_time", "late", "missing"],
    "p_source_": ["central", "provincial", "district"],
    "p_funds_": ["plan_year", "carried_over", "all"],
    "flow_": [name for flows in _FLOWS.values() for name in [*flows[1], *flows[2]]],
    "transition_": sorted(
        {name for names in FILTER_TRANSITIONS.values() for name in names}
        | {"stayed_near_poor", "escaped_near_poverty", "became_near_poor", "stayed_above"}
    ),
    "warn_history_": [
        f"{why}_{what}" for why in ("blank", "absent") for what in ("poor", "near_poor")
    ],
}


@pytest.mark.parametrize("prefix", list(FAMILIES))
def test_every_code_shown_to_a_person_has_a_label(prefix: str) -> None:
    missing = [code for code in FAMILIES[prefix] if f"{prefix}{code}" not in _LABELS]
    assert not missing


@pytest.mark.parametrize("key", sorted(_LABELS))
def test_both_languages_say_it_with_the_same_blanks(key: str) -> None:
    vietnamese, english = _LABELS[key]
    assert vietnamese.strip() and english.strip()

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert fields(vietnamese) == fields(english)


def test_every_help_text_has_its_vietnamese() -> None:
    import typer

    from gnbv.cli import app
    from gnbv.render.help_vi import vietnamese_help

    missing: list[str] = []

    def walk(command: object) -> None:
        texts = [getattr(command, "help", None)]
        texts += [getattr(param, "help", None) for param in getattr(command, "params", [])]
        missing.extend(text for text in texts if text and vietnamese_help(text) is None)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    assert not missing


def test_help_is_vietnamese_unless_english_is_asked(cli: object) -> None:
    vietnamese = cli("check", "--help")  # type: ignore[operator]
    assert "Kiểm tra tệp rà soát" in vietnamese.stdout
    english = cli("check", "--lang", "en", "--help")  # type: ignore[operator]
    assert "Validate a census" in english.stdout


ERRORS = {
    "GnbvError",
    "UsageError",
    "PlanError",
    "CensusReadError",
    "StorageError",
    "HistoryError",
    "ProgressFileError",
}


def _constructions() -> list[tuple[str, ast.Call]]:
    found = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                found.append((f"{path.name}:{node.lineno}", node))
    return found


def test_every_error_a_person_sees_has_its_words_in_both_languages() -> None:
    """An error raised to the user without a catalogue key would be English on a Vietnamese
    screen: each names its key, and the key (and any hint's key) is in the catalogue."""
    unkeyed = []
    for where, call in _constructions():
        name = call.func.id  # type: ignore[attr-defined]
        if name in ERRORS:
            keyed = any(keyword.arg == "key" for keyword in call.keywords)
            positional_key = name == "ProgressFileError" and len(call.args) >= 3
            forwarded = name == "CensusReadError" and any(
                keyword.arg == "key" and isinstance(keyword.value, ast.Attribute)
                for keyword in call.keywords
            )
            if not (keyed or positional_key or forwarded):
                unkeyed.append(where)
        if name in ("RuleError", "PlanProblem") and len(call.args) >= 3:
            key = call.args[1] if name == "RuleError" else call.args[2]
            if isinstance(key, ast.Constant) and key.value not in _LABELS:
                unkeyed.append(f"{where}: {key.value}")
    assert not unkeyed
