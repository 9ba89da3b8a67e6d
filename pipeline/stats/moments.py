"""Per-cell weighted moments of many variables, from the items' answer tables.

Hand-written because the variances must equal R ``survey`` exactly (see ``design.py``). For
K variables y (each with its own validity mask) the finest cells f of a
:class:`~pipeline.stats.design.PreparedDesign` get

    W  = sum w        S   = sum w y      m = S / W (the cell mean)
    Q0 = sum w^2      Q1c = sum w^2 (y - m)      Q2c = sum w^2 (y - m)^2
    nv = count        Sy  = sum y (unweighted)   Q0inv = sum of w^2 over the *invalid* rows

over the valid rows of the cell (Q0inv over the others). Centring the second moments at the
cell mean keeps a variance that is mathematically zero (all answers equal) at zero instead of
the square root of rounding noise. Every variable is a function ``y[l]`` of its item's answer
level l with a validity mask ``v[l]`` (``tables.py``), so each sum is a small contraction of
the (J, F, L) answer tables over the levels: no pass over the respondent rows here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.stats.records import PreparedDesign
from pipeline.stats.tables import CodeTables


@dataclass(frozen=True)
class CellMoments:
    """Moments of K variables on the F finest cells; every array is (F, K)."""

    W: np.ndarray
    S: np.ndarray
    m: np.ndarray
    Q0: np.ndarray
    Q1c: np.ndarray
    Q2c: np.ndarray
    nv: np.ndarray
    Sy: np.ndarray | None = None
    Q0inv: np.ndarray | None = None


def table_moments(
    design: PreparedDesign,
    tables: CodeTables,
    item: np.ndarray,
    y: np.ndarray,
    valid: np.ndarray,
) -> CellMoments:
    """Moments of K variables: variable k is ``y[k, l]`` of item ``item[k]`` on the levels l
    where ``valid[k, l]`` (arrays (K,), (K, L), (K, L)).

    ``Sy`` and ``Q0inv`` (needed only to centre influence values of calibrated designs) are
    filled in for calibrated designs only."""
    v = valid.astype(float)[:, None, :]  # (K, 1, L)
    yv = np.where(valid, y, 0.0)[:, None, :]
    tw = tables.w[item]  # (K, F, L)
    tq = tables.w2[item]
    W = np.sum(tw * v, axis=2).T  # (F, K)
    S = np.sum(tw * (v * yv), axis=2).T
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.where(W > 0, S / np.where(W > 0, W, 1.0), 0.0)
    resid = (yv - m.T[:, :, None]) * v  # (K, F, L): y - m on the valid levels, else 0
    q_resid = tq * resid
    Q0 = np.sum(tq * v, axis=2).T
    Q1c = np.sum(q_resid, axis=2).T
    Q2c = np.sum(q_resid * resid, axis=2).T
    tn = tables.n[item]
    nv = np.sum(tn * v, axis=2).T
    Sy = Q0inv = None
    if design.calibrated:
        Sy = np.sum(tn * (v * yv), axis=2).T
        Q0inv = np.sum(tq * (1.0 - v), axis=2).T
    return CellMoments(W, S, m, Q0, Q1c, Q2c, nv, Sy, Q0inv)
