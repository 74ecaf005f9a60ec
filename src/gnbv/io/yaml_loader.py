"""Read plan and standard YAML files into strict models, with errors that name file and line.

Only safe loading is used (no Python object tags). YAML aliases are refused: a plan has no use
for them, and expanding them is how a small file becomes a huge one. A key written twice in one
mapping is refused too, because YAML would silently keep the last one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from gnbv.core.contract.mapping import ColumnMapping
from gnbv.core.plan.checks import plan_problems
from gnbv.core.plan.model import Loc, Plan
from gnbv.core.plan.standards import Standard
from gnbv.errors import Detail, PlanError, RuleError

ModelT = TypeVar("ModelT", bound=BaseModel)

_MAX_YAML_BYTES = 5 * 1024 * 1024


# libyaml's parser when PyYAML was built with it (about 20x faster), else the Python one.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _first_alias_line(node: yaml.Node | None) -> int | None:
    """Line (1-based) where a node is reached a second time: an alias (*name).

    The composed tree shares the anchored node; the line reported is that of the key (or
    list) that refers to it the second time.
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, node.start_mark.line)] if node else []
    while stack:
        current, line = stack.pop()
        if id(current) in seen:
            return line + 1
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((value, key.start_mark.line))
                stack.append((key, key.start_mark.line))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, current.start_mark.line) for item in reversed(current.value))
    return None


