"""Small-count disclosure control for the activation tables (rule: docs/activation.md).

A *disclosive quantity* is the sum of the disclosive (client-count) fields on one side of a
ratio, e.g. clients = own unit + NGOs + purchased. Suppression is decided once per quantity,
round and municipality, so every ratio that shows the same quantity hides the same
municipalities:

* primary: the municipality's count is below ``min_cell``;
* secondary, per round and region: if the suppressed counts of a region could be recovered from
  the region's pooled ratio (sum of numerators / sum of denominators) and the published
  municipalities - that is, when exactly one municipality is suppressed, or the suppressed
  counts add up to less than ``min_cell`` - the smallest published counts of the region are
  suppressed as well, one at a time, until neither holds.

A region summary whose pooled ratio would still reveal a suppressed count (for example when a
ratio leaves out a municipality that the secondary suppression relied on) has its pooled
figure suppressed too (:func:`pooled_safe`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PRIMARY, SECONDARY = "primary", "secondary"


def suppress_counts(counts: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """counts: round, region_code, municipality_code, count (NaN where unknown).

    Returns the same rows with ``suppression``: "primary", "secondary" or ""."""
    out = counts.copy()
    known = out["count"].notna()
    out["suppression"] = np.where(known & (out["count"] < min_cell), PRIMARY, "")
    parts = []
    for _, grp in out.groupby(["round", "region_code"], sort=True):
        parts.append(_secondary(grp, min_cell))
    return pd.concat(parts).loc[out.index] if parts else out


def _secondary(grp: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    grp = grp.copy()
    sup = grp["suppression"] != ""
    while sup.any() and not _protected(grp.loc[sup, "count"], min_cell):
        candidates = grp[~sup & grp["count"].notna()]
        if candidates.empty:
            break  # nothing left to hide: the pooled figure is suppressed instead
        pick = candidates.sort_values(["count", "municipality_code"]).index[0]
        grp.loc[pick, "suppression"] = SECONDARY
        sup = grp["suppression"] != ""
    return grp


def _protected(hidden: pd.Series, min_cell: int) -> bool:
    """Hidden counts are safe against a region total when there are at least two of them and
    their sum is at least ``min_cell``."""
    return len(hidden) == 0 or (len(hidden) >= 2 and float(hidden.sum()) >= min_cell)


def pooled_safe(hidden_counts: pd.Series, min_cell: int) -> bool:
    """May a pooled ratio over a set of municipalities be published, given the disclosive
    counts of those among them that are suppressed?"""
    return _protected(hidden_counts.dropna(), min_cell)
