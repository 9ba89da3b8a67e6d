"""codebook.yaml -> a typed, validated :class:`Codebook` (format: docs/codebook.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import UserError
from pipeline.i18n import LANGUAGES, t
from pipeline.stats.types import ALL, ItemScale
from pipeline.yamlcheck import Section, load_yaml

ColumnRef = str | int


@dataclass(frozen=True)
class Text:
    """A user-facing text in Finnish, Swedish and English."""

    fi: str
    sv: str
    en: str

    def get(self, language: str) -> str:
        return str(getattr(self, language))

    def pick(self, language: str, fallback: str = "") -> str:
        """The text in ``language``, else the Finnish one, else ``fallback`` (never empty when
        a fallback is given)."""
        return getattr(self, language, "") or self.fi or fallback

    def as_dict(self) -> dict[str, str]:
        return {"fi": self.fi, "sv": self.sv, "en": self.en}

    @classmethod
    def from_dict(cls, texts: Mapping[str, str]) -> Text:
        fi = str(texts.get("fi", ""))
        return cls(fi, str(texts.get("sv", fi)), str(texts.get("en", fi)))


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

    @property
    def valid_codes(self) -> tuple[int, ...]:
        """The valid answer codes in ascending order."""
        return tuple(self.codes)

    @property
    def dont_know_codes(self) -> tuple[int, ...]:
        return tuple(self.dont_know)

    @property
    def positive(self) -> tuple[int, ...]:
        """The favourable side: top-2 codes of a rating scale, "improved" of a change scale."""
        return self.top if self.kind == "rating" else self.improved

    @property
    def negative(self) -> tuple[int, ...]:
        """The unfavourable side: bottom-2 codes of a rating scale, "worsened" of a change."""
        return self.bottom if self.kind == "rating" else self.worsened

    @property
    def range(self) -> tuple[int, int]:
        """Lowest and highest valid code."""
        return min(self.codes), max(self.codes)

    def code_label(self, code: int | float | str, language: str) -> str:
        """Label of a valid or don't-know code (the code itself when it has none)."""
        key = int(float(code))
        text = self.codes.get(key) or self.dont_know.get(key)
        return text.pick(language, str(key)) if text else str(key)

    def as_dict(self) -> dict[str, Any]:
        """The scale as written to codebook.json."""
        return {
            "kind": self.kind,
            "codes": {str(c): t.as_dict() for c, t in self.codes.items()},
            "dont_know": {str(c): t.as_dict() for c, t in self.dont_know.items()},
            "top": list(self.top),
            "bottom": list(self.bottom),
            "improved": list(self.improved),
            "worsened": list(self.worsened),
        }

    @classmethod
    def from_dict(cls, sid: str, data: Mapping[str, Any]) -> Scale:
        def codes(key: str) -> dict[int, Text]:
            return {int(c): Text.from_dict(t) for c, t in data.get(key, {}).items()}

        return cls(
            sid,
            data["kind"],
            codes("codes"),
            codes("dont_know"),
            tuple(int(c) for c in data.get("top", ())),
            tuple(int(c) for c in data.get("bottom", ())),
            tuple(int(c) for c in data.get("improved", ())),
            tuple(int(c) for c in data.get("worsened", ())),
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
    recode: dict[int, int] | None = None
    personal: tuple[ColumnRef, ...] = ()
    header_rows: int = 1
    sheet: str | None = None
    separator: str | None = None
    encoding: str = "auto"
    decimal: str = ","

    @property
    def where(self) -> str:
        return f"exports[{self.index}]"


@dataclass(frozen=True)
class Codebook:
    """The survey's codebook: parsed from codebook.yaml at ingest, or loaded back from the
    codebook.json snapshot by later stages (:func:`load_codebook_json`), which then carries the
    region names too. Labels and answer sides are looked up through its methods."""

    path: Path
    survey: str
    title: Text
    source: Text
    scales: dict[str, Scale]
    themes: dict[str, Text]
    groups: dict[str, Text]
    items: dict[str, Item]
    exports: tuple[Export, ...]
    regions: dict[str, Text] = field(default_factory=dict)
    listed_rounds: tuple[int, ...] = ()  # rounds of a snapshot (its exports may be absent)

    def item_scales(self) -> dict[str, ItemScale]:
        return {i: self.scales[it.scale].item_scale() for i, it in self.items.items()}

    def rounds(self) -> list[int]:
        return sorted({e.round for e in self.exports} | set(self.listed_rounds))

    def with_regions(self, regions: Mapping[str, Text]) -> Codebook:
        """A copy that carries the names of ``regions`` (code -> name)."""
        return replace(self, regions=dict(regions))

    # --- lookups -------------------------------------------------------------------------

    def scale_of(self, item: str) -> Scale:
        """The answer scale of ``item``."""
        return self.scales[self.items[item].scale]

    def kind(self, item: str) -> str:
        """``rating`` or ``change``."""
        return self.scale_of(item).kind

    def theme_of(self, item: str) -> str:
        """The item's theme key ("" when the codebook has no themes)."""
        return self.items[item].theme

    def item_order(self, items: Iterable[str]) -> list[str]:
        """``items`` in codebook order (unknown ids left out)."""
        present = set(items)
        return [i for i in self.items if i in present]

    def items_by_theme(self, items: Iterable[str]) -> dict[str, list[str]]:
        """Theme -> its items among ``items``, both in codebook order."""
        out: dict[str, list[str]] = {}
        for item in self.item_order(items):
            out.setdefault(self.items[item].theme, []).append(item)
        return out

    def item_label(self, item: str, language: str) -> str:
        it = self.items.get(item)
        return it.label.pick(language, item) if it else item

    def item_question(self, item: str, language: str) -> str:
        it = self.items.get(item)
        return it.question.pick(language, item) if it else item

    def theme_name(self, theme: str, language: str) -> str:
        """Name of a theme; items without a theme go under the survey's title."""
        if not theme:
            return self.title_text(language)
        text = self.themes.get(theme)
        return text.pick(language, theme) if text else theme

    def code_label(self, item: str, code: int | float | str, language: str) -> str:
        """Label of an answer code (valid or don't-know) of ``item``'s scale."""
        return self.scale_of(item).code_label(code, language)

    def region_name(self, code: str, language: str) -> str:
        if code == ALL:
            return t("codebook.all_regions", language)
        text = self.regions.get(code)
        return text.pick(language, code) if text else code

    def group_name(self, code: str, language: str) -> str:
        if code == ALL:
            return t("codebook.all_groups", language)
        text = self.groups.get(code)
        return text.pick(language, code) if text else code

    def title_text(self, language: str) -> str:
        return self.title.pick(language, self.survey)

    def source_text(self, language: str) -> str:
        return self.source.pick(language, self.title_text(language))

    # --- codebook.json -------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """A JSON-serialisable copy for downstream stages (labels, scales, themes, regions)."""
        return {
            "survey": self.survey,
            "title": self.title.as_dict(),
            "source": self.source.as_dict(),
            "rounds": self.rounds(),
            "scales": {s.id: s.as_dict() for s in self.scales.values()},
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
            "regions": {k: t.as_dict() for k, t in self.regions.items()},
        }

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any], path: Path | None = None) -> Codebook:
        """The codebook of a :meth:`snapshot` (exports keep only file name, round, language).

        Sections a snapshot lacks are empty (the activation survey's snapshot has titles and
        rounds only), so labels of any snapshot go through the same methods."""
        if isinstance(data, Codebook):
            return data
        texts = lambda key: {str(k): Text.from_dict(v) for k, v in data.get(key, {}).items()}  # noqa: E731
        title = Text.from_dict(data.get("title") or {})
        return cls(
            path=path or Path("codebook.json"),
            survey=str(data["survey"]),
            title=title,
            source=Text.from_dict(data["source"]) if data.get("source") else title,
            scales={str(k): Scale.from_dict(str(k), v) for k, v in data.get("scales", {}).items()},
            themes=texts("themes"),
            groups=texts("groups"),
            items={
                str(k): Item(
                    str(k),
                    str(v["scale"]),
                    str(v.get("theme", "")),
                    Text.from_dict(v["label"]),
                    Text.from_dict(v.get("question") or v["label"]),
                )
                for k, v in data.get("items", {}).items()
            },
            exports=tuple(
                Export(k, Path(e["file"]), int(e["round"]), str(e["language"]), {})
                for k, e in enumerate(data.get("exports", []))
            ),
            regions=texts("regions"),
            listed_rounds=tuple(int(r) for r in data.get("rounds", ())),
        )


