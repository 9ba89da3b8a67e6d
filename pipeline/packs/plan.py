"""What goes into a pack: the charts chosen from the figures manifest, each with its findings and
discussion prompts, and the title-page facts. Pure: the writers (pdf, deck, workbook) only lay
out a :class:`PackPlan`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline import labels
from pipeline.codebook import Codebook, Text
from pipeline.errors import UserError
from pipeline.i18n import t
from pipeline.labels import Snapshot
from pipeline.packs.config import PackSpec
from pipeline.packs.findings import Finding, Tables, findings_for
from pipeline.packs.prose import prompts
from pipeline.stats.types import ALL

# The order of chart families within a theme: the overview first, the details after it.
PACK_ORDER = (
    "regional_dots",
    "ranking",
    "balance",
    "trend",
    "heatmap",
    "diverging",
    "activation_regions",
    "activation_change",
    "activation_municipalities",
)


@dataclass(frozen=True)
class ChartPage:
    id: str
    family: str
    survey: str  # barometer | activation
    title: str
    theme: str
    items: tuple[str, ...]
    png: str  # slide PNG, relative to the figures folder
    png_print: str  # print PNG, relative to the figures folder
    section: str  # theme name (or the activation survey's name) for running heads
    source: str  # the data source, for the page footer
    findings: tuple[Finding, ...]
    prompts: tuple[str, ...]

    @property
    def pack_png(self) -> str:
        """The slide PNG's copy, relative to the pack folder."""
        return f"slides/{self.id}.png"

    @property
    def pack_png_print(self) -> str:
        """The print PNG's copy, relative to the pack folder."""
        return f"print/{self.id}.png"


@dataclass(frozen=True)
class PackPlan:
    spec: PackSpec
    survey_title: str
    source: str
    focus_name: str  # region name, or "all regions side by side"
    rounds: tuple[int, ...]
    data_date: str
    themes: tuple[str, ...]  # codebook themes in the pack, in codebook order
    charts: tuple[ChartPage, ...]
    min_cell: int
    design: str
    confidence: float = 0.95  # analyse.confidence, printed with every interval
    codebook: Codebook | None = None  # the typed codebook the pack is labelled from

    @property
    def language(self) -> str:
        return self.spec.language


def check_spec(spec: PackSpec, codebook: Codebook, params: str) -> None:
    """Checks that need the codebook: region codes and themes."""
    regions = sorted(codebook.regions)
    if spec.region != ALL and spec.region not in regions:
        raise UserError(
            params,
            f"{spec.key}.region",
            f"unknown region {spec.region!r}",
            f"use ALL or one of {regions}",
        )
    themes = list(codebook.themes)
    for theme in spec.themes:
        if theme not in themes:
            raise UserError(
                params, f"{spec.key}.themes", f"unknown theme {theme!r}", f"use some of {themes}"
            )


def select_charts(
    spec: PackSpec, manifest: Sequence[Mapping[str, Any]], snapshot: Snapshot
) -> list[Mapping[str, Any]]:
    """The manifest entries a pack shows: by codebook theme (activation charts last), within a
    theme the overview charts first and the one-item charts last (:data:`PACK_ORDER`), one-item
    charts in codebook item order."""
    codebook = labels.codebook(snapshot)
    theme_order = {th: i for i, th in enumerate(codebook.themes)}
    item_order = {it: i for i, it in enumerate(codebook.items)}
    chosen = []
    for pos, e in enumerate(manifest):
        if e["language"] != spec.language or not spec.wants_family(e["family"]):
            continue
        if e.get("survey", "barometer") == "activation" or e["family"].startswith("activation"):
            if not spec.activation:
                continue
        elif not spec.wants_theme(e.get("theme", "")):
            continue
        items = e.get("items") or []
        key = (
            theme_order.get(e.get("theme", ""), len(theme_order)),
            PACK_ORDER.index(e["family"]),
            item_order.get(items[0], len(item_order)) if len(items) == 1 else -1,
            pos,
        )
        chosen.append((key, e))
    return [e for _, e in sorted(chosen, key=lambda ke: ke[0])]


def _section(entry: Mapping[str, Any], codebook: Codebook, language: str) -> str:
    if entry.get("survey") == "activation" or entry["family"].startswith("activation"):
        return t("packs.activation", language)
    theme = entry.get("theme", "")
    return codebook.theme_name(theme, language) if theme else ""


def _source(entry: Mapping[str, Any], tables: Tables, language: str) -> str:
    snap = tables.activation_snapshot
    if entry.get("survey") == "activation" and snap:
        # the activation codebook is not a barometer codebook: read its names directly
        texts = snap.get("source") or snap.get("title")
        return Text.from_dict(texts).pick(language, "") if texts else ""
    return tables.codebook.source_text(language)


def plan_pack(
    spec: PackSpec,
    manifest: Sequence[Mapping[str, Any]],
    tables: Tables,
    params: str = "params.yaml",
) -> PackPlan:
    codebook = tables.codebook
    check_spec(spec, codebook, params)
    rendered = sorted({e["language"] for e in manifest})
    if spec.language not in rendered:
        raise UserError(
            params,
            f"{spec.key}.language",
            f"charts in {spec.language!r} were not rendered (rendered: {rendered})",
            f"add {spec.language} to figures.languages or change the pack's language",
        )
    entries = select_charts(spec, manifest, codebook)
    if not entries:
        raise UserError(
            params,
            spec.key,
            "no chart matches the pack's themes, families and language",
            "widen themes or families",
        )
    lang = spec.language
    charts = []
    for e in entries:
        found = findings_for(e, tables, spec.region, lang)
        family_prompts = spec.prompts or tuple(prompts(e["family"], lang))
        charts.append(
            ChartPage(
                id=e["id"],
                family=e["family"],
                survey=e.get("survey", "barometer"),
                title=e["title"],
                theme=e.get("theme", ""),
                items=tuple(e.get("items", [])),
                png=e["png"],
                png_print=e["png_print"],
                section=_section(e, codebook, lang),
                source=_source(e, tables, lang),
                findings=tuple(found),
                prompts=tuple(family_prompts),
            )
        )
    rounds = tuple(codebook.rounds())
    used = {c.theme for c in charts}
    themes = tuple(th for th in codebook.themes if th in used and spec.wants_theme(th))
    focus = (
        t("packs.all_regions_focus", lang)
        if spec.region == ALL
        else codebook.region_name(spec.region, lang)
    )
    return PackPlan(
        spec=spec,
        survey_title=codebook.title_text(lang),
        source=codebook.source_text(lang),
        focus_name=focus,
        rounds=rounds,
        data_date=spec.data_date or (str(max(rounds)) if rounds else ""),
        themes=themes,
        charts=tuple(charts),
        min_cell=tables.min_cell,
        design=tables.design,
        confidence=tables.confidence,
        codebook=codebook,
    )
