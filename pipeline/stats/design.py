"""Design preparation: weights, strata, finite population correction and calibration.

This is a hand-written Taylor-linearisation core, not a wrapper of a survey library: every
number must equal R ``survey`` 4.1.1 (``svydesign``, ``postStratify``, ``rake``) exactly, and
no Python package reproduces its domain and calibration rules (full-round stratum sizes for
subsets, backfitting centring of influence values). ``docs/methods.md`` states the formulas.

A :class:`PreparedDesign` holds everything the estimators need about one round under one
design, reduced to the *finest partition* of the respondents: the cells of region x group x
stratum x calibration cell. Every domain, stratum and calibration cell is a union of these
cells, so all later sums are small aggregations of per-cell moments.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from pipeline.errors import UserError
from pipeline.stats.types import DesignSpec

DOMAIN_COLUMNS = ("region_code", "group_code")


@dataclass(frozen=True)
class Margin:
    """One calibration step of the (last) pass, seen from the finest cells.

    ``cell`` maps each finest cell to its calibration cell. ``rho`` is the final weight divided
    by the weight right after this step (constant within a finest cell, because every step
    multiplies whole calibration cells by one factor)."""

    kind: Literal["poststratify", "rake"]
    column: str
    cell: np.ndarray
    n_cells: int
    rho: np.ndarray


@dataclass(frozen=True)
class PreparedDesign:
    """One round under one design, reduced to its finest partition (F cells, H strata)."""

    spec: DesignSpec
    weights: np.ndarray  # (n,) final (possibly calibrated) weights
    row_cell: np.ndarray  # (n,) finest cell of each respondent
    indicator: sparse.csr_matrix  # (F, n) cell membership
    regions: tuple[str, ...]
    groups: tuple[str, ...]
    cell_region: np.ndarray  # (F,) index into regions
    cell_group: np.ndarray  # (F,) index into groups
    cell_stratum: np.ndarray  # (F,) index into strata
    cell_rows: np.ndarray  # (F,) respondents (all rows of the round)
    cell_w: np.ndarray  # (F,) sum of weights, all rows
    cell_w2: np.ndarray  # (F,) sum of squared weights, all rows
    stratum_rows: np.ndarray  # (H,) n_h: respondents of the round in the stratum
    stratum_factor: np.ndarray  # (H,) (1 - n_h/N_h) n_h / (n_h - 1); 0 for n_h = 1
    margins: tuple[Margin, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def n_rows(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_cells(self) -> int:
        return int(self.cell_rows.shape[0])

    @property
    def n_strata(self) -> int:
        return int(self.stratum_rows.shape[0])

    @property
    def calibrated(self) -> bool:
        return bool(self.margins)

    @property
    def cell_factor(self) -> np.ndarray:
        """The stratum factor of each finest cell."""
        return self.stratum_factor[self.cell_stratum]

    @cached_property
    def centring_operators(self) -> tuple[np.ndarray | None, np.ndarray | None]:
        """The calibration centring as (F, F) operators (``variance.centring_operators``),
        computed once per prepared design."""
        from pipeline.stats.variance import centring_operators

        return centring_operators(self)

    def strata_matrix(self) -> np.ndarray:
        """(H, F) 0/1 matrix: which stratum each finest cell belongs to."""
        out = np.zeros((self.n_strata, self.n_cells))
        out[self.cell_stratum, np.arange(self.n_cells)] = 1.0
        return out

    def cell_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum an (n,) or (n, K) array over the finest cells: (F,) or (F, K)."""
        return np.asarray(self.indicator @ values)


def natural_sorted(values: list[str] | np.ndarray) -> list[str]:
    """Codes sorted numerically when they are all digits, else as text."""
    vals = [str(v) for v in values]
    if all(v.isdigit() for v in vals):
        return sorted(vals, key=lambda v: (int(v), v))
    return sorted(vals)


def design_weights(
    respondents: pd.DataFrame, design: DesignSpec, population: pd.DataFrame | None
) -> np.ndarray:
    """The design's final weight of every respondent (calibrated when the design says so)."""
    return prepare_design(respondents, design, population).weights


def calibrated_weights(
    respondents: pd.DataFrame, design: DesignSpec, population: pd.DataFrame | None
) -> pd.Series:
    """Final weights as a Series indexed like ``respondents`` (named ``weight``)."""
    weights = design_weights(respondents, design, population)
    return pd.Series(weights, respondents.index, name="weight")


def prepare_design(
    respondents: pd.DataFrame, design: DesignSpec, population: pd.DataFrame | None
) -> PreparedDesign:
    """Weights, strata, FPC and calibration of one round under ``design``."""
    n = len(respondents)
    if n == 0:
        raise UserError("responses", f"design {design.name}", "the round has no respondents")
    base = respondents["weight"].to_numpy(float) if design.weights else np.ones(n, dtype=float)
    if design.weights and not (np.isfinite(base).all() and (base > 0).all()):
        raise UserError(
            "responses",
            "weight",
            f"design {design.name} needs positive weights, found a missing or non-positive one",
            "fix the weights of the export or use a design with weights: false",
        )
    columns = list(dict.fromkeys((*DOMAIN_COLUMNS, *design.strata, *design.margins)))
    keys = respondents[columns].astype(str)
    row_cell = keys.groupby(columns, sort=True).ngroup().to_numpy(np.int64)
    n_cells = int(row_cell.max()) + 1
    first = np.full(n_cells, n, dtype=np.int64)
    np.minimum.at(first, row_cell, np.arange(n))
    cell_keys = keys.iloc[first].reset_index(drop=True)

    regions = tuple(natural_sorted(cell_keys["region_code"].unique()))
    groups = tuple(natural_sorted(cell_keys["group_code"].unique()))
    cell_region = _index_of(cell_keys["region_code"], regions)
    cell_group = _index_of(cell_keys["group_code"], groups)

    weights, margins = _calibrate(base, keys, row_cell, first, design, population)
    indicator = sparse.csr_matrix((np.ones(n), (row_cell, np.arange(n))), shape=(n_cells, n))
    cell_rows = np.bincount(row_cell, minlength=n_cells).astype(float)
    cell_w = np.bincount(row_cell, weights, minlength=n_cells)
    cell_w2 = np.bincount(row_cell, weights * weights, minlength=n_cells)

    cell_stratum, stratum_rows, stratum_factor = _strata(cell_keys, cell_rows, design, population)
    return PreparedDesign(
        spec=design,
        weights=weights,
        row_cell=row_cell,
        indicator=indicator,
        regions=regions,
        groups=groups,
        cell_region=cell_region,
        cell_group=cell_group,
        cell_stratum=cell_stratum,
        cell_rows=cell_rows,
        cell_w=cell_w,
        cell_w2=cell_w2,
        stratum_rows=stratum_rows,
        stratum_factor=stratum_factor,
        margins=margins,
    )


