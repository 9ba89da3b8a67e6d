"""Calibration of the weights to population margins, as R ``survey`` does it.

``postStratify`` (one pass over the margin cells) and ``rake`` (passes of ``postStratify``
per margin until the weighted margin table moves by less than epsilon). Besides the final
weights they return the :class:`~pipeline.stats.records.Margin` steps that the variance needs
for its centring (``variance.py``). Hand-written, see ``design.py`` for why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.errors import UserError
from pipeline.stats.records import Margin
from pipeline.stats.types import DesignSpec


def calibrate(
    base: np.ndarray,
    keys: pd.DataFrame,
    row_cell: np.ndarray,
    first: np.ndarray,
    design: DesignSpec,
    population: pd.DataFrame | None,
) -> tuple[np.ndarray, tuple[Margin, ...]]:
    if design.calibration == "none":
        return base, ()
    where = f"designs.{design.name}.margins"
    if not design.margins:
        raise UserError(design.params_file, where, "calibration needs margins", "add margins")
    if population is None or population.empty:
        raise UserError(
            design.params_file,
            where,
            f"design {design.name} calibrates to population margins, but the round has no "
            "population counts",
            "add the round's counts to population.csv or use another design",
        )
    if design.calibration == "poststratify":
        cols = list(design.margins)
        label = " x ".join(cols)
        cell, totals = _margin_cells(design, keys, cols, population, where, label)
        return _poststratify(base, row_cell, first, cell, totals, label)
    margin_cells = []
    for col in design.margins:
        margin_cells.append((col, *_margin_cells(design, keys, [col], population, where, col)))
    cross = keys.groupby(list(design.margins), sort=False).ngroup().to_numpy(np.int64)
    return _rake(base, row_cell, first, margin_cells, cross, design, where)


def _margin_cells(
    design: DesignSpec,
    keys: pd.DataFrame,
    cols: list[str],
    population: pd.DataFrame,
    where: str,
    label: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Calibration cell of each respondent and the population total of each cell."""
    missing = [c for c in cols if c not in population.columns]
    if missing:
        raise UserError(
            design.params_file,
            where,
            f"margin {label}: the population counts have no column {missing[0]}",
            "use margins that population.csv has (region, group)",
        )
    pop = population.astype({c: str for c in cols}).groupby(cols, sort=True)["N"].sum()
    sample = keys.groupby(cols, sort=True).ngroup().to_numpy(np.int64)
    idx = key_index(keys[cols].drop_duplicates().sort_values(cols))
    totals = pop.reindex(idx).to_numpy(float)
    bad = np.flatnonzero(~(totals > 0))
    if bad.size:
        raise UserError(
            design.params_file,
            where,
            f"margin {label}: value {_fmt(idx[bad[0]])} has respondents but no population count",
            "add the population count or drop the margin",
        )
    pop_pos = pop[pop > 0]
    absent = pop_pos.index.difference(idx)
    if len(absent):
        raise UserError(
            design.params_file,
            where,
            f"margin {label}: population cell {_fmt(absent[0])} has no respondents",
            "merge the cell with a neighbour in the population counts or drop the margin",
        )
    return sample, totals


def key_index(frame: pd.DataFrame) -> pd.Index:
    """The rows of ``frame`` as an index matching ``groupby(columns).sum()``."""
    if frame.shape[1] == 1:
        return pd.Index(frame.iloc[:, 0].to_numpy(), name=frame.columns[0])
    return pd.MultiIndex.from_frame(frame)


def _fmt(key: object) -> str:
    if isinstance(key, tuple):
        return " x ".join(str(k) for k in key)
    return str(key)


def _post_step(prob: np.ndarray, cell: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """R ``postStratify``: prob / (Pop / sum of 1/prob in the cell)."""
    sample = np.bincount(cell, 1.0 / prob, minlength=totals.shape[0])
    reweight = totals / sample
    return prob / reweight[cell]


def _poststratify(
    base: np.ndarray,
    row_cell: np.ndarray,
    first: np.ndarray,
    cell: np.ndarray,
    totals: np.ndarray,
    label: str,
) -> tuple[np.ndarray, tuple[Margin, ...]]:
    weights = 1.0 / _post_step(1.0 / base, cell, totals)
    margin = Margin(
        "poststratify", label, cell[first], int(totals.shape[0]), np.ones(first.shape[0])
    )
    return weights, (margin,)


def _rake(
    base: np.ndarray,
    row_cell: np.ndarray,
    first: np.ndarray,
    margin_cells: list[tuple[str, np.ndarray, np.ndarray]],
    cross: np.ndarray,
    design: DesignSpec,
    where: str,
) -> tuple[np.ndarray, tuple[Margin, ...]]:
    """R ``rake()``: passes of ``postStratify`` per margin, in order, until the weighted
    margin-crossing table moves by less than epsilon between passes (the first comparison
    with the unraked weights), at most ``rake_maxit`` passes."""
    prob = 1.0 / base
    eps = design.rake_epsilon
    if eps < 1:
        eps = eps * float(base.sum())
    n_cross = int(cross.max()) + 1
    old = np.bincount(cross, 1.0 / prob, minlength=n_cross)
    converged = False
    delta = np.inf
    after: list[np.ndarray] = []
    for _ in range(design.rake_maxit):
        after = []
        for _col, cell, totals in margin_cells:
            prob = _post_step(prob, cell, totals)
            after.append(1.0 / prob)
        new = np.bincount(cross, 1.0 / prob, minlength=n_cross)
        delta = float(np.max(np.abs(old - new)))
        if delta < eps:
            converged = True
            break
        old = new
    weights = 1.0 / prob
    if not converged:
        worst, off = "", -1.0
        for col, cell, totals in margin_cells:
            dev = float(np.max(np.abs(np.bincount(cell, weights) - totals)))
            if dev > off:
                worst, off = col, dev
        raise UserError(
            design.params_file,
            where,
            f"raking did not converge in rake_maxit = {design.rake_maxit} passes: the last "
            f"pass still changed the weighted table by {delta:.4g} (rake_epsilon "
            f"{design.rake_epsilon:g}); margin {worst} is off its population by up to "
            f"{off:.4g}",
            "increase rake_maxit or check the margins",
        )
    margins = tuple(
        Margin("rake", col, cell[first], int(totals.shape[0]), (weights / psw)[first])
        for (col, cell, totals), psw in zip(margin_cells, after, strict=True)
    )
    return weights, margins
