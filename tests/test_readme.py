"""The README's examples work as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from gnbv.io.yaml_loader import load_column_mapping
from tests.conftest import PLAN_2024, ROOT, household, write_census

README = (ROOT / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)


def test_the_column_mapping_example_loads_as_printed(tmp_path: Path) -> None:
    blocks = [block for block in YAML_BLOCKS if block.startswith("columns:")]
    assert blocks
    for number, block in enumerate(blocks):
        path = tmp_path / f"mapping_{number}.yaml"
        path.write_text(block, encoding="utf-8")
        mapping = load_column_mapping(path)
        assert mapping.booleans.true == ["c"] and mapping.booleans.false == ["k"]


def test_the_column_mapping_example_reads_a_districts_own_file(cli: Any, tmp_path: Path) -> None:
    """Headers, area and status codes, yes/no words and unit codes of the README's example
    give the report of the same households written the canonical way."""
    (block,) = [block for block in YAML_BLOCKS if block.startswith("columns:")]
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(block, encoding="utf-8")
    canonical = [
        household("A", income=1_000_000, deprived=3, status_prev="poor"),
        household("B", income=1_000_000, deprived=0, status_prev="near_poor", area="urban"),
        household("C", district="Lục Nam", commune="Bảo Sơn", status_prev="poor"),
    ]
    own = []
    for row in canonical:
        mine = {("Ma so ho" if k == "household_id" else "Vung" if k == "area" else k): v
                for k, v in row.items()}  # fmt: skip
        mine["Vung"] = {"rural": "NT", "urban": "TT"}[mine["Vung"]]
        mine["status_prev"] = {"poor": "N", "near_poor": "CN"}[mine["status_prev"]]
        mine["district"] = {"Sơn Động": "SĐ", "Lục Nam": "LN"}[mine["district"]]
        mine["commune"] = {"An Lạc": "AL"}.get(mine["commune"], mine["commune"])
        mine["dep_telecom"] = {"true": "c", "false": "k"}[mine["dep_telecom"]]
        mine["dep_water"] = "x" if mine["dep_water"] == "true" else ""
        own.append(mine)
    plain = write_census(tmp_path / "canonical.csv", canonical)
    theirs = write_census(tmp_path / "theirs.csv", own)

    def report(path: Path, *extra: str) -> dict[str, Any]:
        result = cli("check", path, "--plan", PLAN_2024, "--format", "json", *extra)
        assert result.exit_code in (0, 1), result.stderr
        document: dict[str, Any] = json.loads(result.stdout)
        for key in ("file", "sha256", "delimiter", "encoding", "format", "sheet"):
            document["input"].pop(key)
        return document

    assert report(theirs, "--columns", str(mapping)) == report(plain)
