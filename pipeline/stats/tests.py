"""Tests between regions for one round under one design (the ``tests`` table).

Hand-written linearisation so that the design-based tests equal R ``survey`` 4.1.1 exactly
(``svychisq``, ``svyglm`` + ``regTermTest``; tests/fixtures/reference):

* ``rao_scott_F``: ``svychisq(~item + region, statistic = "F")`` on the valid answers: Pearson
  X^2 of the weighted table scaled to the number of answers, divided by tr(Delta), where
  Delta = (C' D^-1 C / N)^-1 C' D^-1 V D^-1 C, C spans the interactions orthogonal to the
  main effects, D = diag(cell proportions), V their linearisation covariance; df1 = d0 =
  tr(Delta)^2 / tr(Delta^2), df2 = d0 * nu. Only answer categories and regions present among
  the valid answers enter (Rao & Scott 1984; Lumley 2010, ch. 6).
* ``wald_means`` / ``wald_means_adjusted_group``: Gaussian ``svyglm(y ~ region [+ group])`` and
  the Wald test of the region coefficients, F = b' V^-1 b / df1 with V the sandwich covariance
  (influence ``estfun %*% (X'WX)^-1`` through the same variance machinery),
  df2 = degf + 1 - (number of coefficients).
* ``ordinal_logit_region``: model-based LR test (``ordinal.py``).

Change items get the same four tests: the Rao-Scott test on the answer distribution, the
Wald tests on the +1/0/-1 score (equal balances across regions), the ordinal test on the
ordered codes. Undefined tests (one region, one category, singular covariance) give NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from pipeline.stats.blas import one_blas_thread
from pipeline.stats.design import PreparedDesign, prepare_design
from pipeline.stats.estimates import align, change_score
from pipeline.stats.moments import CellMoments, table_moments
from pipeline.stats.ordinal import ordinal_lr_from_table
from pipeline.stats.tables import FIRST_CODE, code_tables
from pipeline.stats.types import TESTS, DesignSpec, ItemScale
from pipeline.stats.variance import covariance

TEST_COLUMNS = ["design", "item", "test", "statistic", "df1", "df2", "p_value"]
NAN_TEST = (np.nan, np.nan, np.nan, np.nan)


def test_round(
    respondents: pd.DataFrame,
    codes: pd.DataFrame,
    status: pd.DataFrame,
    items: dict[str, ItemScale],
    design: DesignSpec,
    population: pd.DataFrame | None,
) -> pd.DataFrame:
    """:func:`test_prepared` after preparing ``design`` for the round."""
    prep = prepare_design(respondents, design, population)
    return test_prepared(prep, respondents, codes, status, items)


@one_blas_thread
def test_prepared(
    prep: PreparedDesign,
    respondents: pd.DataFrame,
    codes: pd.DataFrame,
    status: pd.DataFrame,
    items: dict[str, ItemScale],
) -> pd.DataFrame:
    """The four tests between regions for every item of one round under a prepared design.

    Every test needs only per-cell sums by answer (``tables.py``), so the rows are read once
    for all items; the loop per item below works on (cells x answers) tables."""
    codes, status = align(respondents, codes, status)
    names = [it for it in items if it in codes.columns]
    if not names:
        return pd.DataFrame(columns=TEST_COLUMNS)
    tables = code_tables(prep, names, codes[names].to_numpy(float), status)
    code = np.concatenate((np.zeros(FIRST_CODE), tables.values))
    is_code = np.arange(code.size) >= FIRST_CODE
    y = np.vstack(
        [code if items[it].kind == "rating" else change_score(code, items[it]) for it in names]
    )
    valid = np.broadcast_to(is_code, y.shape)
    mom = table_moments(prep, tables, np.arange(len(names)), y, valid)
    rows = []
    for j, item in enumerate(names):  # small (cells x answers) tables per item
        answered = tables.n[j][:, FIRST_CODE:].sum(axis=0) > 0
        lev = np.flatnonzero(answered) + FIRST_CODE  # answer categories present
        wc, qc, nc = tables.w[j][:, lev], tables.w2[j][:, lev], tables.n[j][:, lev]
        col = _column(mom, j)
        results = {
            "rao_scott_F": rao_scott(prep, wc, qc, nc),
            "wald_means": wald_region(prep, col, adjust_group=False),
            "wald_means_adjusted_group": wald_region(prep, col, adjust_group=True),
            "ordinal_logit_region": _ordinal(prep, nc),
        }
        rows += [(prep.name, item, test, *results[test]) for test in TESTS]
    return pd.DataFrame(rows, columns=TEST_COLUMNS)


def _ordinal(prep: PreparedDesign, counts: np.ndarray) -> tuple[float, float, float, float]:
    """The ordinal test from the (cell, answer) counts, aggregated to region x group."""
    key = prep.cell_region * len(prep.groups) + prep.cell_group
    table = np.zeros((len(prep.regions) * len(prep.groups), counts.shape[1]))
    np.add.at(table, key, counts)
    table = table.reshape(len(prep.regions), len(prep.groups), counts.shape[1])
    return ordinal_lr_from_table(np.rint(table).astype(np.int64))


test_round.__test__ = False  # type: ignore[attr-defined]  # not a pytest test when imported
test_prepared.__test__ = False  # type: ignore[attr-defined]


def _column(mom: CellMoments, j: int) -> CellMoments:
    def pick(a: np.ndarray | None) -> np.ndarray | None:
        return None if a is None else a[:, j : j + 1]

    return CellMoments(*(pick(getattr(mom, f)) for f in mom.__dataclass_fields__))  # type: ignore[arg-type]


def _constant(mom: CellMoments) -> bool:
    """All valid answers equal (to rounding): no variance, the Wald test is undefined."""
    total = mom.S[:, 0].sum() / mom.W[:, 0].sum()
    d = mom.m[:, 0] - total
    spread = np.sum(mom.Q2c[:, 0] + 2.0 * d * mom.Q1c[:, 0] + d * d * mom.Q0[:, 0])
    return bool(spread <= (1e-12 * max(abs(total), 1.0)) ** 2 * mom.Q0[:, 0].sum())


def _degf(prep: PreparedDesign, nv: np.ndarray) -> float:
    """degf() of the design subset to the valid answers: answers - strata among them."""
    per_stratum = np.bincount(prep.cell_stratum, nv, minlength=prep.n_strata)
    return float(nv.sum() - np.count_nonzero(per_stratum))


# --------------------------------------------------------------------------- Rao-Scott


def rao_scott(
    prep: PreparedDesign, wc: np.ndarray, qc: np.ndarray, nc_: np.ndarray
) -> tuple[float, float, float, float]:
    """svychisq(~answer + region, statistic = "F") on the valid answers, from the per cell x
    answer category sums of w, w^2 and counts (F, categories present)."""
    reg_of_cell = prep.cell_region
    n_cell = nc_.sum(axis=1)
    present = np.flatnonzero(np.bincount(reg_of_cell, n_cell, minlength=len(prep.regions)))
    nr, nc = wc.shape[1], present.size
    if nr < 2 or nc < 2:
        return NAN_TEST
    col_of_region = np.full(len(prep.regions), -1)
    col_of_region[present] = np.arange(nc)
    f_n = prep.n_cells
    k = nr * nc
    # table cell index k = answer + nr * region (R's interaction order, answer fastest)
    fcol = col_of_region[reg_of_cell]
    has = fcol >= 0
    idx = np.where(has, fcol, 0)[:, None] * nr + np.arange(nr)[None, :]

    def scatter(v: np.ndarray) -> np.ndarray:
        out = np.zeros((f_n, k))
        rows = np.repeat(np.arange(f_n), nr)
        np.add.at(out, (rows, idx.ravel()), (v * has[:, None]).ravel())
        return out

    Wf, Qf, Nf = scatter(wc), scatter(qc), scatter(nc_)
    w_f, q_f, n_f = Wf.sum(axis=1), Qf.sum(axis=1), Nf.sum(axis=1)
    total = w_f.sum()
    p = Wf.sum(axis=0) / total
    c_f = prep.cell_factor
    cq = c_f @ Qf
    weighted_m2 = np.diag(cq) - np.outer(cq, p) - np.outer(p, cq) + (c_f @ q_f) * np.outer(p, p)
    weighted_m2 /= total**2
    sum_x = (Wf - w_f[:, None] * p) / total
    sum_wx = (Qf - q_f[:, None] * p) / total
    sum_x_over_w = (Nf - n_f[:, None] * p) / total
    V = covariance(prep, weighted_m2, sum_x, sum_wx, sum_x_over_w)

    n_ans = float(n_cell.sum())
    tab = p.reshape(nc, nr).T  # answers x regions
    expected = np.outer(tab.sum(axis=1), tab.sum(axis=0))
    pearson = n_ans * float(np.sum((tab - expected) ** 2 / expected))
    x1, x12 = _main_and_interactions(nr, nc)
    cmat = x12 - x1 @ np.linalg.lstsq(x1, x12, rcond=None)[0]
    ip = np.where(p == 0, 0.0, 1.0 / np.where(p == 0, 1.0, p))
    denom = (cmat.T * ip) @ cmat / n_ans
    numr = (cmat.T * ip) @ V @ (ip[:, None] * cmat)
    try:
        delta = np.linalg.solve(denom, numr)
    except np.linalg.LinAlgError:
        return NAN_TEST
    tr = float(np.trace(delta))
    tr2 = float(np.trace(delta @ delta))
    if prep.calibrated:
        # svychisq's nu counts the PSUs and strata of design$cluster, which a calibrated
        # subset keeps in full (weights zeroed), not only the rows with valid answers
        nu = float(prep.n_rows - prep.n_strata)
    else:
        per_stratum = np.bincount(prep.cell_stratum, n_cell, minlength=prep.n_strata)
        nu = float(n_ans - np.count_nonzero(per_stratum))
    with np.errstate(all="ignore"):
        stat = pearson / tr
        d0 = tr * tr / tr2
    if not (np.isfinite(stat) and np.isfinite(d0) and d0 > 0 and nu > 0):
        return NAN_TEST
    return stat, d0, d0 * nu, float(stats.f.sf(stat, d0, d0 * nu))


def _main_and_interactions(nr: int, nc: int) -> tuple[np.ndarray, np.ndarray]:
    """model.matrix(~rows + cols) and the interaction columns of ~rows * cols over
    expand.grid(rows = 1:nr, cols = 1:nc) (rows fastest)."""
    rows = np.tile(np.arange(nr), nc)
    cols = np.repeat(np.arange(nc), nr)
    rd = (rows[:, None] == np.arange(1, nr)[None, :]).astype(float)
    cd = (cols[:, None] == np.arange(1, nc)[None, :]).astype(float)
    x1 = np.hstack([np.ones((nr * nc, 1)), rd, cd])
    x12 = (cd[:, :, None] * rd[:, None, :]).reshape(nr * nc, -1)
    return x1, x12


# --------------------------------------------------------------------------- Wald


def wald_region(
    prep: PreparedDesign, mom: CellMoments, adjust_group: bool
) -> tuple[float, float, float, float]:
    """regTermTest(svyglm(y ~ factor(region) [+ factor(group)]), ~factor(region))."""
    W = mom.W[:, 0]
    has = W > 0
    regions = np.unique(prep.cell_region[has])
    if regions.size < 2 or _constant(mom):
        return NAN_TEST
    cols = [np.ones(prep.n_cells)]
    cols += [(prep.cell_region == r).astype(float) for r in regions[1:]]
    if adjust_group:
        groups = np.unique(prep.cell_group[has])
        cols += [(prep.cell_group == g).astype(float) for g in groups[1:]]
    X = np.column_stack(cols)  # (F, p): the model row of every finest cell
    n_coef = X.shape[1]
    xtwx = (X.T * W) @ X
    if np.linalg.matrix_rank(xtwx) < n_coef:  # aliased region and group dummies
        return NAN_TEST
    try:
        a_inv = np.linalg.inv(xtwx)
    except np.linalg.LinAlgError:
        return NAN_TEST
    beta = a_inv @ (X.T @ mom.S[:, 0])
    A = X @ a_inv  # (F, p): (X'WX)^-1 x_f for every cell
    mu = X @ beta
    dm = mom.m[:, 0] - mu
    t2 = mom.Q2c[:, 0] + 2.0 * dm * mom.Q1c[:, 0] + dm * dm * mom.Q0[:, 0]
    weighted_m2 = (A * (prep.cell_factor * t2)[:, None]).T @ A
    sum_x = A * (W * dm)[:, None]
    sum_wx = A * (mom.Q1c[:, 0] + dm * mom.Q0[:, 0])[:, None]
    sum_x_over_w = np.zeros_like(sum_x)
    if mom.Sy is not None:
        sum_x_over_w = A * (mom.Sy[:, 0] - mu * mom.nv[:, 0])[:, None]
    V = covariance(prep, weighted_m2, sum_x, sum_wx, sum_x_over_w)
    idx = np.arange(1, regions.size)
    b = beta[idx]
    vr = V[np.ix_(idx, idx)]
    try:
        chisq = float(b @ np.linalg.solve(vr, b))
    except np.linalg.LinAlgError:
        return NAN_TEST
    df1 = float(idx.size)
    df2 = _degf(prep, mom.nv[:, 0]) + 1.0 - n_coef
    stat = chisq / df1
    if not (np.isfinite(stat) and stat >= 0 and df2 > 0):
        return NAN_TEST
    return stat, df1, df2, float(stats.f.sf(stat, df1, df2))
