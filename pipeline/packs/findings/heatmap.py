"""Findings of the ``heatmap`` family (region x respondent group for one item): the highest
and lowest published cell, and that group differences are not tested. Pure."""

from __future__ import annotations

from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Tables
from pipeline.stats.types import ALL


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    rnd = c.latest_round(entry, tables)
    item = entry["items"][0]
    stat = c.statistic(entry, tables, item)
    groups = sorted(tables.codebook.groups)
    regions = tables.regions if focus == ALL else [focus]
    nums = [
        n
        for r in regions
        for g in groups
        if (n := c.number(tables, item, rnd, stat, r, language, group=g))
    ]
    if len(nums) < 2:
        return []
    hi = max(nums, key=lambda n: n.value)
    lo = min(nums, key=lambda n: n.value)
    extremes = c.finding(
        f"extremes:{item}",
        "heatmap_extremes" if focus == ALL else "heatmap_extremes_region",
        language,
        (hi, lo),
        region=c.region(tables, focus, language),
        where=c.item(tables, item, language),
        hi_group=tables.codebook.group_name(hi.group, language),
        hi_region=c.region(tables, hi.region, language),
        hi=hi.text,
        lo_group=tables.codebook.group_name(lo.group, language),
        lo_region=c.region(tables, lo.region, language),
        lo=lo.text,
    )
    return [extremes, c.finding("not_tested", "heatmap_untested", language)]
