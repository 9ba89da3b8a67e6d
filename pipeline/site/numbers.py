"""The site's tables of numbers: one HTML data table per theme (latest round, the main
statistic of each item by region) and the long CSV download of a pack's estimates. Suppressed
cells read "<k" as in the packs' workbooks and never carry a value. Pure."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from pipeline import labels
from pipeline.i18n import t
from pipeline.i18n.numbers import value_text
from pipeline.packs.findings import Tables
from pipeline.packs.plan import PackPlan
from pipeline.packs.sheets import region_columns
from pipeline.packs.workbook import CHANGE_STATS, RATING_STATS

ALL = labels.ALL_CODE
MISSING = "–"


@dataclass(frozen=True)
class Cell:
    value: float | None  # None when suppressed or absent
    n: int | None
    suppressed: bool


@dataclass(frozen=True)
class DataTable:
    caption: str
    corner: str  # header of the first column
    columns: tuple[str, ...]  # region names
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (item label, cell texts)


def cell(tables: Tables, item: str, rnd: int, stat: str, region: str) -> Cell | None:
    found = tables.estimate_cell(item, rnd, stat, region, ALL)
    if found is None:
        return None
    estimate, n, suppressed = found
    value = float(estimate) if estimate is not None else float("nan")
    if bool(suppressed) or not np.isfinite(value):
        return Cell(None, None, True)
    return Cell(value, int(n), False)


def _text(c: Cell | None, stat: str, k: int, language: str) -> str:
    if c is None:
        return MISSING
    if c.suppressed:
        return f"<{k}"
    return value_text(c.value, stat, language)


def main_statistic(tables: Tables, item: str) -> str:
    return "balance" if tables.kind(item) == "change" else "mean"


def theme_items(plan: PackPlan, tables: Tables, theme: str) -> list[str]:
    return [i for i, spec in tables.codebook.items.items() if spec.theme == theme]


def theme_table(plan: PackPlan, tables: Tables, theme: str, language: str) -> DataTable | None:
    """The theme's items x regions (focus region first, all regions last) in the latest round."""
    items = theme_items(plan, tables, theme)
    if not items or not plan.rounds:
        return None
    snap = tables.codebook
    rnd = max(plan.rounds)
    regions = region_columns(tables.regions, plan.spec.region)
    k = plan.min_cell
    rows = []
    for item in items:
        stat = main_statistic(tables, item)
        cells = tuple(_text(cell(tables, item, rnd, stat, r), stat, k, language) for r in regions)
        if all(c == MISSING for c in cells):
            continue
        rows.append((labels.item_label(snap, item, language), cells))
    if not rows:
        return None
    stats = {main_statistic(tables, i) for i in items}
    stat_name = (
        t(f"site.stat_{stats.pop()}", language)
        if len(stats) == 1
        else t("site.stat_mixed", language)
    )
    caption = t(
        "site.table_caption",
        language,
        theme=labels.theme_name(snap, theme, language),
        statistic=stat_name,
        round=rnd,
        note=t("site.suppressed_note", language, k=k),
    )
    return DataTable(
        caption,
        t("site.item", language),
        tuple(labels.region_name(snap, r, language) for r in regions),
        tuple(rows),
    )


def estimates_csv(plan: PackPlan, tables: Tables, language: str) -> bytes:
    """Every published estimate of the pack's themes (all rounds, regions, statistics; group
    ALL) as a long UTF-8 CSV; suppressed cells carry "<k" and no n."""
    import csv

    snap = tables.codebook
    k = plan.min_cell
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["theme", "item", "label", "round", "statistic", "region_code", "region", "value", "n"]
    )
    regions = region_columns(tables.regions, plan.spec.region)
    for theme in plan.themes:
        for item in theme_items(plan, tables, theme):
            stats = CHANGE_STATS if tables.kind(item) == "change" else RATING_STATS
            label = labels.item_label(snap, item, language)
            for rnd in sorted(plan.rounds):
                for stat in stats:
                    for region in regions:
                        c = cell(tables, item, rnd, stat, region)
                        if c is None:
                            continue
                        value = f"<{k}" if c.suppressed else f"{c.value:.4f}"
                        n = "" if c.suppressed else str(c.n)
                        name = labels.region_name(snap, region, language)
                        writer.writerow([theme, item, label, rnd, stat, region, name, value, n])
    return buffer.getvalue().encode("utf-8")
