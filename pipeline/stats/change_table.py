"""Changes between rounds (the ``changes`` table).

For each survey, design, item, statistic (mean, balance, top2_share, bottom2_share) and
domain, the round pairs chosen by ``spans`` among the rounds in which the item was estimated:

* ``consecutive``: every pair of consecutive rounds of the item;
* ``first_last``: the item's first and last round (the same pair as a consecutive one when
  the item has two rounds; each pair appears once);
* ``all_pairs``: every pair of rounds (earlier -> later).

Per pair: difference ``estimate_to - estimate_from``, se = sqrt(se_from^2 + se_to^2)
(independent samples: the rounds are separate samples), normal CI difference +- qnorm(1 -
alpha/2) se at the configured level, z = diff / se and p = 2 pnorm(-|z|), as the R reference
computes it. ``span`` names the pair's kind (``consecutive``, ``first_last`` or ``pair``).
Shares and their changes are in percentage points; the share rows of the first CI method are
used (estimate and se do not depend on the CI method). The Benjamini-Hochberg adjustment
(``p_adjusted``) is added after suppression (``core.py``, family ``CHANGE_FAMILY`` of
``multiplicity.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, pairwise

import numpy as np
import pandas as pd
from scipy import stats

from pipeline.stats.types import CHANGE_SPANS

CHANGE_STATISTICS = ("mean", "balance", "top2_share", "bottom2_share")
CHANGE_COLUMNS = [
    "design",
    "item",
    "statistic",
    "region_code",
    "group_code",
    "round_from",
    "round_to",
    "span",
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
DEFAULT_SPANS = ("consecutive", "first_last")


def round_pairs(rounds: Sequence[int], spans: Sequence[str]) -> list[tuple[int, int, str]]:
    """(round_from, round_to, span) of the sorted ``rounds`` for ``spans``, each pair once,
    in order of round_from then round_to."""
    unknown = [s for s in spans if s not in CHANGE_SPANS]
    if unknown:
        raise ValueError(f"unknown change span {unknown[0]!r}")
    rs = sorted(set(int(r) for r in rounds))
    consecutive = set(pairwise(rs))
    wanted: set[tuple[int, int]] = set()
    if "consecutive" in spans:
        wanted |= consecutive
    if "first_last" in spans and len(rs) >= 2:
        wanted.add((rs[0], rs[-1]))
    if "all_pairs" in spans:
        wanted |= set(combinations(rs, 2))

    def kind(pair: tuple[int, int]) -> str:
        if pair in consecutive:
            return "consecutive"
        return "first_last" if pair == (rs[0], rs[-1]) else "pair"

    return [(a, b, kind((a, b))) for a, b in sorted(wanted)]


def changes(
    estimates: pd.DataFrame, level: float = 0.95, spans: Sequence[str] = DEFAULT_SPANS
) -> pd.DataFrame:
    """Changes between the rounds of the estimates table (needs a ``round`` column)."""
    survey = ["survey"] if "survey" in estimates.columns else []
    series = survey + ["design", "item", "statistic", "region_code", "group_code"]
    est = estimates[estimates["statistic"].isin(CHANGE_STATISTICS)]
    est = est.drop_duplicates(series + ["round"], keep="first")
    cols = series + ["round", "n", "estimate", "se"]
    est = est[cols].copy()
    if est.empty:
        return pd.DataFrame(columns=survey + CHANGE_COLUMNS)
    # the round pairs of each item (per survey and design), from the rounds it was estimated in
    item_key = survey + ["design", "item"]
    pair_rows = []
    for key, rounds in est.groupby(item_key, sort=False)["round"]:
        key = key if isinstance(key, tuple) else (key,)
        for r_from, r_to, span in round_pairs(rounds.unique().tolist(), spans):
            pair_rows.append((*key, r_from, r_to, span))
    pairs = pd.DataFrame(pair_rows, columns=item_key + ["round_from", "round_to", "span"])
    if pairs.empty:
        return pd.DataFrame(columns=survey + CHANGE_COLUMNS)
    pairs = pairs.astype({"round_from": est["round"].dtype, "round_to": est["round"].dtype})
    frm = est.rename(columns={"round": "round_from"}).merge(pairs, on=item_key + ["round_from"])
    to = est.rename(columns={"round": "round_to"})
    m = frm.merge(to, on=series + ["round_to"], suffixes=("_from", "_to"))
    diff = m["estimate_to"].to_numpy(float) - m["estimate_from"].to_numpy(float)
    se = np.sqrt(m["se_from"].to_numpy(float) ** 2 + m["se_to"].to_numpy(float) ** 2)
    alpha = 1.0 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        z = diff / se
    out = m[series + ["round_from", "round_to", "span", "n_from", "n_to"]].copy()
    out["estimate_from"] = m["estimate_from"].to_numpy(float)
    out["estimate_to"] = m["estimate_to"].to_numpy(float)
    out["estimate"] = diff
    out["se"] = se
    out["ci_low"] = diff + stats.norm.ppf(alpha / 2) * se
    out["ci_high"] = diff + stats.norm.ppf(1 - alpha / 2) * se
    out["z"] = z
    out["p_value"] = 2.0 * stats.norm.cdf(-np.abs(z))
    out = out.sort_values(series + ["round_from", "round_to"], kind="stable", ignore_index=True)
    return out[survey + CHANGE_COLUMNS]
