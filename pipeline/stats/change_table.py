"""Changes between consecutive rounds (the ``changes`` table).

For each survey, design, item, statistic (mean, balance, top2_share, bottom2_share) and
domain, every pair of consecutive rounds in which the item was estimated: difference
``estimate_to - estimate_from``, se = sqrt(se_from^2 + se_to^2) (independent samples: the
rounds are separate samples), normal CI difference +- qnorm(1 - alpha/2) se, z = diff / se
and p = 2 pnorm(-|z|), as the R reference computes it. Shares and their changes are in
percentage points; the share rows of the first CI method are used (estimate and se do not
depend on the CI method).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

CHANGE_STATISTICS = ("mean", "balance", "top2_share", "bottom2_share")
CHANGE_COLUMNS = [
    "design",
    "item",
    "statistic",
    "region_code",
    "group_code",
    "round_from",
    "round_to",
    "n_from",
    "n_to",
    "estimate_from",
    "estimate_to",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
    "z",
    "p_value",
]


def changes(estimates: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Round-to-round changes of the estimates table (needs a ``round`` column)."""
    survey = ["survey"] if "survey" in estimates.columns else []
    series = survey + ["design", "item", "statistic", "region_code", "group_code"]
    est = estimates[estimates["statistic"].isin(CHANGE_STATISTICS)]
    est = est.drop_duplicates(series + ["round"], keep="first")
    cols = series + ["round", "n", "estimate", "se"]
    est = est[cols].copy()
    if est.empty:
        return pd.DataFrame(columns=survey + CHANGE_COLUMNS)
    # consecutive rounds in which the item was estimated (per survey and design)
    item_key = survey + ["design", "item"]
    rounds = est[item_key + ["round"]].drop_duplicates().sort_values(item_key + ["round"])
    rounds["round_to"] = rounds.groupby(item_key)["round"].shift(-1)
    rounds = rounds.dropna(subset=["round_to"]).rename(columns={"round": "round_from"})
    pairs = est.rename(columns={"round": "round_from"}).merge(rounds, on=item_key + ["round_from"])
    pairs["round_to"] = pairs["round_to"].astype(est["round"].dtype)
    to = est.rename(columns={"round": "round_to"})
    m = pairs.merge(to, on=series + ["round_to"], suffixes=("_from", "_to"))
    diff = m["estimate_to"].to_numpy(float) - m["estimate_from"].to_numpy(float)
    se = np.sqrt(m["se_from"].to_numpy(float) ** 2 + m["se_to"].to_numpy(float) ** 2)
    alpha = 1.0 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        z = diff / se
    out = m[series + ["round_from", "round_to", "n_from", "n_to"]].copy()
    out["estimate_from"] = m["estimate_from"].to_numpy(float)
    out["estimate_to"] = m["estimate_to"].to_numpy(float)
    out["estimate"] = diff
    out["se"] = se
    out["ci_low"] = diff + stats.norm.ppf(alpha / 2) * se
    out["ci_high"] = diff + stats.norm.ppf(1 - alpha / 2) * se
    out["z"] = z
    out["p_value"] = 2.0 * stats.norm.cdf(-np.abs(z))
    out = out.sort_values(series + ["round_from"], kind="stable", ignore_index=True)
    return out[survey + CHANGE_COLUMNS]
