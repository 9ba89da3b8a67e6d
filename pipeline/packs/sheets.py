"""Small helpers of the pack's Excel sheets."""

from __future__ import annotations

import re

from pipeline.stats.types import ALL


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    out, n = base, 2
    while out.lower() in used:
        suffix = f" ({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(out.lower())
    return out


def region_columns(regions: list[str], focus: str) -> list[str]:
    """The region columns of a sheet: the focus region first, all regions last."""
    if focus != ALL and focus in regions:
        regions = [focus] + [r for r in regions if r != focus]
    return [*regions, ALL]
