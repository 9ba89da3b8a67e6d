"""Per-cell weighted moments of a block of variables, in one pass over the data.

Hand-written because the variances must equal R ``survey`` exactly (see ``design.py``). For
K variables y (each with its own validity mask) the finest cells f of a
:class:`~pipeline.stats.design.PreparedDesign` get

    W  = sum w        S   = sum w y      m = S / W (the cell mean)
    Q0 = sum w^2      Q1c = sum w^2 (y - m)      Q2c = sum w^2 (y - m)^2
    nv = count        Sy  = sum y (unweighted)   Q0inv = sum of w^2 over the *invalid* rows

over the valid rows of the cell (Q0inv over the others). Centring the second moments at the
cell mean keeps a variance that is mathematically zero (all answers equal) at zero instead of
the square root of rounding noise. Each sum is one sparse (F x n) @ (n x K) product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipeline.stats.design import PreparedDesign


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


def cell_moments(design: PreparedDesign, y: np.ndarray, valid: np.ndarray) -> CellMoments:
    """Moments of the columns of ``y`` (n, K) over the rows where ``valid`` (n, K) holds.

    ``Sy`` and ``Q0inv`` (needed only to centre influence values of calibrated designs) are
    filled in for calibrated designs only."""
    w = design.weights[:, None]
    v = valid.astype(float)
    yv = np.where(valid, y, 0.0)
    wv = w * v
    W = design.cell_sum(wv)
    S = design.cell_sum(wv * yv)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.where(W > 0, S / np.where(W > 0, W, 1.0), 0.0)
    resid = (yv - m[design.row_cell]) * v
    w2 = w * w
    w2r = w2 * resid
    Q0 = design.cell_sum(w2 * v)
    Q1c = design.cell_sum(w2r)
    Q2c = design.cell_sum(w2r * resid)
    nv = design.cell_sum(v)
    Sy = Q0inv = None
    if design.calibrated:
        Sy = design.cell_sum(yv)
        Q0inv = design.cell_sum(w2 * (1.0 - v))
    return CellMoments(W, S, m, Q0, Q1c, Q2c, nv, Sy, Q0inv)
