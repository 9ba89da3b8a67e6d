"""Findings of the region comparisons (families ``regional_dots`` and ``balance``): the focus
region's (or all regions') highest and lowest item, then per item whether the regions differ
clearly (with the values, the focus region first), the items that do not, and a note on
"don't know" answers. Pure."""

from __future__ import annotations

from pipeline.i18n import join_words
from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Number, Tables
from pipeline.stats.types import ALL

RANK_TEXT = {"high": "diff_region_high", "low": "diff_region_low", "mid": "diff_region_mid"}


def region_values(
    tables: Tables, item: str, rnd: int, stat: str, focus: str, language: str
) -> tuple[str, list[Number], str]:
    """'R1 3,4, R2 3,1 ...' (focus first, else highest first) and the focus region's rank."""
    nums = [n for r in tables.regions if (n := c.number(tables, item, rnd, stat, r, language))]
    ranked = sorted(nums, key=lambda n: -n.value)
    rank = ""
    if focus != ALL and any(n.region == focus for n in nums) and len(nums) > 1:
        pos = [n.region for n in ranked].index(focus)
        rank = "high" if pos == 0 else "low" if pos == len(ranked) - 1 else "mid"
        ranked = [n for n in ranked if n.region == focus] + [n for n in ranked if n.region != focus]
    text = ", ".join(f"{c.region(tables, n.region, language)} {n.text}" for n in ranked)
    return text, ranked, rank


def _extremes(
    tables: Tables, items: list[str], stats: dict[str, str], rnd: int, focus: str, language: str
) -> list[Finding]:
    own = [n for i in items if (n := c.number(tables, i, rnd, stats[i], focus, language))]
    if len(own) < 2 or len({stats[i] for i in items}) != 1:
        return []
    hi = max(own, key=lambda n: n.value)
    lo = min(own, key=lambda n: n.value)
    text = "extremes_all" if focus == ALL else "extremes_region"
    if stats[items[0]] == "balance":
        text += "_balance"
    return [
        c.finding(
            "extremes",
            text,
            language,
            (hi, lo),
            region=c.region(tables, focus, language),
            hi_item=c.item(tables, hi.item, language),
            hi=hi.text,
            lo_item=c.item(tables, lo.item, language),
            lo=lo.text,
        )
    ]


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    rnd = c.latest_round(entry, tables)
    items = c.items(entry, tables, rnd)
    stats = {i: c.statistic(entry, tables, i) for i in items}
    diffs: list[tuple[float, Finding]] = []
    same: list[str] = []
    untested = False
    for item in items:
        stat = stats[item]
        label = c.item(tables, item, language)
        p = tables.p_adjusted(item, rnd, c.REGION_TEST[stat])
        p_adj = tables.p_adjusted(item, rnd, c.ADJUSTED_TEST) if stat == "mean" else None
        values, nums, rank = region_values(tables, item, rnd, stat, focus, language)
        if p is None:
            untested = True
            continue
        if p < c.ALPHA and nums:
            f = c.finding(
                f"region_difference:{item}",
                RANK_TEXT.get(rank, "diff_all"),
                language,
                nums,
                item=label,
                region=c.region(tables, focus, language),
                values=values,
            )
            if p_adj is not None:
                more = c.finding("", "adjusted_yes" if p_adj < c.ALPHA else "adjusted_no", language)
                f = Finding(f.key, f"{f.text} {more.text}", f.numbers)
            diffs.append((p, f))
        elif p_adj is not None and p_adj < c.ALPHA:
            # The region values shown on the chart are not adjusted: give no numbers here.
            diffs.append(
                (
                    p_adj,
                    c.finding(f"adjusted_difference:{item}", "adjusted_only", language, item=label),
                )
            )
        else:
            same.append(label)
    out = _extremes(tables, items, stats, rnd, focus, language)
    out += [f for _, f in sorted(diffs, key=lambda pf: pf[0])]
    if same:
        out.append(
            c.finding("no_difference", "no_diff_items", language, items=join_words(same, language))
        )
    if untested:
        out.append(c.finding("not_tested", "not_tested", language))
    return out + c.dont_know(tables, items, rnd, focus, language)
