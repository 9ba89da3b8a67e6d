"""Findings of the activation families (``activation_regions``, ``activation_municipalities``:
the median municipality and the range per region; ``activation_change``: the median
municipality in the first and last round shown). Differences are not tested. Pure."""

from __future__ import annotations

import numpy as np

from pipeline.i18n.numbers import value_text
from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Number, Tables
from pipeline.stats.types import ALL


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    act = tables.activation_regions
    if act is None or act.empty or not entry.get("items"):
        return []
    ratio = entry["items"][0]
    regions = [*tables.regions, ALL] if focus == ALL else [focus]
    if entry["family"] == "activation_change" and len(entry.get("rounds") or []) >= 2:
        out = _change(entry, ratio, regions, tables, language)
    else:
        rnd = c.latest_round(entry, tables) if entry.get("rounds") else int(act["round"].max())
        out = _regions(ratio, rnd, regions, tables, language)
    if out:
        out.append(c.finding("note", "activation_note", language))
    return out


def _regions(
    ratio: str, rnd: int, regions: list[str], tables: Tables, language: str
) -> list[Finding]:
    out: list[Finding] = []
    for region in regions:
        r = tables.activation_row(ratio, rnd, region)
        if r is None:
            continue
        vals = {k: float(r[k]) for k in ("median", "min", "max")}
        if not all(np.isfinite(v) for v in vals.values()):
            continue
        nums = tuple(
            Number(value_text(v, "ratio", language), v, "activation_regions", ratio, rnd, k, region)
            for k, v in vals.items()
        )
        out.append(
            c.finding(
                f"region:{ratio}:{region}",
                "activation_region",
                language,
                nums,
                region=c.region(tables, region, language),
                round=rnd,
                median=nums[0].text,
                low=nums[1].text,
                high=nums[2].text,
            )
        )
    return out


def _change(
    entry: c.Entry,
    ratio: str,
    regions: list[str],
    tables: Tables,
    language: str,
) -> list[Finding]:
    r_from, r_to = min(entry["rounds"]), max(entry["rounds"])
    out: list[Finding] = []
    for region in regions:
        nums = []
        for rnd in (r_from, r_to):
            row = tables.activation_row(ratio, rnd, region)
            if row is None or not np.isfinite(float(row["median"])):
                break
            v = float(row["median"])
            text = value_text(v, "ratio", language)
            nums.append(Number(text, v, "activation_regions", ratio, int(rnd), "median", region))
        if len(nums) < 2:
            continue
        out.append(
            c.finding(
                f"change:{ratio}:{region}",
                "activation_change",
                language,
                nums,
                region=c.region(tables, region, language),
                v_from=nums[0].text,
                v_to=nums[1].text,
                r_from=r_from,
                r_to=r_to,
            )
        )
    return out
