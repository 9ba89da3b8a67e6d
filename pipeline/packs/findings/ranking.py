"""Findings of the ``ranking`` family: the order of the items (the focus region's or all
regions'), then which items differ clearly between the regions (the regional charts give the
values). Pure."""

from __future__ import annotations

from pipeline.i18n import join_words
from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Number, Tables


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    rnd = c.latest_round(entry, tables)
    items = c.items(entry, tables, rnd)
    stats = {i: c.statistic(entry, tables, i) for i in items}
    own = [n for i in items if (n := c.number(tables, i, rnd, stats[i], focus, language))]
    ranked = sorted(own, key=lambda n: -n.value)
    out: list[Finding] = []
    if len(ranked) >= 2:
        k = 3 if len(ranked) >= 6 else 1
        top, bottom = ranked[:k], ranked[-k:][::-1]

        def listed(nums: list[Number]) -> str:
            words = [f"{c.item(tables, n.item, language)} ({n.text})" for n in nums]
            return join_words(words, language)

        suffix = "_balance" if all(n.statistic == "balance" for n in ranked) else ""
        where = c.region(tables, focus, language)
        out.append(
            c.finding("top", f"ranking_top{suffix}", language, top, where=where, items=listed(top))
        )
        out.append(
            c.finding("bottom", f"ranking_bottom{suffix}", language, bottom, items=listed(bottom))
        )
    clear, tested = [], False
    for item in items:
        p = tables.p_adjusted(item, rnd, c.REGION_TEST[stats[item]])
        tested = tested or p is not None
        if p is not None and p < c.ALPHA:
            clear.append(c.item(tables, item, language))
    if clear:
        out.append(
            c.finding(
                "region_difference", "diff_items", language, items=join_words(clear, language)
            )
        )
    elif tested:
        out.append(c.finding("no_difference", "no_diff_any", language))
    else:
        out.append(c.finding("not_tested", "not_tested", language))
    return out
