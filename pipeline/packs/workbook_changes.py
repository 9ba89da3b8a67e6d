"""The change sheets of a pack's workbook: one sheet per round pair that ``changes`` holds
(every consecutive pair, then the longer spans such as first -> last), rows item x statistic,
per region the value in both years, the change and whether it is clear (``p_adjusted`` below
0.05, as the analyse stage adjusted it). Items not asked in both rounds of a pair have no row
there; a suppressed change reads "<k"."""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.i18n import t
from pipeline.i18n.numbers import excel_change_format, excel_format, span
from pipeline.packs.findings.common import ALPHA
from pipeline.packs.findings.tables import Tables
from pipeline.packs.plan import PackPlan
from pipeline.packs.prose import statistic_label
from pipeline.packs.sheets import sheet_name

STATISTICS = ("mean", "top2_share", "bottom2_share", "balance")
FIRST_VALUE_COL = 2
PER_REGION = 4  # from, to, change, clear


def round_pairs(tables: Tables, rounds: list[int]) -> list[tuple[int, int]]:
    """The round pairs of ``changes`` within ``rounds``: consecutive pairs in time order,
    then longer spans (shortest first)."""
    c = tables.changes
    pairs = {(int(a), int(b)) for a, b in zip(c["round_from"], c["round_to"], strict=True)}
    pairs = {p for p in pairs if p[0] in rounds and p[1] in rounds}
    order = sorted(rounds)

    def key(pair: tuple[int, int]) -> tuple[int, int, int]:
        steps = order.index(pair[1]) - order.index(pair[0])
        return (steps > 1, steps, pair[0])

    return sorted(pairs, key=key)


def write_change_sheets(
    wb: Any,
    plan: PackPlan,
    tables: Tables,
    regions: list[str],
    formats: dict[str, Any],
    used: set[str],
) -> int:
    """Add one sheet per round pair to the xlsxwriter workbook ``wb``; returns how many."""
    lang = plan.language
    book = tables.codebook
    k = plan.min_cell
    items = [i for i, it in book.items.items() if it.theme in plan.themes or not plan.themes]
    f_num = {s: wb.add_format({"num_format": excel_format(s)}) for s in STATISTICS}
    f_change = {s: wb.add_format({"num_format": excel_change_format(s)}) for s in STATISTICS}
    pairs = round_pairs(tables, list(plan.rounds))
    for r_from, r_to in pairs:
        years = span(r_from, r_to)
        ws = wb.add_worksheet(sheet_name(t("workbook.change_sheet", lang, span=years), used))
        ws.write(0, 0, t("workbook.change_title", lang, span=years), formats["title"])
        ws.write(1, 0, t("workbook.change_note", lang, r_from=r_from, r_to=r_to, k=k))
        header = [t("workbook.item", lang), t("workbook.statistic", lang)]
        for r in regions:
            name = book.region_name(r, lang)
            header += [
                f"{name} {r_from}",
                f"{name} {r_to}",
                f"{name}: {t('workbook.change', lang)}",
                f"{name}: {t('workbook.clear', lang)}",
            ]
        for col, text in enumerate(header):
            ws.write(3, col, text, formats["head"])
        ws.set_row(3, 45)
        ws.freeze_panes(4, FIRST_VALUE_COL)
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 30)
        ws.set_column(FIRST_VALUE_COL, FIRST_VALUE_COL + PER_REGION * len(regions), 11)
        row = 4
        for item in items:
            for stat in STATISTICS:
                cells = [tables.change_row(item, stat, r, r_from, r_to) for r in regions]
                if all(c is None for c in cells):
                    continue
                ws.write(row, 0, book.item_label(item, lang), formats["label"])
                ws.write(row, 1, statistic_label(book, item, stat, lang))
                for i, cell in enumerate(cells):
                    col = FIRST_VALUE_COL + PER_REGION * i
                    if cell is None:
                        continue
                    if bool(cell["suppressed"]) or not np.isfinite(cell["estimate"]):
                        ws.write_string(row, col + 2, f"<{k}", formats["sup"])
                        continue
                    ws.write_number(row, col, float(cell["estimate_from"]), f_num[stat])
                    ws.write_number(row, col + 1, float(cell["estimate_to"]), f_num[stat])
                    ws.write_number(row, col + 2, float(cell["estimate"]), f_change[stat])
                    p = float(cell["p_adjusted"])
                    if np.isfinite(p) and p < ALPHA:
                        ws.write_string(row, col + 3, t("workbook.clear_mark", lang))
                row += 1
    return len(pairs)
