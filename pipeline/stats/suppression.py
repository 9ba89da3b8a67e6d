"""Disclosure control of every published table: estimates, distributions, changes.

Estimates get primary and secondary cell suppression:

* primary: every row (cell or margin) with n < ``min_cell``;
* secondary: in each table (survey, design, round, item, statistic, ci_method) the region x
  group cells form rows (a region over its groups, margin = the region's ALL row) and columns
  (a group over its regions, margin = the group's ALL row); the margins themselves form one
  more row (the regions, margin ALL x ALL) and column (the groups). Where the margin is
  published and exactly one cell of the row/column is suppressed, the published cell with
  the smallest n (ties: first in code order) is suppressed too; if none is left, the margin
  is. Repeated until nothing changes, so no row or column with a published margin has a
  single suppressed cell that its margin and other cells would give away.

Suppressed rows keep ``n`` and lose estimate, se and CI. All tables are handled at once as a
(tables x regions+1 x groups+1) array; only the fixed-point iteration loops.

Distributions and changes follow the estimates (:func:`suppress_distributions`,
:func:`suppress_changes`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.stats.records import natural_sorted
from pipeline.stats.types import ALL

TABLE = ("survey", "design", "round", "item", "statistic", "ci_method")
BLANKED = ("estimate", "se", "ci_low", "ci_high")


def suppress(estimates: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """``estimates`` with ``suppressed`` (bool) and ``suppression`` (primary/secondary/'')."""
    out = estimates.copy().reset_index(drop=True)
    if out.empty:
        out["suppressed"] = pd.Series(dtype=bool)
        out["suppression"] = pd.Series(dtype=object)
        return out
    keys = [c for c in TABLE if c in out.columns]
    table = out.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    regions = [ALL] + [r for r in natural_sorted(out["region_code"].unique()) if r != ALL]
    groups = [ALL] + [g for g in natural_sorted(out["group_code"].unique()) if g != ALL]
    r_idx = out["region_code"].map({r: i for i, r in enumerate(regions)}).to_numpy()
    g_idx = out["group_code"].map({g: i for i, g in enumerate(groups)}).to_numpy()
    shape = (int(table.max()) + 1, len(regions), len(groups))
    present = np.zeros(shape, dtype=bool)
    n = np.full(shape, np.inf)
    present[table, r_idx, g_idx] = True
    n[table, r_idx, g_idx] = out["n"].to_numpy(float)
    primary = present & (n < min_cell)
    suppressed = _secondary(present, n, primary.copy())
    flag = suppressed[table, r_idx, g_idx]
    kind = np.where(primary[table, r_idx, g_idx], "primary", np.where(flag, "secondary", ""))
    out["suppressed"] = flag
    out["suppression"] = kind
    for col in BLANKED:
        if col in out.columns:
            out.loc[flag, col] = np.nan
    if "ci_note" in out.columns:  # the note would tell that the share is 0 or 100 %
        out.loc[flag, "ci_note"] = ""
    return out


def _secondary(present: np.ndarray, n: np.ndarray, sup: np.ndarray) -> np.ndarray:
    """Fixed point of the row and column rules; index 0 of axes 1 and 2 is the ALL margin."""
    while True:
        before = sup.copy()
        sup = _lines(present, n, sup)
        sup = np.swapaxes(_lines(*(np.swapaxes(a, 1, 2) for a in (present, n, sup))), 1, 2)
        if np.array_equal(before, sup):
            return sup


def _lines(present: np.ndarray, n: np.ndarray, sup: np.ndarray) -> np.ndarray:
    """Apply the rule along axis 2 for every line (table, row): cells 1..G, margin 0."""
    sup = sup.copy()
    cells_p = present[:, :, 1:]
    cells_s = sup[:, :, 1:] & cells_p
    margin_published = present[:, :, 0] & ~sup[:, :, 0]
    need = margin_published & (cells_s.sum(axis=2) == 1)
    if not need.any():
        return sup
    candidates = np.where(cells_p & ~cells_s, n[:, :, 1:], np.inf)
    best = np.argmin(candidates, axis=2)
    has = np.isfinite(np.take_along_axis(candidates, best[:, :, None], axis=2)[:, :, 0])
    t, r = np.nonzero(need & has)
    sup[t, r, 1 + best[t, r]] = True
    t, r = np.nonzero(need & ~has)
    sup[t, r, 0] = True
    return sup


def suppress_distributions(
    dists: pd.DataFrame, estimates: pd.DataFrame, min_cell: int
) -> pd.DataFrame:
    """Distribution rows follow the suppression of their domain's estimates.

    A valid-code row is suppressed when its domain has fewer than ``min_cell`` valid answers or
    the domain's mean/balance is suppressed (primary or secondary); the don't-know row follows
    ``dont_know_share``. Suppressed shares are emptied."""
    key = ["survey", "design", "round", "item", "region_code", "group_code"]
    sup = estimates[estimates["suppressed"]]
    main = sup[sup["statistic"].isin(["mean", "balance"])][key].drop_duplicates()
    dk = sup[sup["statistic"] == "dont_know_share"][key].drop_duplicates()
    out = dists.copy()
    flag = out["n"] < min_cell
    for status, table in (("valid", main), ("dont_know", dk)):
        hit = out.merge(table, on=key, how="left", indicator=True)["_merge"].eq("both")
        flag |= hit.to_numpy() & (out["status"] == status).to_numpy()
    out["suppressed"] = flag.to_numpy()
    out.loc[out["suppressed"], "share"] = np.nan
    cols = key[:4] + ["region_code", "group_code", "status", "code", "n", "share", "suppressed"]
    return out[cols]


CHANGE_BLANKED = (
    "estimate_from",
    "estimate_to",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "z",
    "p_value",
)


def suppress_changes(change_table: pd.DataFrame, estimates: pd.DataFrame) -> pd.DataFrame:
    """A change is suppressed when either of its two estimates is suppressed; its numbers
    are emptied."""
    key = ["survey", "design", "item", "statistic", "region_code", "group_code"]
    key = [c for c in key if c in change_table.columns and c in estimates.columns]
    sup = estimates[estimates["suppressed"]][key + ["round"]].drop_duplicates()
    flag = np.zeros(len(change_table), dtype=bool)
    for end in ("round_from", "round_to"):
        hit = change_table.merge(
            sup.rename(columns={"round": end}), on=key + [end], how="left", indicator=True
        )["_merge"]
        flag |= hit.eq("both").to_numpy()
    out = change_table.copy()
    out["suppressed"] = flag
    for col in CHANGE_BLANKED:
        if col in out:
            out.loc[out["suppressed"], col] = float("nan")
    return out
