"""The published domains (ALL, each region, each group, each region x group) as unions of the
finest cells of a prepared design, and the domain estimator on per-cell moments.

Hand-written linearisation (see ``design.py``). For a domain D and a variable y with valid
answers in D, est = sum_D w y / sum_D w and the influence values are
x_i = w_i (y_i - est) / W_D on the domain's valid rows and 0 on every other row of the round
(R subsets a design this way: the full-round n_h stay in the variance). With per-cell moments
(``moments.py``) the per-cell sums are

    sum_f x   = W_f (m_f - est) / W_D - gamma_f Wall_f
    sum_f x^2 = [Q2c + 2 d Q1c + d^2 Q0]_f / W_D^2 + gamma_f^2 Q0inv_f,  d = m_f - est - gamma_f W_D

(gamma = 0 unless the design is calibrated, see ``variance.py``); cells outside D contribute
only their gamma terms. All domains and variables are handled at once as (D, F, K) arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.stats.design import PreparedDesign
from pipeline.stats.moments import CellMoments
from pipeline.stats.variance import centring, stratum_variance

ALL = "ALL"
CALIBRATION_NOISE = 1e-12  # calibrated variances below this share of the uncentred one are 0


@dataclass(frozen=True)
class Domains:
    region_code: np.ndarray  # (D,) object
    group_code: np.ndarray  # (D,) object
    member: np.ndarray  # (D, F) 0/1


@dataclass(frozen=True)
class DomainEstimates:
    """Arrays (D, K): estimate, variance, valid answers, strata represented among them."""

    estimate: np.ndarray
    variance: np.ndarray
    n: np.ndarray
    n_strata: np.ndarray


def domains(design: PreparedDesign) -> Domains:
    """ALL, the regions, the groups and the region x group combinations that have respondents."""
    f = design.n_cells
    regions, groups = design.regions, design.groups
    pairs = sorted(set(zip(design.cell_region.tolist(), design.cell_group.tolist(), strict=True)))
    region_code = [ALL] + list(regions) + [ALL] * len(groups) + [regions[r] for r, _ in pairs]
    group_code = [ALL] + [ALL] * len(regions) + list(groups) + [groups[g] for _, g in pairs]
    rows = [np.ones(f, dtype=bool)]
    rows += [design.cell_region == r for r in range(len(regions))]
    rows += [design.cell_group == g for g in range(len(groups))]
    pr = np.array([p[0] for p in pairs], dtype=np.int64)
    pg = np.array([p[1] for p in pairs], dtype=np.int64)
    rg = (design.cell_region[None, :] == pr[:, None]) & (design.cell_group[None, :] == pg[:, None])
    member = np.vstack([np.vstack(rows), rg]).astype(float)
    return Domains(np.array(region_code, dtype=object), np.array(group_code, dtype=object), member)


def domain_estimates(design: PreparedDesign, dom: Domains, mom: CellMoments) -> DomainEstimates:
    """Weighted means of every variable in every domain, with their linearisation variance."""
    member = dom.member
    W_d = member @ mom.W
    S_d = member @ mom.S
    n_d = member @ mom.nv
    with np.errstate(invalid="ignore", divide="ignore"):
        est = S_d / W_d
        inv_w = 1.0 / W_d[:, None, :]
        inside = member[:, :, None]
        dm = mom.m[None, :, :] - est[:, None, :]
        sum_x = inside * mom.W[None] * dm * inv_w
        sum_xx = inside * _centred_square(mom, dm) * inv_w**2
        variance = stratum_variance(design, sum_xx, sum_x)
        if design.calibrated:
            assert mom.Sy is not None and mom.Q0inv is not None
            sum_x_over_w = inside * (mom.Sy[None] - est[:, None, :] * mom.nv[None]) * inv_w
            gamma = centring(design, sum_x, sum_x_over_w)
            d = dm - gamma * W_d[:, None, :]
            outside_w2 = np.where(inside > 0, mom.Q0inv[None], design.cell_w2[None, :, None])
            sum_xx = inside * _centred_square(mom, d) * inv_w**2 + gamma**2 * outside_w2
            sum_x = sum_x - gamma * design.cell_w[None, :, None]
            uncentred = variance
            variance = stratum_variance(design, sum_xx, sum_x)
            # calibration can remove all variance (y constant within every calibration
            # cell); what is left then is rounding noise of the algebraic centring
            variance = np.where(variance <= CALIBRATION_NOISE * uncentred, 0.0, variance)
    strata = design.strata_matrix()
    n_strata = ((strata @ (inside * mom.nv[None])) > 0).sum(axis=-2)
    return DomainEstimates(est, np.maximum(variance, 0.0), n_d, n_strata)


def _centred_square(mom: CellMoments, d: np.ndarray) -> np.ndarray:
    """sum_f w^2 (y - t)^2 for t = m_f - d (broadcast over leading domain axis)."""
    return mom.Q2c[None] + 2.0 * d * mom.Q1c[None] + d * d * mom.Q0[None]
