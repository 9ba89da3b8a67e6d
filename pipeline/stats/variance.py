"""Linearisation variances from per-cell sums, as R ``survey::svyrecvar`` computes them.

Hand-written (see ``design.py`` for why). An estimator's influence values x_i (zero for rows
outside the domain or without a valid answer, as when R subsets a design) enter

    V = sum_h c_h [ sum_{i in h} x_i x_i' - (sum_{i in h} x_i)(sum_{i in h} x_i)' / n_h ],
    c_h = (1 - n_h/N_h) n_h / (n_h - 1)

with n_h the respondents of the whole round in stratum h (one stratum and no FPC for
unstratified designs). Only per-cell sums of x and x x' are needed, never the rows.

Calibrated designs first centre x as ``svyrecvar`` does:

* post-stratification (``postStratify``): x <- x - w * (sum_c x) / (sum_c w) in each cell c
  (survey >= 4's ``oldweights`` form; idempotent, so one sweep is exact);
* raking (``rake``): 10 sweeps over the margins of the last pass, in order,
  x <- x - w_m * ave(x / w_m, cell), w_m the weights right after that margin's step.

Within a finest cell every w_m is the final weight w divided by a constant rho_m, so every
correction has the form w_i * gamma_f: the centred influence is x_i - w_i gamma_f, and the
sweeps only update the small arrays gamma (cells x statistics).
"""

from __future__ import annotations

import numpy as np

from pipeline.stats.records import PreparedDesign

RAKE_SWEEPS = 10  # svyrecvar's fixed number of backfitting sweeps for raked designs


def centring(design: PreparedDesign, sum_x: np.ndarray, sum_x_over_w: np.ndarray) -> np.ndarray:
    """gamma (..., F, K) such that the centred influence in cell f is x_i - w_i gamma_f.

    ``sum_x`` and ``sum_x_over_w`` are the per-cell sums of x and x / w of the uncentred
    influence values, with the cell axis second to last. The sweeps are linear in these sums,
    so they are run once per design on the unit vectors (:func:`centring_operators`) and
    applied here as one matrix product over all domains and statistics (many times faster
    than sweeping (D, F, K) arrays; equal to rounding)."""
    if not design.margins:
        return np.zeros_like(sum_x)
    t_x, t_xw = design.centring_operators
    gamma = _apply(t_x, sum_x) if t_x is not None else np.zeros_like(sum_x)
    if t_xw is not None:
        gamma = gamma + _apply(t_xw, sum_x_over_w)
    return gamma


def _apply(op: np.ndarray, a: np.ndarray) -> np.ndarray:
    """op (F, F) applied along the cell axis (second to last) of a (..., F, K)."""
    if a.ndim == 2:
        return op @ a
    moved = np.moveaxis(a, -2, 0)
    out = op @ moved.reshape(moved.shape[0], -1)
    return np.moveaxis(out.reshape(moved.shape), 0, -2)


def centring_operators(design: PreparedDesign) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(T_x, T_xw), each (F, F) or None: gamma = T_x sum_x + T_xw sum_x_over_w.

    Post-stratification centres with sum_x only, raking with sum_x_over_w only."""
    eye = np.eye(design.n_cells)
    zero = np.zeros_like(eye)
    if design.margins[0].kind == "rake":
        return None, sweeps(design, zero, eye)
    return sweeps(design, eye, zero), None


def sweeps(design: PreparedDesign, sum_x: np.ndarray, sum_x_over_w: np.ndarray) -> np.ndarray:
    """The backfitting sweeps of ``svyrecvar`` on per-cell sums (..., F, K) (see module)."""
    gamma = np.zeros_like(sum_x)
    if not design.margins:
        return gamma
    n_sweeps = RAKE_SWEEPS if design.margins[0].kind == "rake" else 1
    for _ in range(n_sweeps):
        for margin in design.margins:
            ind = np.zeros((margin.n_cells, design.n_cells))
            ind[margin.cell, np.arange(design.n_cells)] = 1.0
            if margin.kind == "poststratify":
                resid = sum_x - gamma * design.cell_w[:, None]
                total_w = ind @ design.cell_w
                step = (ind @ resid) / total_w[:, None]
                gamma = gamma + step[..., margin.cell, :]
            else:
                rho = margin.rho[:, None]
                resid = rho * (sum_x_over_w - design.cell_rows[:, None] * gamma)
                rows = ind @ design.cell_rows
                step = (ind @ resid) / rows[:, None]
                gamma = gamma + step[..., margin.cell, :] / rho
    return gamma


def covariance(
    design: PreparedDesign,
    weighted_m2: np.ndarray,
    sum_x: np.ndarray,
    sum_wx: np.ndarray,
    sum_x_over_w: np.ndarray,
) -> np.ndarray:
    """Full (K, K) covariance of a vector statistic (one domain).

    ``weighted_m2`` = sum_f c_h(f) sum_{i in f} x_i x_i' (K, K) of the uncentred influence;
    ``sum_x``, ``sum_wx``, ``sum_x_over_w``: per-cell sums (F, K) of x, w x and x / w."""
    c_f = design.cell_factor
    gamma = centring(design, sum_x, sum_x_over_w)
    out = weighted_m2.copy()
    if design.calibrated:
        cg = gamma * c_f[:, None]
        cross = cg.T @ sum_wx
        out = out - cross - cross.T + (gamma * (c_f * design.cell_w2)[:, None]).T @ gamma
    sx = design.strata_matrix() @ (sum_x - gamma * design.cell_w[:, None])
    scale = design.stratum_factor / design.stratum_rows
    return out - (sx * scale[:, None]).T @ sx
