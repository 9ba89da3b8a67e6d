"""What each page of the site shows, as plain data for the templates. Pure.

A pack page has: key findings; per theme (or the activation survey) its charts, each with the
finding text as alt text, the findings listed, and the workshop's published notes set apart and
attributed by perspective; the theme's numbers as a data table; the proposals by priority;
"how to read", methods and downloads (filled in by the templates from the text layer)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.i18n import t
from pipeline.packs.findings import Tables
from pipeline.packs.plan import ChartPage, PackPlan
from pipeline.packs.worksheet import chart_rows, role_labels
from pipeline.site.numbers import DataTable, theme_table

KEY_FAMILIES = ("regional_dots", "balance", "trend", "activation_regions", "activation_change")
MAX_KEY_FINDINGS = 8
PRIORITY_GROUPS = ("1", "2", "3", "none")


@dataclass(frozen=True)
class Note:
    """One published row of the workshop (texts in the pack's language ``lang``)."""

    finding: str
    finding_lang: str
    interpretation: str
    lived: str
    proposal: str
    who: str
    perspective: str
    priority: str  # "1", "2", "3" or "none"
    changed: bool
    lang: str
    chart_anchor: str
    chart_title: str


@dataclass(frozen=True)
class ChartView:
    anchor: str
    title: str
    image: str  # relative to the page
    alt: str
    findings: tuple[str, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class SectionView:
    anchor: str
    title: str
    charts: tuple[ChartView, ...]
    table: DataTable | None


@dataclass(frozen=True)
class KeyFinding:
    text: str
    anchor: str


@dataclass(frozen=True)
class PageView:
    name: str  # pack name = page file stem
    lang: str
    title: str  # h1: the focus region (or all regions)
    survey_title: str
    source: str
    key_findings: tuple[KeyFinding, ...]
    sections: tuple[SectionView, ...]
    proposals: tuple[tuple[str, tuple[Note, ...]], ...]  # (priority group, notes)
    notes: int
    workshop_lang: str  # the pack's language (the workshop's texts)
    min_cell: int


def anchor(text: str) -> str:
    """An id usable in a URL fragment (ids of charts and themes are already slugs)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "x"


def _notes(
    chart: ChartPage, rows: pd.DataFrame, lang: str, findings: dict[str, str], pack_lang: str
) -> tuple[Note, ...]:
    roles = role_labels(lang)
    out = []
    for r in rows.itertuples(index=False):
        current = findings.get(r.finding_key)
        priority = "none" if pd.isna(r.priority) else str(int(r.priority))
        out.append(
            Note(
                finding=current if current is not None else r.finding,
                finding_lang=lang if current is not None else pack_lang,
                interpretation=r.interpretation,
                lived=r.lived_experience,
                proposal=r.proposal,
                who=r.who_should_act,
                perspective=roles.get(r.perspective, t("site.no_perspective", lang)),
                priority=priority,
                changed=bool(r.numbers_changed),
                lang=pack_lang,
                chart_anchor=f"chart-{anchor(chart.id)}",
                chart_title=chart.title,
            )
        )
    return tuple(out)


def _chart(chart: ChartPage, rows: pd.DataFrame, tables: Tables, lang: str, pack_lang: str):
    """The chart's view; ``rows`` are the workshop's published rows on this chart."""
    keyed = {r.key: r.finding for r in chart_rows(chart, tables.codebook, lang)}
    texts = tuple(f.text for f in chart.findings)
    return ChartView(
        anchor=f"chart-{anchor(chart.id)}",
        title=chart.title,
        image=f"img/{chart.id}.png",
        alt=t("site.chart_alt", lang, title=chart.title, findings=" ".join(texts)),
        findings=texts,
        notes=_notes(chart, rows, lang, keyed, pack_lang),
    )


def pack_page(
    plan: PackPlan, tables: Tables, workshop: pd.DataFrame, pack_lang: str, title: str
) -> PageView:
    """The page of one pack in the plan's language; ``workshop`` holds the published rows of
    every pack (this pack's are picked here)."""
    lang = plan.language
    rows = workshop[workshop["pack"] == plan.spec.name]
    positions: dict[str, list[int]] = {}  # chart id -> its rows (one pass, not a mask a chart)
    for i, chart_id in enumerate(rows["chart_id"].astype(str)):
        positions.setdefault(chart_id, []).append(i)
    sections: list[SectionView] = []
    order: list[str] = []
    grouped: dict[str, list[ChartPage]] = {}
    for chart in plan.charts:
        key = chart.theme or chart.survey
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append(chart)
    for key in order:
        charts = grouped[key]
        table = theme_table(plan, tables, key, lang) if key in plan.themes else None
        sections.append(
            SectionView(
                anchor=f"theme-{anchor(key)}",
                title=charts[0].section,
                charts=tuple(
                    _chart(c, rows.iloc[positions.get(c.id, [])], tables, lang, pack_lang)
                    for c in charts
                ),
                table=table,
            )
        )
    key_findings = [
        KeyFinding(view.findings[0], view.anchor)
        for key, section in zip(order, sections, strict=True)
        for chart, view in zip(grouped[key], section.charts, strict=True)
        if chart.family in KEY_FAMILIES and chart.findings and chart.findings[0].numbers
    ]
    notes = [n for s in sections for c in s.charts for n in c.notes]
    proposals = tuple(
        (group, tuple(n for n in notes if n.proposal and n.priority == group))
        for group in PRIORITY_GROUPS
    )
    return PageView(
        name=plan.spec.name,
        lang=lang,
        title=title,
        survey_title=plan.survey_title,
        source=plan.source,
        key_findings=tuple(key_findings[:MAX_KEY_FINDINGS]),
        sections=tuple(sections),
        proposals=tuple(p for p in proposals if p[1]),
        notes=len(notes),
        workshop_lang=pack_lang,
        min_cell=plan.min_cell,
    )


def theme_links(pages: Sequence[PageView]) -> list[tuple[str, list[tuple[str, str]]]]:
    """For the index: each theme (section title) with links to it on every pack page."""
    out: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        for section in page.sections:
            out.setdefault(section.title, []).append(
                (page.title, f"{page.name}.html#{section.anchor}")
            )
    return list(out.items())
