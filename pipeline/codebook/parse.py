"""codebook.yaml -> a typed, validated :class:`~pipeline.codebook.book.Codebook` (format:
docs/codebook.md)."""

from __future__ import annotations

from pathlib import Path

from pipeline.codebook.book import Codebook
from pipeline.codebook.exports import (
    Export,
    column_ref,
    export_entries,
    file_options,
    mapped_columns,
    parse_recode,
)
from pipeline.codebook.model import Item, Scale
from pipeline.codebook.text import Text, read_text, read_texts, text_value
from pipeline.errors import UserError
from pipeline.i18n import LANGUAGES
from pipeline.yamlcheck import Section, load_yaml


def load_codebook(path: Path) -> Codebook:
    top = Section(load_yaml(path, "codebook"), path, "")
    survey = top.get("survey", str)
    title = read_text(top, "title", required=True)
    source = read_text(top, "source", required=False) or title
    scales = _scales(top.section("scales", required=True))
    themes = read_texts(top, "themes")
    groups = read_texts(top, "groups", required=True)
    items = _items(top.section("items", required=True), scales, themes)
    exports = _exports(top, path.parent, items, groups, scales)
    top.finish()
    return Codebook(path, survey, title, source, scales, themes, groups, items, exports)  # type: ignore[arg-type]


def _codes(sec: Section, key: str, required: bool) -> dict[int, Text]:
    data = sec.get(key, dict) if required else sec.get(key, dict, {})
    out: dict[int, Text] = {}
    for code, text in (data or {}).items():
        if isinstance(code, bool) or not isinstance(code, int):
            raise sec.error(f"{key}.{code}", "codes must be whole numbers")
        out[code] = text_value(text, sec, sec.key_path(f"{key}.{code}"))
    if required and not out:
        raise sec.error(key, "no codes declared", "list the answer codes")
    return out


def _int_list(sec: Section, key: str, default: tuple[int, ...] | None) -> tuple[int, ...]:
    values = sec.get(key, list) if default is None else sec.get(key, list, None)
    if values is None:
        return default or ()
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise sec.error(key, "must be a list of whole-number codes")
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
                raise s.error(key, f"code {bad[0]} is not among the codes")
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
            raise s.error("scale", f"unknown scale {scale!r}", f"use one of {sorted(scales)}")
        theme = s.get("theme", str, "")
        if theme and themes and theme not in themes:
            raise s.error("theme", f"unknown theme {theme!r}", f"use one of {sorted(themes)}")
        label = read_text(s, "label", required=True)
        question = read_text(s, "question", required=False) or label
        s.finish()
        items[str(iid)] = Item(str(iid), scale, theme, label, question)  # type: ignore[arg-type]
    sec.finish()
    if not items:
        raise UserError(sec.file, sec.path, "no items declared", "declare at least one item")
    return items


def _exports(
    top: Section,
    folder: Path,
    items: dict[str, Item],
    groups: dict[str, Text],
    scales: dict[str, Scale],
) -> tuple[Export, ...]:
    out = []
    for i, s in enumerate(export_entries(top)):
        file = s.get("file", str)
        rnd = s.get("round", int)
        language = s.choice("language", LANGUAGES, "fi", "language")
        mapped = mapped_columns(s, "items", items, "item", "declare the item under items")
        gc = s.get("group_codes", dict, None)
        group_codes = None
        if gc is not None:
            group_codes = {str(k).strip(): str(v).strip() for k, v in gc.items()}
            for k, v in group_codes.items():
                if v not in groups:
                    raise s.error(
                        f"group_codes.{k}",
                        f"maps to unknown group {v!r}",
                        f"use one of {sorted(groups)}",
                    )
        recode, recode_scales, recode_items = parse_recode(s, items, scales)
        export = Export(
            index=i,
            file=folder / file,
            round=rnd,
            language=language,
            items=mapped,
            municipality=column_ref(s, "municipality"),
            region=column_ref(s, "region"),
            group=column_ref(s, "group", required=True),
            respondent_id=column_ref(s, "respondent_id"),
            weight=column_ref(s, "weight"),
            group_codes=group_codes,
            recode=recode,
            recode_scales=recode_scales,
            recode_items=recode_items,
            **file_options(s),
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
