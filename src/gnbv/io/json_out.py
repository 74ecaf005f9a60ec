"""JSON documents on stdout or in files: stdlib json only, stable key order, UTF-8."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 1


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def error_document(message: str, hint: str | None, exit_code: int) -> dict[str, Any]:
    """What stdout holds when a ``--format json`` run fails: never an empty string."""
    return {
        "schema_version": SCHEMA_VERSION,
        "status": "error",
        "exit_code": exit_code,
        "error": {"message": message, "hint": hint},
    }
