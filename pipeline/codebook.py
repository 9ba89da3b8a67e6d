"""codebook.yaml -> a typed, validated :class:`Codebook` (format: docs/codebook.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import UserError
from pipeline.stats.types import ItemScale
from pipeline.yamlcheck import Section, load_yaml

LANGUAGES = ("fi", "sv", "en")
ColumnRef = str | int


@dataclass(frozen=True)
class Text:
    """A user-facing text in Finnish, Swedish and English."""

    fi: str
    sv: str
    en: str

    def get(self, language: str) -> str:
        return str(getattr(self, language))

    def as_dict(self) -> dict[str, str]:
        return {"fi": self.fi, "sv": self.sv, "en": self.en}


@dataclass(frozen=True)
class Scale:
    id: str
    kind: Literal["rating", "change"]
    codes: dict[int, Text]
    dont_know: dict[int, Text]
    top: tuple[int, ...] = ()
    bottom: tuple[int, ...] = ()
    improved: tuple[int, ...] = ()
    worsened: tuple[int, ...] = ()
    missing_codes: tuple[int, ...] = ()
    missing_labels: tuple[str, ...] = ()

    def item_scale(self) -> ItemScale:
        return ItemScale(
            self.kind,
            tuple(self.codes),
            self.top,
            self.bottom,
            self.improved,
            self.worsened,
        )


@dataclass(frozen=True)
class Item:
    id: str
    scale: str
    theme: str
    label: Text
    question: Text


@dataclass(frozen=True)
class Export:
    index: int
    file: Path
    round: int
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

    def recode_for(self, item_id: str, scale_id: str) -> dict[int, int]:
        """The code mapping for one item: the item's own codes override its scale's, which
        override the export-wide ones."""
        return {
            **(self.recode or {}),
            **self.recode_scales.get(scale_id, {}),
            **self.recode_items.get(item_id, {}),
        }


@dataclass(frozen=True)
class Codebook:
    path: Path
    survey: str
    title: Text
    source: Text
    scales: dict[str, Scale]
    themes: dict[str, Text]
    groups: dict[str, Text]
    items: dict[str, Item]
    exports: tuple[Export, ...]

    def item_scales(self) -> dict[str, ItemScale]:
        return {i: self.scales[it.scale].item_scale() for i, it in self.items.items()}

    def rounds(self) -> list[int]:
        return sorted({e.round for e in self.exports})

    def snapshot(self) -> dict[str, Any]:
        """A JSON-serialisable copy for downstream stages (labels, scales, themes)."""
        return {
            "survey": self.survey,
            "title": self.title.as_dict(),
            "source": self.source.as_dict(),
            "rounds": self.rounds(),
            "scales": {
                s.id: {
                    "kind": s.kind,
                    "codes": {str(c): t.as_dict() for c, t in s.codes.items()},
                    "dont_know": {str(c): t.as_dict() for c, t in s.dont_know.items()},
                    "top": list(s.top),
                    "bottom": list(s.bottom),
                    "improved": list(s.improved),
                    "worsened": list(s.worsened),
                }
                for s in self.scales.values()
            },
            "themes": {k: t.as_dict() for k, t in self.themes.items()},
            "groups": {k: t.as_dict() for k, t in self.groups.items()},
            "items": {
                i.id: {
                    "scale": i.scale,
                    "theme": i.theme,
                    "label": i.label.as_dict(),
                    "question": i.question.as_dict(),
                }
                for i in self.items.values()
            },
            "exports": [
                {"file": e.file.name, "round": e.round, "language": e.language}
                for e in self.exports
            ],
        }


def load_codebook(path: Path) -> Codebook:
    top = Section(load_yaml(path, "codebook"), path, "")
    survey = top.get("survey", str)
    title = _text(top, "title", required=True)
    source = _text(top, "source", required=False) or title
    scales = _scales(top.section("scales", required=True))
    themes = {str(k): _text_value(v, top, f"themes.{k}") for k, v in _mapping(top, "themes")}
    groups = {str(k): _text_value(v, top, f"groups.{k}") for k, v in _mapping(top, "groups", True)}
    items = _items(top.section("items", required=True), scales, themes)
    exports = _exports(top, path.parent, items, groups, scales)
    top.finish()
    return Codebook(path, survey, title, source, scales, themes, groups, items, exports)


def _mapping(sec: Section, key: str, required: bool = False) -> list[tuple[Any, Any]]:
    data = sec.get(key, dict) if required else sec.get(key, dict, {})
    if required and not data:
        raise UserError(sec.file, sec.key_path(key), "is empty", "declare at least one entry")
    return list((data or {}).items())


def _text_value(value: Any, sec: Section, where: str) -> Text:
    if isinstance(value, str):
        return Text(value, value, value)
    inner = Section(value, sec.file, where)
    fi = inner.get("fi", (str, int, float))
    sv = inner.get("sv", (str, int, float), fi)
    en = inner.get("en", (str, int, float), fi)
    inner.finish()
    return Text(str(fi), str(sv), str(en))


def _text(sec: Section, key: str, required: bool) -> Text | None:
    if not sec.has(key):
        if required:
            sec.get(key, dict)  # raises "required key is missing"
        sec.get(key, dict, None)
        return None
    sec.get(key, (dict, str))
    return _text_value(sec.data[key], sec, sec.key_path(key))


def _codes(sec: Section, key: str, required: bool) -> dict[int, Text]:
    data = sec.get(key, dict) if required else sec.get(key, dict, {})
    out: dict[int, Text] = {}
    for code, text in (data or {}).items():
        if isinstance(code, bool) or not isinstance(code, int):
            raise UserError(sec.file, sec.key_path(f"{key}.{code}"), "codes must be whole numbers")
        out[code] = _text_value(text, sec, sec.key_path(f"{key}.{code}"))
    if required and not out:
        raise UserError(sec.file, sec.key_path(key), "no codes declared", "list the answer codes")
    return out


def _int_list(sec: Section, key: str, default: tuple[int, ...] | None) -> tuple[int, ...]:
    values = sec.get(key, list) if default is None else sec.get(key, list, None)
    if values is None:
        return default or ()
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise UserError(sec.file, sec.key_path(key), "must be a list of whole-number codes")
    return tuple(values)


def _scales(sec: Section) -> dict[str, Scale]:
    scales: dict[str, Scale] = {}
    for sid in list(sec.data):
        s = sec.section(str(sid))
        kind = s.get("kind", str)
        if kind not in ("rating", "change"):
            raise UserError(
                s.file, s.key_path("kind"), f"unknown scale kind {kind!r}", "use rating or change"
            )
        codes = _codes(s, "codes", required=True)
        dont_know = _codes(s, "dont_know", required=False)
        overlap = set(codes) & set(dont_know)
        if overlap:
            raise UserError(
                s.file, s.key_path("dont_know"), f"code {min(overlap)} is also a valid code"
            )
        ordered = sorted(codes)
        missing = s.get("missing", list, [])
        miss_codes = tuple(v for v in missing if isinstance(v, int) and not isinstance(v, bool))
        miss_labels = tuple(str(v) for v in missing if isinstance(v, str))
        top = bottom = improved = worsened = ()
        if kind == "rating":
            top = _int_list(s, "top", tuple(ordered[-2:]))
            bottom = _int_list(s, "bottom", tuple(ordered[:2]))
        else:
            improved = _int_list(s, "improved", None)
            worsened = _int_list(s, "worsened", None)
        for key, vals in (
            ("top", top),
            ("bottom", bottom),
            ("improved", improved),
            ("worsened", worsened),
        ):
            bad = [v for v in vals if v not in codes]
            if bad:
                raise UserError(s.file, s.key_path(key), f"code {bad[0]} is not among the codes")
        s.finish()
        scales[str(sid)] = Scale(
            str(sid),
            kind,
            {c: codes[c] for c in ordered},
            dont_know,
            top,
            bottom,  # type: ignore[arg-type]
            improved,
            worsened,
            miss_codes,
            miss_labels,
        )
    sec.finish()
    if not scales:
        raise UserError(sec.file, sec.path, "no scales declared", "declare at least one scale")
    return scales


def _items(sec: Section, scales: dict[str, Scale], themes: dict[str, Text]) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for iid in list(sec.data):
        s = sec.section(str(iid))
        scale = s.get("scale", str)
        if scale not in scales:
            raise UserError(
                s.file,
                s.key_path("scale"),
                f"unknown scale {scale!r}",
                f"use one of {sorted(scales)}",
            )
        theme = s.get("theme", str, "")
        if theme and themes and theme not in themes:
            raise UserError(
                s.file,
                s.key_path("theme"),
                f"unknown theme {theme!r}",
                f"use one of {sorted(themes)}",
            )
        label = _text(s, "label", required=True)
        question = _text(s, "question", required=False) or label
        s.finish()
        items[str(iid)] = Item(str(iid), scale, theme, label, question)  # type: ignore[arg-type]
    sec.finish()
    if not items:
        raise UserError(sec.file, sec.path, "no items declared", "declare at least one item")
    return items


def _ref(sec: Section, key: str, required: bool = False) -> ColumnRef | None:
    value = sec.get(key, (str, int)) if required else sec.get(key, (str, int), None)
    if isinstance(value, int) and value < 1:
        raise UserError(sec.file, sec.key_path(key), "column positions start at 1")
    return value


def _exports(
    top: Section,
    folder: Path,
    items: dict[str, Item],
    groups: dict[str, Text],
    scales: dict[str, Scale],
) -> tuple[Export, ...]:
    raw = top.get("exports", list)
    if not raw:
        raise UserError(top.file, "exports", "no exports listed", "list at least one file")
    out = []
    for i, entry in enumerate(raw):
        s = Section(entry, top.file, f"exports[{i}]")
        file = s.get("file", str)
        rnd = s.get("round", int)
        language = s.get("language", str, "fi")
        if language not in LANGUAGES:
            raise UserError(
                s.file,
                s.key_path("language"),
                f"unknown language {language!r}",
                f"use one of {list(LANGUAGES)}",
            )
        isec = s.section("items", required=True)
        mapped: dict[str, ColumnRef] = {}
        for iid in list(isec.data):
            if str(iid) not in items:
                raise UserError(
                    isec.file, isec.key_path(iid), "unknown item id", "declare the item under items"
                )
            mapped[str(iid)] = _ref(isec, str(iid), required=True)  # type: ignore[assignment]
        isec.finish()
        _check_distinct_columns(isec, mapped)
        if not mapped:
            raise UserError(s.file, s.key_path("items"), "maps no items", "map at least one")
        gc = s.get("group_codes", dict, None)
        group_codes = None
        if gc is not None:
            group_codes = {str(k).strip(): str(v).strip() for k, v in gc.items()}
            for k, v in group_codes.items():
                if v not in groups:
                    raise UserError(
                        s.file,
                        s.key_path(f"group_codes.{k}"),
                        f"maps to unknown group {v!r}",
                        f"use one of {sorted(groups)}",
                    )
        recode, recode_scales, recode_items = _recode(s, items, scales)
        personal = s.get("personal", list, [])
        header_rows = s.get("header_rows", int, 1)
        if header_rows not in (1, 2):
            raise UserError(s.file, s.key_path("header_rows"), "must be 1 or 2")
        encoding = s.get("encoding", str, "auto")
        decimal = s.get("decimal", str, ",")
        if decimal not in (",", "."):
            raise UserError(s.file, s.key_path("decimal"), "must be ',' or '.'")
        thousands = s.get("thousands", str, None)
        if thousands not in (None, " ", ".", ",") or thousands == decimal:
            raise UserError(
                s.file,
                s.key_path("thousands"),
                f"must be ' ', '.' or ',' and differ from the decimal mark {decimal!r}",
            )
        export = Export(
            index=i,
            file=folder / file,
            round=rnd,
            language=language,
            items=mapped,
            municipality=_ref(s, "municipality"),
            region=_ref(s, "region"),
            group=_ref(s, "group", required=True),
            respondent_id=_ref(s, "respondent_id"),
            weight=_ref(s, "weight"),
            group_codes=group_codes,
            recode=recode,
            recode_scales=recode_scales,
            recode_items=recode_items,
            personal=tuple(personal),
            header_rows=header_rows,
            sheet=s.get("sheet", str, None),
            separator=s.get("separator", str, None),
            encoding=encoding,
            decimal=decimal,
            thousands=thousands,
        )
        if export.municipality is None and export.region is None:
            raise UserError(
                s.file,
                s.path,
                "neither municipality nor region is mapped",
                "map the municipality (or region) column",
            )
        s.finish()
        out.append(export)
    files = [e.file for e in out]
    dup = next((f for f in files if files.count(f) > 1), None)
    if dup is not None:
        raise UserError(top.file, "exports", f"{dup.name} is listed twice", "list each file once")
    return tuple(out)


def _code_map(sec: Section, key: str, value: Any) -> dict[int, int]:
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


def _recode(
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
            by_scale[name] = _code_map(sec, name, value)
        elif name in items:
            by_item[name] = _code_map(sec, name, value)
        else:
            raise UserError(
                s.file,
                sec.key_path(name),
                "is neither a code, a scale id nor an item id",
                f"use a whole-number code (all items), a scale ({', '.join(sorted(scales))}) "
                "or an item id",
            )
    return overall or None, by_scale, by_item


def _check_distinct_columns(sec: Section, mapped: dict[str, ColumnRef]) -> None:
    """Two items read from one column would silently get the same answers."""
    seen: dict[str, str] = {}
    for item_id, ref in mapped.items():
        key = str(ref).casefold().strip() if isinstance(ref, str) else f"#{ref}"
        if key in seen:
            raise UserError(
                sec.file,
                sec.key_path(item_id),
                f"maps the same column ({ref!r}) as {seen[key]}",
                "each item needs its own column; check the positions or names",
            )
        seen[key] = item_id
