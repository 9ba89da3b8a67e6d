"""The Excel workbook of a pack (xlsxwriter): a "read me" sheet that explains the columns, then
one sheet per theme with a block per item: rows are year x statistic, columns the regions and
all regions with n beside each value; then a sheet per round pair of ``changes``
(:mod:`.workbook_changes`). Suppressed cells read "<k" and their n is left blank.
Byte-identical for the same plan and date (fixed creation date; xlsxwriter stamps zip entries
with a constant)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from pipeline.i18n import t
from pipeline.i18n.numbers import excel_format
from pipeline.packs.findings import Tables
from pipeline.packs.plan import PackPlan
from pipeline.packs.prose import scale_words, statistic_label
from pipeline.packs.sheets import region_columns, sheet_name
from pipeline.packs.workbook_changes import write_change_sheets
from pipeline.stats.types import ALL

RATING_STATS = ("mean", "top2_share", "bottom2_share", "dont_know_share")
CHANGE_STATS = ("balance", "dont_know_share")
FIRST_VALUE_COL = 3
README_ROWS = ("item", "round", "statistic", "region", "n", "suppressed")


def _cell(tables: Tables, item: str, rnd: int, stat: str, region: str):
    """(value, n, suppressed) of one published estimate, or None when there is no row."""
    cell = tables.estimate_cell(item, rnd, stat, region, ALL)
    if cell is None:
        return None
    value, n, suppressed = cell
    return float(value), int(n), bool(suppressed) or not np.isfinite(value)


def write_workbook(plan: PackPlan, tables: Tables, target: Path, when: dt.datetime) -> int:
    """Write the workbook; returns the number of sheets."""
    import xlsxwriter

    lang = plan.language
    book = tables.codebook
    k = plan.min_cell
    wb = xlsxwriter.Workbook(str(target), {"in_memory": True})
    wb.set_properties(
        {
            "title": plan.spec.title,
            "subject": plan.survey_title,
            "author": "welfare-barometer",
            "created": when.replace(tzinfo=None),
        }
    )
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_head = wb.add_format(
        {"bold": True, "bg_color": "#E8EEF4", "bottom": 1, "text_wrap": True, "valign": "top"}
    )
    f_item = wb.add_format({"bold": True, "top": 1})
    f_question = wb.add_format({"italic": True, "font_color": "#444444", "top": 1})
    f_label = wb.add_format({"font_color": "#666666"})
    f_n = wb.add_format({"num_format": "0", "font_color": "#666666"})
    f_sup = wb.add_format({"align": "right", "font_color": "#666666"})
    f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    f_num = {s: wb.add_format({"num_format": excel_format(s)}) for s in (*RATING_STATS, "balance")}
    used: set[str] = set()

    readme = wb.add_worksheet(sheet_name(t("workbook.readme_sheet", lang), used))
    readme.set_column(0, 0, 22)
    readme.set_column(1, 1, 90)
    readme.write(0, 0, plan.spec.title, f_title)
    readme.write(1, 0, plan.survey_title)
    readme.write(2, 0, plan.source)
    readme.write(4, 0, t("workbook.column", lang), f_head)
    readme.write(4, 1, t("workbook.meaning", lang), f_head)
    names = {
        "item": t("workbook.item", lang),
        "round": t("workbook.round", lang),
        "statistic": t("workbook.statistic", lang),
        "k": k,
        **scale_words(book, lang),
    }
    row = 5
    for name in README_ROWS:
        readme.write(row, 0, t(f"workbook.readme.{name}.column", lang, **names))
        readme.write(row, 1, t(f"workbook.readme.{name}.meaning", lang, **names), f_wrap)
        row += 1
    readme.write(row + 1, 0, t("workbook.design", lang), f_head)
    readme.write(row + 1, 1, f"{plan.design} (params.yaml: analyse.design)")

    regions = region_columns(tables.regions, plan.spec.region)
    rounds = sorted({int(r) for r in plan.rounds}, reverse=True)
    for theme in plan.themes:
        ws = wb.add_worksheet(sheet_name(book.theme_name(theme, lang), used))
        ws.write(0, 0, book.theme_name(theme, lang), f_title)
        header = [names["item"], names["round"], names["statistic"]]
        for r in regions:
            header += [book.region_name(r, lang), "n"]
        for c, text in enumerate(header):
            ws.write(1, c, text, f_head)
        ws.set_row(1, 32)
        ws.freeze_panes(2, FIRST_VALUE_COL)
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 7)
        ws.set_column(2, 2, 30)
        for i in range(len(regions)):
            ws.set_column(FIRST_VALUE_COL + 2 * i, FIRST_VALUE_COL + 2 * i, 14)
            ws.set_column(FIRST_VALUE_COL + 2 * i + 1, FIRST_VALUE_COL + 2 * i + 1, 6)
        row = 2
        items = [i for i, it in book.items.items() if it.theme == theme]
        for item in items:
            label = book.item_label(item, lang)
            stats = CHANGE_STATS if tables.kind(item) == "change" else RATING_STATS
            row += 1
            ws.write(row, 0, label, f_item)
            ws.write(row, 1, "", f_question)
            ws.write(row, 2, book.item_question(item, lang), f_question)
            for c in range(FIRST_VALUE_COL, FIRST_VALUE_COL + 2 * len(regions)):
                ws.write_blank(row, c, None, f_question)
            row += 1
            for rnd in rounds:
                for stat in stats:
                    cells = [_cell(tables, item, rnd, stat, r) for r in regions]
                    if all(c is None for c in cells):
                        continue
                    ws.write(row, 0, label, f_label)
                    ws.write_number(row, 1, rnd)
                    ws.write(row, 2, statistic_label(book, item, stat, lang))
                    for i, cell in enumerate(cells):
                        col = FIRST_VALUE_COL + 2 * i
                        if cell is None:
                            continue
                        value, n, suppressed = cell
                        if suppressed:
                            ws.write_string(row, col, f"<{k}", f_sup)
                        else:
                            ws.write_number(row, col, value, f_num[stat])
                            ws.write_number(row, col + 1, n, f_n)
                    row += 1
    formats = {"head": f_head, "item": f_item, "label": f_label, "sup": f_sup, "title": f_title}
    write_change_sheets(wb, plan, tables, regions, formats, used)
    count = len(wb.worksheets())
    wb.close()
    return count
