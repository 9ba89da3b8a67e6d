"""Design preparation: weights, strata, finite population correction and calibration.

This is a hand-written Taylor-linearisation core, not a wrapper of a survey library: every
number must equal R ``survey`` 4.1.1 (``svydesign``, ``postStratify``, ``rake``) exactly, and
no Python package reproduces its domain and calibration rules (full-round stratum sizes for
subsets, backfitting centring of influence values). ``docs/methods.md`` states the formulas.

:func:`prepare_design` reduces one round under one design to a
:class:`~pipeline.stats.records.PreparedDesign` (records.py); calibration is in
``calibration.py``, the variance centring in ``variance.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import sparse

from pipeline.errors import UserError
from pipeline.stats.calibration import calibrate, key_index
from pipeline.stats.records import Margin, PreparedDesign, natural_sorted
from pipeline.stats.types import DesignSpec
from pipeline.stats.variance import centring_operators

__all__ = [
    "DOMAIN_COLUMNS",
    "Margin",
    "PreparedDesign",
    "calibrated_weights",
    "design_weights",
    "natural_sorted",
    "prepare_design",
]

DOMAIN_COLUMNS = ("region_code", "group_code")


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

    weights, margins = calibrate(base, keys, row_cell, first, design, population)
    indicator = sparse.csr_matrix((np.ones(n), (row_cell, np.arange(n))), shape=(n_cells, n))
    cell_rows = np.bincount(row_cell, minlength=n_cells).astype(float)
    cell_w = np.bincount(row_cell, weights, minlength=n_cells)
    cell_w2 = np.bincount(row_cell, weights * weights, minlength=n_cells)

    cell_stratum, stratum_rows, stratum_factor = _strata(cell_keys, cell_rows, design, population)
    prep = PreparedDesign(
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
    if margins:
        prep = replace(prep, centring_operators=centring_operators(prep))
    return prep


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
        skeys = key_index(cell_keys.iloc[first_cell][cols])
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
