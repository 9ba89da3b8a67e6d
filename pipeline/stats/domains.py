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
only their gamma terms. The inside terms are computed only on the (domain, cell) pairs of
the published domains; calibrated designs add the gamma terms of every cell as (F, D, K)
arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from pipeline.stats.moments import CellMoments
from pipeline.stats.records import PreparedDesign

ALL = "ALL"
CALIBRATION_NOISE = 1e-12  # calibrated variances below this share of the uncentred one are 0
DENSE_ELEMENTS = 2_000_000  # (F x D x K) chunk of the calibrated path: bounds memory


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
    """Weighted means of every variable in every domain, with their linearisation variance.

    The inside terms are visited only on the (domain, cell) pairs of the membership matrix
    (4 F pairs for the published domains instead of D x F) and summed per domain x stratum by
    one sparse product; calibrated designs add the gamma terms of every cell, as dense
    (F, D, K) arrays in chunks of variables (bounded memory)."""
    pairs = _Pairs.of(design, dom)
    n_var = mom.W.shape[1]
    step = n_var
    if design.calibrated:
        step = max(1, DENSE_ELEMENTS // max(dom.member.size, 1))
    parts = [_chunk(design, pairs, mom, slice(a, a + step)) for a in range(0, n_var, step)]
    return DomainEstimates(*(np.concatenate(a, axis=1) for a in zip(*parts, strict=True)))


@dataclass(frozen=True)
class _Pairs:
    """The (domain, cell) pairs p of the membership and their (domain, stratum) groups u."""

    member: np.ndarray  # (D, F)
    dom: np.ndarray  # (P,)
    cell: np.ndarray  # (P,)
    to_dh: sparse.csr_matrix  # (U, P) 0/1
    to_dom: sparse.csr_matrix  # (D, U) 0/1
    dh_stratum: np.ndarray  # (U,)
    dh_dom: np.ndarray  # (U,)

    @classmethod
    def of(cls, design: PreparedDesign, dom: Domains) -> _Pairs:
        d_i, f_i = np.nonzero(dom.member)
        n_h = design.n_strata
        key, inv = np.unique(d_i * n_h + design.cell_stratum[f_i], return_inverse=True)
        n_p, n_u = d_i.size, key.size
        to_dh = sparse.csr_matrix((np.ones(n_p), (inv.ravel(), np.arange(n_p))), (n_u, n_p))
        to_dom = sparse.csr_matrix(
            (np.ones(n_u), (key // n_h, np.arange(n_u))), (dom.member.shape[0], n_u)
        )
        return cls(dom.member, d_i, f_i, to_dh, to_dom, key % n_h, key // n_h)


def _chunk(
    design: PreparedDesign, pairs: _Pairs, mom: CellMoments, cols: slice
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    member, d_i, f_i = pairs.member, pairs.dom, pairs.cell
    W, m, nv = mom.W[:, cols], mom.m[:, cols], mom.nv[:, cols]
    W_d = member @ W
    S_d = member @ mom.S[:, cols]
    n_d = member @ nv
    c = design.stratum_factor[pairs.dh_stratum][:, None]
    n_h = design.stratum_rows[pairs.dh_stratum][:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        est = S_d / W_d
        inv_w = 1.0 / W_d[d_i]  # (P, K)
        dm = m[f_i] - est[d_i]
        x = W[f_i] * dm * inv_w  # sum of the influence values over the pair's cell
        q0, q1 = mom.Q0[f_i, cols], mom.Q1c[f_i, cols]
        xx = (mom.Q2c[f_i, cols] + 2.0 * dm * q1 + dm * dm * q0) * inv_w**2
        sxx = pairs.to_dh @ xx  # (U, K) per domain x stratum
        sx = pairs.to_dh @ x
        variance = np.asarray(pairs.to_dom @ (c * (sxx - sx * sx / n_h)))
        if design.calibrated:
            assert mom.Sy is not None
            x_over_w = (mom.Sy[f_i, cols] - est[d_i] * nv[f_i]) * inv_w
            b = (q1 + dm * q0) * inv_w
            variance = _calibrated_variance(design, pairs, x, xx, x_over_w, b, variance)
    n_strata = np.asarray(pairs.to_dom @ ((pairs.to_dh @ nv[f_i]) > 0).astype(float))
    return est, np.maximum(variance, 0.0), n_d, n_strata


def _calibrated_variance(
    design: PreparedDesign,
    pairs: _Pairs,
    x: np.ndarray,
    xx: np.ndarray,
    x_over_w: np.ndarray,
    b: np.ndarray,
    uncentred: np.ndarray,
) -> np.ndarray:
    """Variance of the centred influence x_i - w_i gamma_f (``variance.py``).

    In a cell f of the domain the sums become x - gamma w_f and
    xx - 2 gamma b + gamma^2 w2_f (b = [Q1c + d Q0] / W_D, the cross term of the centred
    square); outside it -gamma w_f and gamma^2 w2_f. The gamma terms are dense (F, D, K)."""
    n_dom = pairs.member.shape[0]
    n_cells, n_var = design.n_cells, x.shape[1]
    t_x, t_xw = design.centring_operators
    src = np.zeros((n_cells, n_dom, n_var))
    src[pairs.cell, pairs.dom] = x if t_x is not None else x_over_w
    op = t_x if t_x is not None else t_xw
    assert op is not None
    gamma = (op @ src.reshape(n_cells, -1)).reshape(src.shape)  # (F, D, K)
    strata = design.strata_matrix()  # (H, F)
    flat = (n_cells, n_dom * n_var)
    shape = (design.n_strata, n_dom, n_var)
    sxx = (strata @ (gamma * gamma * design.cell_w2[:, None, None]).reshape(flat)).reshape(shape)
    sx = -(strata @ (gamma * design.cell_w[:, None, None]).reshape(flat)).reshape(shape)
    g_p = gamma[pairs.cell, pairs.dom]  # (P, K)
    sxx[pairs.dh_stratum, pairs.dh_dom] += pairs.to_dh @ (xx - 2.0 * g_p * b)
    sx[pairs.dh_stratum, pairs.dh_dom] += pairs.to_dh @ x
    c = design.stratum_factor[:, None, None]
    n_h = design.stratum_rows[:, None, None]
    variance = np.sum(c * (sxx - sx * sx / n_h), axis=0)
    # calibration can remove all variance (y constant within every calibration cell); what
    # is left then is rounding noise of the algebraic centring
    return np.where(variance <= CALIBRATION_NOISE * uncentred, 0.0, variance)
