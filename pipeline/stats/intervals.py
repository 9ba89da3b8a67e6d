"""Confidence intervals, vectorised, as R ``survey`` computes them.

* ``normal``: ``confint(svymean(...))``: est + se * qnorm(alpha/2), est + se * qnorm(1-alpha/2).
* ``logit``: ``svyciprop(method = "logit")``: the Wald interval of the logit, whose se is
  se / (p (1 - p)), with ``confint.svyglm``'s conversion of the t level to a normal level,
  1 - 2 pnorm(qt(alpha/2, df)) (for df = 1 that rounds to 1: no finite interval).
* ``beta``: Korn & Graubard (1998) as ``svyciprop(method = "beta")``:
  n_eff = p (1 - p) / se^2 * (qt(alpha/2, n_rows - 1) / qt(alpha/2, df))^2,
  [qbeta(alpha/2, n_eff p, n_eff (1 - p) + 1), qbeta(1 - alpha/2, n_eff p + 1, n_eff (1 - p))].
* ``wilson``: not in R survey. The Wilson score interval with the design-based effective
  sample size n_eff = p (1 - p) / se^2 and the t quantile qt(1 - alpha/2, df) in place of z.

Shares are proportions 0..1 here. Any limit that is not finite makes both limits NaN (the
reference README's rules). A proportion of exactly 0 or 1 has se 0, so R gives no interval
(its design effect is 0/0); :func:`boundary_interval` gives it the Korn-Graubard interval
with the actual sample size as effective sample size (NCHS data presentation standards for
proportions, Parker et al. 2017), for every share method; the estimates table marks those
rows with ``ci_note`` = ``korn_graubard_n`` (:data:`BOUNDARY_NOTE`).
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

from pipeline.stats.types import SHARE_CI_METHODS

SHARE_METHODS = SHARE_CI_METHODS
BOUNDARY_NOTE = "korn_graubard_n"  # ci_note of a share of 0 or 1 with the interval below


def normal(est: np.ndarray, se: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = 1.0 - level
    return est + se * stats.norm.ppf(alpha / 2), est + se * stats.norm.ppf(1 - alpha / 2)


def share_interval(
    method: str,
    p: np.ndarray,
    se: np.ndarray,
    df: np.ndarray,
    n_rows: np.ndarray,
    level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """CI of proportions ``p`` (0..1) with standard errors ``se`` and design df ``df``.

    ``n_rows`` is what R's ``nrow(design)`` is for the Korn-Graubard df ratio (the domain's
    answers, or the whole round for calibrated designs, whose subsets keep every row)."""
    p = np.asarray(p, dtype=float)
    se = np.asarray(se, dtype=float)
    df = np.asarray(df, dtype=float)
    with np.errstate(all="ignore"):
        if method == "logit":
            lo, hi = _logit(p, se, df, level)
        elif method == "beta":
            lo, hi = _beta(p, se, df, np.asarray(n_rows, dtype=float), level)
        elif method == "wilson":
            lo, hi = _wilson(p, se, df, level)
        else:
            raise ValueError(f"unknown CI method {method!r}")
        bad = ~(np.isfinite(lo) & np.isfinite(hi)) | (p <= 0) | (p >= 1) | ~np.isfinite(se)
        bad |= ~(df > 0)
    return np.where(bad, np.nan, lo), np.where(bad, np.nan, hi)


def _logit(p: np.ndarray, se: np.ndarray, df: np.ndarray, level: float):
    alpha = 1.0 - level
    tlevel = 1.0 - 2.0 * stats.norm.cdf(stats.t.ppf(alpha / 2, df))
    a = (1.0 - tlevel) / 2.0
    eta = special.logit(p)
    se_eta = se / (p * (1.0 - p))
    lo = eta + se_eta * stats.norm.ppf(a)
    hi = eta + se_eta * stats.norm.ppf(1.0 - a)
    ok = np.isfinite(lo) & np.isfinite(hi)
    return np.where(ok, special.expit(lo), np.nan), np.where(ok, special.expit(hi), np.nan)


def _beta(p: np.ndarray, se: np.ndarray, df: np.ndarray, n_rows: np.ndarray, level: float):
    alpha = 1.0 - level
    ratio = stats.t.ppf(alpha / 2, n_rows - 1) / stats.t.ppf(alpha / 2, df)
    n_eff = p * (1.0 - p) / (se * se) * ratio * ratio
    lo = stats.beta.ppf(alpha / 2, n_eff * p, n_eff * (1.0 - p) + 1.0)
    hi = stats.beta.ppf(1.0 - alpha / 2, n_eff * p + 1.0, n_eff * (1.0 - p))
    return lo, hi


def _wilson(p: np.ndarray, se: np.ndarray, df: np.ndarray, level: float):
    alpha = 1.0 - level
    n_eff = p * (1.0 - p) / (se * se)
    z = stats.t.ppf(1.0 - alpha / 2, df)
    z2n = z * z / n_eff
    centre = (p + z2n / 2.0) / (1.0 + z2n)
    half = z * np.sqrt(p * (1.0 - p) / n_eff + z2n / (4.0 * n_eff)) / (1.0 + z2n)
    return centre - half, centre + half


def boundary_interval(
    p: np.ndarray, n: np.ndarray, df: np.ndarray, n_rows: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, high, applies): the Korn-Graubard interval of shares of exactly 0 or 1.

    NCHS standard: the effective sample size is the actual sample size ``n`` (the domain's
    answers), with the same degrees-of-freedom factor as :func:`_beta`,
    n_eff = n (qt(alpha/2, n_rows - 1) / qt(alpha/2, df))^2; then p = 0 gives
    [0, qbeta(1 - alpha/2, 1, n_eff)] and p = 1 gives [qbeta(alpha/2, n_eff, 1), 1].
    ``applies`` marks the shares of 0 or 1 with at least two answers and df > 0 (with one
    answer there is no se, as in R, and no interval)."""
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    df = np.asarray(df, dtype=float)
    alpha = 1.0 - level
    with np.errstate(all="ignore"):
        ratio = stats.t.ppf(alpha / 2, np.asarray(n_rows, dtype=float) - 1) / stats.t.ppf(
            alpha / 2, df
        )
        n_eff = n * ratio * ratio
        upper_of_zero = stats.beta.ppf(1.0 - alpha / 2, 1.0, n_eff)
        lower_of_one = stats.beta.ppf(alpha / 2, n_eff, 1.0)
    applies = ((p == 0) | (p == 1)) & (n >= 2) & (df > 0) & np.isfinite(n_eff) & (n_eff > 0)
    lo = np.where(p == 0, 0.0, lower_of_one)
    hi = np.where(p == 0, upper_of_zero, 1.0)
    return np.where(applies, lo, np.nan), np.where(applies, hi, np.nan), applies
