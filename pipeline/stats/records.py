"""The prepared design of one round (:class:`PreparedDesign`) and its calibration steps.

Plain records shared by the estimators (``domains.py``, ``moments.py``, ``tables.py``,
``variance.py``, ``tests.py``); built by :func:`pipeline.stats.design.prepare_design`. The
design is reduced to its *finest partition* of the respondents: the cells of region x group x
stratum x calibration cell. Every domain, stratum and calibration cell is a union of these
cells, so all later sums are small aggregations of per-cell moments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse

from pipeline.stats.types import DesignSpec


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
    # the calibration centring as (F, F) operators (T_x, T_xw), computed once by
    # prepare_design with ``variance.centring_operators``; (None, None) when not calibrated
    centring_operators: tuple[np.ndarray | None, np.ndarray | None] = (None, None)

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
