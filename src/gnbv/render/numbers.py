"""Number style: Vietnamese (279.862 and 2,63%) by default, English (279,862 and 2.63%)."""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]


def _swap_separators(text: str) -> str:
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_int(value: int | None, lang: Lang) -> str:
    if value is None:
        return "—"
    text = f"{value:,}"
    return _swap_separators(text) if lang == "vi" else text


def fmt_num(value: float | None, lang: Lang, digits: int = 2, *, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:+,.{digits}f}" if signed else f"{value:,.{digits}f}"
    return _swap_separators(text) if lang == "vi" else text


def fmt_pct(value: float | None, lang: Lang, digits: int = 2) -> str:
    return "—" if value is None else fmt_num(value, lang, digits) + "%"