def _index_of(values: pd.Series, levels: tuple[str, ...]) -> np.ndarray:
    pos = {v: i for i, v in enumerate(levels)}
    return values.map(pos).to_numpy(np.int64)


def _strata(
    cell_keys: pd.DataFrame,
    cell_rows: np.ndarray,
    design: DesignSpec,
    population: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stratum of each finest cell, n_h and the variance factor (1 - n_h/N_h) n_h/(n_h - 1)."""
    if design.strata:
        cols = list(design.strata)
        cell_stratum = cell_keys.groupby(cols, sort=True).ngroup().to_numpy(np.int64)
    else:
        cell_stratum = np.zeros(len(cell_keys), dtype=np.int64)
    n_strata = int(cell_stratum.max()) + 1
    n_h = np.bincount(cell_stratum, cell_rows, minlength=n_strata)
    scale = np.ones(n_strata)
    if design.fpc:
        where = f"designs.{design.name}.fpc"
        if population is None or population.empty:
            raise UserError(
                "population.csv", where, "no population counts for the round", "add them"
            )
        cols = list(design.strata)
        missing = [c for c in cols if c not in population.columns]
        if missing:
            raise UserError(
                "population.csv",
                where,
                f"the strata columns {missing} are not in the population counts",
                "use strata that the population file has (region, group)",
            )
        pop = population.astype({c: str for c in cols}).groupby(cols, sort=True)["N"].sum()
        first_cell = np.zeros(n_strata, dtype=np.int64)
        first_cell[cell_stratum[::-1]] = np.arange(len(cell_stratum))[::-1]
        skeys = _key_index(cell_keys.iloc[first_cell][cols])
        big_n = pop.reindex(skeys).to_numpy(float)
        bad = np.flatnonzero(~np.isfinite(big_n))
        if bad.size:
            raise UserError(
                "population.csv",
                where,
                f"no population count for the stratum {skeys[bad[0]]} that has respondents",
                "add the stratum's N to the population counts",
            )
        over = np.flatnonzero(big_n < n_h)
        if over.size:
            raise UserError(
                "population.csv",
                where,
                f"stratum {skeys[over[0]]} has {int(n_h[over[0]])} respondents but N = "
                f"{big_n[over[0]]:g} (more than 100 % sampled)",
                "check the population counts of the round",
            )
        scale = (big_n - n_h) / big_n
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(n_h > 1, scale * n_h / (n_h - 1), 0.0)
    return cell_stratum, n_h, factor


# --------------------------------------------------------------------------- calibration


def _calibrate(
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
        raise UserError("params.yaml", where, "calibration needs margins", "add margins")
    if population is None or population.empty:
        raise UserError(
            "params.yaml",
            where,
            f"design {design.name} calibrates to population margins, but the round has no "
            "population counts",
            "add the round's counts to population.csv or use another design",
        )
    if design.calibration == "poststratify":
        cols = list(design.margins)
        label = " x ".join(cols)
        cell, totals = _margin_cells(keys, cols, population, where, label)
        return _poststratify(base, row_cell, first, cell, totals, label)
    margin_cells = []
    for col in design.margins:
        margin_cells.append((col, *_margin_cells(keys, [col], population, where, col)))
    cross = keys.groupby(list(design.margins), sort=False).ngroup().to_numpy(np.int64)
    return _rake(base, row_cell, first, margin_cells, cross, design, where)


def _margin_cells(
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
            "params.yaml",
            where,
            f"margin {label}: the population counts have no column {missing[0]}",
            "use margins that population.csv has (region, group)",
        )
    pop = population.astype({c: str for c in cols}).groupby(cols, sort=True)["N"].sum()
    sample = keys.groupby(cols, sort=True).ngroup().to_numpy(np.int64)
    idx = _key_index(keys[cols].drop_duplicates().sort_values(cols))
    totals = pop.reindex(idx).to_numpy(float)
    bad = np.flatnonzero(~(totals > 0))
    if bad.size:
        raise UserError(
            "params.yaml",
            where,
            f"margin {label}: value {_fmt(idx[bad[0]])} has respondents but no population count",
            "add the population count or drop the margin",
        )
    pop_pos = pop[pop > 0]
    absent = pop_pos.index.difference(idx)
    if len(absent):
        raise UserError(
            "params.yaml",
            where,
            f"margin {label}: population cell {_fmt(absent[0])} has no respondents",
            "merge the cell with a neighbour in the population counts or drop the margin",
        )
    return sample, totals


def _key_index(frame: pd.DataFrame) -> pd.Index:
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
            "params.yaml",
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
