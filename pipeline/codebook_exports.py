"""Parts of an export's entry in codebook.yaml that need more than a type check: ``recode``
(export-wide, per scale, per item) and the rule that two items never share a column."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.errors import UserError
from pipeline.yamlcheck import Section

if TYPE_CHECKING:
    from pipeline.codebook import Item, Scale


def code_map(sec: Section, key: str, value: Any) -> dict[int, int]:
    if not isinstance(value, dict) or not value:
        raise UserError(
            sec.file,
            sec.key_path(key),
            "must map the file's whole-number codes to codebook codes",
            "e.g. {1: 5, 2: 4, 4: 2, 5: 1}",
        )
    for k, v in value.items():
        for c in (k, v):
            if isinstance(c, bool) or not isinstance(c, int):
                raise UserError(
                    sec.file,
                    sec.key_path(f"{key}.{k}"),
                    f"{c!r} is not a whole-number code",
                    "recode maps the file's codes to codebook codes, e.g. {99: 9}",
                )
    return {int(k): int(v) for k, v in value.items()}


def parse_recode(
    s: Section, items: dict[str, Item], scales: dict[str, Scale]
) -> tuple[dict[int, int] | None, dict[str, dict[int, int]], dict[str, dict[int, int]]]:
    """``recode`` of an export: whole-number keys recode every item; a scale id or item id
    key holds a code mapping for the items of that scale or for that item only."""
    rc = s.get("recode", dict, None)
    if rc is None:
        return None, {}, {}
    overall: dict[int, int] = {}
    by_scale: dict[str, dict[int, int]] = {}
    by_item: dict[str, dict[int, int]] = {}
    where = s.key_path("recode")
    sec = Section(rc, s.file, where)
    for key, value in rc.items():
        if isinstance(key, int) and not isinstance(key, bool):
            if isinstance(value, bool) or not isinstance(value, int):
                raise UserError(
                    s.file,
                    sec.key_path(str(key)),
                    f"{value!r} is not a whole-number code",
                    "recode maps the file's codes to codebook codes, e.g. {99: 9}",
                )
            overall[key] = value
            continue
        name = str(key)
        if name in scales and name in items:
            raise UserError(
                s.file,
                sec.key_path(name),
                "is both a scale id and an item id",
                "rename the scale or the item so that recode is unambiguous",
            )
        if name in scales:
            by_scale[name] = code_map(sec, name, value)
        elif name in items:
            by_item[name] = code_map(sec, name, value)
        else:
            raise UserError(
                s.file,
                sec.key_path(name),
                "is neither a code, a scale id nor an item id",
                f"use a whole-number code (all items), a scale ({', '.join(sorted(scales))}) "
                "or an item id",
            )
    return overall or None, by_scale, by_item


def check_distinct_columns(sec: Section, mapped: dict[str, str | int]) -> None:
    """Two items (or activation fields) read from one column would silently get the same
    answers."""
    seen: dict[str, str] = {}
    for item_id, ref in mapped.items():
        key = str(ref).casefold().strip() if isinstance(ref, str) else f"#{ref}"
        if key in seen:
            raise UserError(
                sec.file,
                sec.key_path(item_id),
                f"maps the same column ({ref!r}) as {seen[key]}",
                "each one needs its own column; check the positions or names",
            )
        seen[key] = item_id
