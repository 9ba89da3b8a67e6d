"""Export entries of a codebook (one data file per round): the options every export has
(:class:`ExportFile`, shared by the barometer and the activation codebooks), the barometer's
:class:`Export`, and the parts of an entry that need more than a type check: column
references, ``recode`` (export-wide, per scale, per item) and the rule that two items never
share a column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import UserError
from pipeline.yamlcheck import Section

if TYPE_CHECKING:
    from pipeline.codebook.model import Item, Scale

ColumnRef = str | int


@dataclass(frozen=True)
class ExportFile:
    """One data file and how to read it."""

    index: int
    file: Path
    round: int
    personal: tuple[ColumnRef, ...] = ()
    header_rows: int = 1
    sheet: str | None = None
    separator: str | None = None
    encoding: str = "auto"
    decimal: str = ","
    thousands: str | None = None  # declared thousands separator of numbers; None: no grouping

    @property
    def where(self) -> str:
        return f"exports[{self.index}]"


@dataclass(frozen=True, kw_only=True)
class Export(ExportFile):
    """A barometer export: which column holds each item and the design variables."""

    language: str
    items: dict[str, ColumnRef]
    municipality: ColumnRef | None = None
    region: ColumnRef | None = None
    group: ColumnRef | None = None
    respondent_id: ColumnRef | None = None
    weight: ColumnRef | None = None
    group_codes: dict[str, str] | None = None
    recode: dict[int, int] | None = None  # export-wide: the file's code -> codebook code
    recode_scales: dict[str, dict[int, int]] = field(default_factory=dict)  # by scale id
    recode_items: dict[str, dict[int, int]] = field(default_factory=dict)  # by item id

    def recode_for(self, item_id: str, scale_id: str) -> dict[int, int]:
        """The code mapping for one item: the item's own codes override its scale's, which
        override the export-wide ones."""
        return {
            **(self.recode or {}),
            **self.recode_scales.get(scale_id, {}),
            **self.recode_items.get(item_id, {}),
        }


def column_ref(sec: Section, key: str, required: bool = False) -> ColumnRef | None:
    """A column named by its header text or by its position (1 = first column)."""
    value = sec.get(key, (str, int)) if required else sec.get(key, (str, int), None)
    if isinstance(value, int) and value < 1:
        raise sec.error(key, "column positions start at 1")
    return value


def mapped_columns(
    s: Section, key: str, known: dict[str, Any], what: str, where_declared: str
) -> dict[str, ColumnRef]:
    """The mapping ``key`` of an export entry: declared ids (items, fields) -> their columns,
    each id known and each column used once."""
    sec = s.section(key, required=True)
    mapped: dict[str, ColumnRef] = {}
    for ident in list(sec.data):
        if str(ident) not in known:
            raise sec.error(ident, f"unknown {what} id", where_declared)
        mapped[str(ident)] = column_ref(sec, str(ident), required=True)  # type: ignore[assignment]
    sec.finish()
    check_distinct_columns(sec, mapped)
    if not mapped:
        raise s.error(key, f"maps no {key}", "map at least one")
    return mapped


def file_options(s: Section) -> dict[str, Any]:
    """The reading options of an export entry, as keyword arguments of :class:`ExportFile`."""
    personal = s.get("personal", list, [])
    header_rows = s.get("header_rows", int, 1)
    if header_rows not in (1, 2):
        raise s.error("header_rows", "must be 1 or 2")
    encoding = s.get("encoding", str, "auto")
    decimal = s.get("decimal", str, ",")
    if decimal not in (",", "."):
        raise s.error("decimal", "must be ',' or '.'")
    thousands = s.get("thousands", str, None)
    if thousands not in (None, " ", ".", ",") or thousands == decimal:
        raise s.error(
            "thousands", f"must be ' ', '.' or ',' and differ from the decimal mark {decimal!r}"
        )
    return {
        "personal": tuple(personal),
        "header_rows": header_rows,
        "sheet": s.get("sheet", str, None),
        "separator": s.get("separator", str, None),
        "encoding": encoding,
        "decimal": decimal,
        "thousands": thousands,
    }


def export_entries(top: Section) -> list[Section]:
    """The entries of ``exports:`` (at least one), each as a Section."""
    raw = top.get("exports", list)
    if not raw:
        raise UserError(top.file, "exports", "no exports listed", "list at least one file")
    return [Section(entry, top.file, f"exports[{i}]") for i, entry in enumerate(raw)]


def code_map(sec: Section, key: str, value: Any) -> dict[int, int]:
    if not isinstance(value, dict) or not value:
        raise sec.error(
            key,
            "must map the file's whole-number codes to codebook codes",
            "e.g. {1: 5, 2: 4, 4: 2, 5: 1}",
        )
    for k, v in value.items():
        for c in (k, v):
            if isinstance(c, bool) or not isinstance(c, int):
                raise sec.error(
                    f"{key}.{k}",
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
            raise sec.error(
                item_id,
                f"maps the same column ({ref!r}) as {seen[key]}",
                "each one needs its own column; check the positions or names",
            )
        seen[key] = item_id
