"""The typed barometer codebook (:class:`Codebook`): item -> scale lookups, labels, answer
sides and the codebook.json snapshot that ingest writes and later stages load back
(:func:`load_codebook_json`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.codebook.exports import Export
from pipeline.codebook.model import Item, Scale
from pipeline.codebook.text import Text, survey_heading
from pipeline.errors import UserError
from pipeline.i18n import t
from pipeline.stats.types import ALL, ItemScale


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
            **survey_heading(self.survey, self.title, self.source, self.rounds()),
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
                Export(
                    index=k,
                    file=Path(e["file"]),
                    round=int(e["round"]),
                    language=str(e.get("language", "fi")),
                    items={},
                )
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
