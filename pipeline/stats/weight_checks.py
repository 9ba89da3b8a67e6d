"""Weight diagnostics: how much the weights cost in precision, and whether one respondent
swallows a domain.

Pure functions over arrays and data frames (no I/O). Kish (1965): with weights w_i the
effective sample size is n_eff = (sum w)^2 / sum w^2 and the design effect due to weighting
deff_w = n / n_eff = 1 + CV(w)^2. A single weight holding most of a domain's weight total makes
that domain's estimate the answer of one person, with a standard error near 0 (a weight of 1e12
gave a mean with SE 0 and CI [3, 3]); such a respondent is an error, not an estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.errors import UserError

DEFAULT_MAX_WEIGHT_SHARE = 0.2
MIN_EQUAL_SHARES = 2  # a domain is checked when it has at least 2 / max_share respondents


@dataclass(frozen=True)
class WeightSummary:
    n: int
    effective_n: float
    design_effect: float
    largest_share: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "effective_n": round(self.effective_n, 2),
            "design_effect_weighting": round(self.design_effect, 4),
            "largest_weight_share": round(self.largest_share, 4),
        }


def weight_summary(weights: Sequence[float] | np.ndarray) -> WeightSummary:
    """Kish effective n, design effect due to weighting and the largest single weight share."""
    w = np.asarray(weights, dtype=float)
    if w.size == 0:
        return WeightSummary(0, 0.0, float("nan"), float("nan"))
    total = w.sum()
    n_eff = total**2 / np.square(w).sum()
    return WeightSummary(int(w.size), float(n_eff), float(w.size / n_eff), float(w.max() / total))


def round_weight_metrics(
    frame: pd.DataFrame, round_col: str = "round", weight_col: str = "weight"
) -> dict[str, dict[str, float | int]]:
    """Per round (one row per respondent): n, effective_n, design_effect_weighting,
    largest_weight_share."""
    return {
        str(r): weight_summary(g[weight_col].to_numpy(float)).as_dict()
        for r, g in frame.groupby(round_col, sort=True)
    }


@dataclass(frozen=True)
class ShareViolation:
    index: int  # position (0-based) of the respondent in the frame
    round: int
    domain: str  # "all", "region_code=14", "region_code=14, group_code=2"
    share: float
    n: int


def largest_share_violation(
    frame: pd.DataFrame,
    domains: Sequence[Sequence[str]],
    max_share: float,
    round_col: str = "round",
    weight_col: str = "weight",
) -> ShareViolation | None:
    """The worst respondent holding more than ``max_share`` of a domain's weight total, or None.

    ``domains`` lists the column sets that define published domains within a round (``()`` =
    the whole round, ``("region_code",)``, ...). Domains with fewer than 2 / max_share
    respondents (10 at the default 0.2) are skipped: there an equal share is already more than
    half the limit and ordinary weight variation crosses it, so the rule cannot tell a
    swallowing weight from a small cell (small cells are the business of ``min_cell``
    suppression; the whole round's check still catches an extreme weight)."""
    w = frame[weight_col].to_numpy(float)
    pos = np.arange(len(frame))
    worst: ShareViolation | None = None
    for cols in domains:
        keys = [round_col, *cols]
        for key, idx in frame.groupby(keys, sort=True).indices.items():
            key = key if isinstance(key, tuple) else (key,)
            if len(idx) * max_share < MIN_EQUAL_SHARES:
                continue
            ww = w[idx]
            j = int(np.argmax(ww))
            share = float(ww[j] / ww.sum())
            if share > max_share and (worst is None or share > worst.share):
                name = ", ".join(f"{c}={v}" for c, v in zip(cols, key[1:], strict=True))
                worst = ShareViolation(
                    int(pos[idx[j]]), int(key[0]), name or "all", share, len(idx)
                )
    return worst


def check_weight_shares(
    frame: pd.DataFrame,
    domains: Sequence[Sequence[str]],
    max_share: float,
    describe: Callable[[int], str],
    source: str,
    round_col: str = "round",
    weight_col: str = "weight",
) -> None:
    """Raise a UserError when a respondent holds more than ``max_share`` of a published
    domain's weight total. ``describe(i)`` names respondent i (file and row); ``source`` is
    where the weights come from (the export file, or the params file for calibrated weights)."""
    v = largest_share_violation(frame, domains, max_share, round_col, weight_col)
    if v is None:
        return
    domain = "the whole round" if v.domain == "all" else f"domain {v.domain}"
    raise UserError(
        source,
        f"{describe(v.index)}, round {v.round}",
        f"this respondent's weight is {v.share:.0%} of the weight total of {domain} "
        f"({v.n} respondents; analyse.max_weight_share is {max_share:g})",
        "check the weight (a typo or a unit error?) or trim it; raise "
        "analyse.max_weight_share in params only if this is intended",
    )