def load_codebook_json(path: Path) -> Codebook:
    """The typed codebook from the codebook.json snapshot that ingest writes."""
    if not path.is_file():
        raise UserError(path, "", "not found: the ingest stage has not run", "run ingest first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        missing = [k for k in ("survey", "title", "scales", "items") if k not in data]
        if missing:
            raise KeyError(missing[0])
        return Codebook.from_snapshot(data, path)
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(
            path,
            "",
            f"is not a codebook snapshot ({exc.__class__.__name__}: {exc})",
            "rerun ingest",
        ) from exc


def load_codebook(path: Path) -> Codebook:
    top = Section(load_yaml(path, "codebook"), path, "")
    survey = top.get("survey", str)
    title = _text(top, "title", required=True)
    source = _text(top, "source", required=False) or title
    scales = _scales(top.section("scales", required=True))
    themes = {str(k): _text_value(v, top, f"themes.{k}") for k, v in _mapping(top, "themes")}
    groups = {str(k): _text_value(v, top, f"groups.{k}") for k, v in _mapping(top, "groups", True)}
    items = _items(top.section("items", required=True), scales, themes)
    exports = _exports(top, path.parent, items, groups)
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
    top: Section, folder: Path, items: dict[str, Item], groups: dict[str, Text]
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
        rc = s.get("recode", dict, None)
        recode = None
        if rc is not None:
            if not all(isinstance(k, int) and isinstance(v, int) for k, v in rc.items()):
                raise UserError(
                    s.file, s.key_path("recode"), "must map whole-number codes to codes"
                )
            recode = {int(k): int(v) for k, v in rc.items()}
        personal = s.get("personal", list, [])
        header_rows = s.get("header_rows", int, 1)
        if header_rows not in (1, 2):
            raise UserError(s.file, s.key_path("header_rows"), "must be 1 or 2")
        encoding = s.get("encoding", str, "auto")
        decimal = s.get("decimal", str, ",")
        if decimal not in (",", "."):
            raise UserError(s.file, s.key_path("decimal"), "must be ',' or '.'")
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
            personal=tuple(personal),
            header_rows=header_rows,
            sheet=s.get("sheet", str, None),
            separator=s.get("separator", str, None),
            encoding=encoding,
            decimal=decimal,
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