def format_loc(loc: Sequence[str | int]) -> str:
    """``("targets", 3, "value")`` -> ``targets[3].value``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _line_of(root: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node of ``loc`` that exists in the document."""
    node = root
    if node is None:
        return None
    line: int = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    child = value
                    # Point at the key: that is where a reader looks for it.
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _duplicate_keys(node: yaml.Node | None, path: Loc = ()) -> list[tuple[Loc, int]]:
    found: list[tuple[Loc, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                found.append(((*path, name), key.start_mark.line + 1))
            seen.add(name)
            found.extend(_duplicate_keys(value, (*path, name)))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found.extend(_duplicate_keys(item, (*path, index)))
    return found


def _read_document(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    loader: yaml.SafeLoader | None = None
    try:
        loader = _Loader(text)  # the reader checks characters here already
        root = loader.get_single_node()
        alias_line = _first_alias_line(root)
        if alias_line is not None:
            # Refused before anything is constructed: expanding aliases is how a small file
            # becomes a huge one, and a plan has no use for them.
            raise PlanError(
                f"{source}:{alias_line}: not valid YAML: YAML "
                "aliases (*name) are not allowed in gnbv files",
                hint="write the value out instead of referring to an anchor",
                key="err_yaml_alias",
                params={"where": f"{source}:{alias_line}"},
            )
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        raise PlanError(
            f"{where}: not valid YAML: {error.problem or error.context}",
            hint="fix the YAML at that line",
            key="err_yaml",
            params={"where": where, "reason": error.problem or error.context},
        ) from error
    except yaml.YAMLError as error:
        raise PlanError(
            f"{source}: not valid YAML: {error}",
            key="err_yaml",
            params={"where": source, "reason": error},
        ) from error
    finally:
        if loader is not None:
            loader.dispose()
    duplicates = _duplicate_keys(root)
    if duplicates:
        details = [
            f"{source}:{line}: {format_loc(loc)}: key given twice" for loc, line in duplicates
        ]
        raise PlanError(
            details[0],
            hint="remove one of the two",
            details=details[1:],
            key="err_yaml_twice",
            params={
                "where": f"{source}:{duplicates[0][1]}",
                "name": format_loc(duplicates[0][0]),
            },
        )
    return data, root


def _read_text(path: Path, what: str) -> str:
    if not path.exists():
        raise PlanError(
            f"{path}: no such {what} file",
            hint="check the path",
            key="err_no_file",
            params={"path": path},
        )
    if path.is_dir():
        raise PlanError(
            f"{path}: is a directory, not a {what} file",
            hint="name the YAML file",
            key="err_directory",
            params={"path": path},
        )
    if path.stat().st_size > _MAX_YAML_BYTES:
        raise PlanError(
            f"{path}: {what} file is larger than 5 MB; refusing to read it",
            key="err_yaml_large",
            params={"path": path},
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanError(
            f"{path}: not UTF-8 text (byte {error.start})",
            hint=f"save the {what} file as UTF-8",
            key="err_yaml_not_utf8",
            params={"path": path, "offset": error.start},
        ) from error
    except OSError as error:
        raise PlanError(
            f"{path}: cannot read: {error.strerror}",
            key="err_cannot_read",
            params={"path": path, "reason": error.strerror},
        ) from error


def _validation_details(
    error: ValidationError, source: str, root: yaml.Node | None
) -> list[Detail]:
    details = []
    for item in error.errors(include_url=False):
        loc = [part for part in item["loc"] if isinstance(part, str | int)]
        message = str(item["msg"]).removeprefix("Value error, ")
        line = _line_of(root, loc)
        where = f"{source}:{line}: {format_loc(loc) or '(document)'}"
        if line is None:
            where = f"{source}: {format_loc(loc) or '(document)'}"
        context = item.get("ctx") or {}
        cause = context.get("error")
        if isinstance(cause, RuleError):  # one of gnbv's own rules
            details.append(Detail(where, message, cause.key, dict(cause.params)))
        else:  # pydantic's own (a typo in a key, a missing one, a wrong type)
            params = {name: value for name, value in context.items() if name != "error"}
            details.append(Detail(where, message, f"pydantic_{item['type']}", params))
    return details


def _model_error(details: list[Detail], key: str, hint: str) -> PlanError:
    """A file that does not load: every problem listed, each with its place."""
    return PlanError(
        str(details[0]),
        hint=hint,
        details=[str(detail) for detail in details[1:]],
        key=key,
        params={"count": len(details)},
        items=details,
    )


def parse_model(
    text: str, source: str, model: type[ModelT], what: str = "plan"
) -> tuple[ModelT, yaml.Node | None]:
    data, root = _read_document(text, source)
    if not isinstance(data, dict):
        raise PlanError(
            f"{source}: expected a YAML mapping at the top, found {type(data).__name__}",
            key="err_yaml_not_mapping",
            params={"path": source},
        )
    try:
        return model.model_validate(data), root
    except ValidationError as error:
        details = _validation_details(error, source, root)
        hint = f"see the {what} file format in the README"
        key = "err_invalid_" + what.replace(" ", "_")  # plan, standard, column mapping
        raise _model_error(details, key, hint) from error


@functools.cache
def _shipped_standards() -> tuple[Standard, ...]:
    standards = []
    folder = resources.files("gnbv") / "standards"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            standard, _ = parse_model(
                entry.read_text(encoding="utf-8"), f"standards/{entry.name}", Standard, "standard"
            )
            standards.append(standard)
    return tuple(standards)


def load_standards() -> list[Standard]:
    """Every standard shipped with gnbv (``gnbv/standards/*.yaml``), read once per process."""
    return list(_shipped_standards())


def load_standard(standard_id: str) -> Standard:
    for standard in load_standards():
        if standard.id == standard_id:
            return standard
    raise PlanError(
        f"unknown standard {standard_id!r}",
        key="err_unknown_standard",
        params={"standard": standard_id},
    )


def load_plan(path: Path, *, check_consistency: bool = True) -> Plan:
    """Read and validate a plan file.

    With ``check_consistency`` (the default) every cross-item rule of the plan is checked too
    (unique ids, stated totals equal to their parts); ``gnbv budget`` turns it off to show a
    budget that does not add up instead of refusing it.
    """
    source = str(path)
    plan, root = parse_model(_read_text(path, "plan"), source, Plan)
    if check_consistency:
        known = {standard.id for standard in load_standards()}
        problems = plan_problems(plan, known)
        if problems:
            details = []
            for problem in problems:
                line = _line_of(root, problem.loc)
                where = f"{source}:{line}" if line else source
                where = f"{where}: {format_loc(problem.loc)}"
                details.append(Detail(where, problem.message, problem.key, problem.params))
            hint = "correct the plan so that it says what the plan's text says"
            raise _model_error(details, "err_plan_inconsistent", hint)
    return plan


def load_column_mapping(path: Path) -> ColumnMapping:
    """A district's column mapping file, validated as strictly as a plan."""
    text = _read_text(path, "column mapping")
    mapping, _ = parse_model(text, str(path), ColumnMapping, "column mapping")
    return mapping
