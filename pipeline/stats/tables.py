"""Per-cell answer tables of every item: the only pass over the respondent rows.

Every statistic of the core is a function of one item's answer (a code, don't know or no
answer), and every design quantity is constant within a finest cell of the
:class:`~pipeline.stats.design.PreparedDesign` except the weight. So all the sums the
estimators need (``moments.py``, the Rao-Scott and ordinal tests) are sums over levels of

    w[j, f, l] = sum of w,   w2[j, f, l] = sum of w^2,   n[j, f, l] = count

over the rows of cell f whose answer to item j has level l: 0 = no answer (missing, or a
valid status without a code), 1 = don't know, 2 + k = the valid code ``values[k]``. The three
tables come from ``np.bincount`` on one integer key per row and item, for all items of a
block at once. Hand-written because it is many times faster than computing one (n x K)
variable per statistic (mean, shares, balance, don't know) and summing each over the cells,
and it regroups the same sums exactly (a few ulps of rounding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.stats.records import PreparedDesign

NO_ANSWER, DONT_KNOW = 0, 1
FIRST_CODE = 2  # level of values[0]
BLOCK_ENTRIES = 4_000_000  # rows x items per bincount block: bounds memory (~100 MB)
MAX_DENSE_CODES = 4096  # integer codes spanning more than this are ranked with np.unique


@dataclass(frozen=True)
class CodeTables:
    """Weighted answer tables of J items on the F finest cells over L levels: (J, F, L)."""

    items: list[str]
    values: np.ndarray  # (L - 2,) the valid code of each level from FIRST_CODE on
    w: np.ndarray
    w2: np.ndarray
    n: np.ndarray

    @property
    def n_levels(self) -> int:
        return int(self.w.shape[2])


def status_masks(
    status: pd.DataFrame, names: list[str], codes_t: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(valid, dont_know) boolean masks, item-major (J, n); valid also needs a code.

    Compared column by column on the frame's own dtype (categorical codes or Arrow string
    kernels): converting an Arrow string frame to a numpy object array first costs more
    than everything else in ``estimate_round``."""
    valid = np.empty(codes_t.shape, dtype=bool)
    dk = np.empty(codes_t.shape, dtype=bool)
    for j, name in enumerate(names):
        col = status[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            cats = np.asarray(col.cat.categories, dtype=object)
            cc = col.cat.codes.to_numpy()
            valid[j] = np.append(cats == "valid", False)[cc]  # code -1 (NaN): last entry
            dk[j] = np.append(cats == "dont_know", False)[cc]
        else:
            valid[j] = (col == "valid").to_numpy(dtype=bool, na_value=False)
            dk[j] = (col == "dont_know").to_numpy(dtype=bool, na_value=False)
    valid &= ~np.isnan(codes_t)
    return valid, dk


def code_levels(
    codes_t: np.ndarray, valid: np.ndarray, dk: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(levels (J, n) int, values (L - 2,)): the level of every answer, see the module."""
    lo = float(np.min(codes_t, where=valid, initial=np.inf))
    hi = float(np.max(codes_t, where=valid, initial=-np.inf))
    if not np.isfinite(lo):  # no valid answer at all
        return np.where(dk, DONT_KNOW, NO_ANSWER).astype(np.int64), np.empty(0)
    lev = None
    if hi - lo < MAX_DENSE_CODES:
        # integer codes (the usual case): the level is the code's offset, no sort needed
        shifted = codes_t - (lo - FIRST_CODE)
        with np.errstate(invalid="ignore"):
            lev = shifted.astype(np.int64)
        if np.all(lev == shifted, where=valid):
            values = np.arange(lo, hi + 1.0)
        else:
            lev = None
    if lev is None:
        values, inv = np.unique(codes_t[valid], return_inverse=True)
        lev = np.zeros(codes_t.shape, dtype=np.int64)
        lev[valid] = inv.ravel() + FIRST_CODE
    return np.where(valid, lev, np.where(dk, DONT_KNOW, NO_ANSWER)), values


def code_tables(
    design: PreparedDesign, names: list[str], codes: np.ndarray, status: pd.DataFrame
) -> CodeTables:
    """The (J, F, L) tables of ``names`` (columns of ``codes`` (n, J) and ``status``) on the
    finest cells of ``design``."""
    return answer_tables(design.row_cell, design.n_cells, design.weights, names, codes, status)


def answer_tables(
    row_cell: np.ndarray,
    n_cells: int,
    weights: np.ndarray,
    names: list[str],
    codes: np.ndarray,
    status: pd.DataFrame,
) -> CodeTables:
    """The (J, F, L) tables on any partition of the rows (``row_cell`` in 0..n_cells-1)."""
    codes_t = np.ascontiguousarray(codes.T)  # item-major: a no-op for a pandas float block
    valid, dk = status_masks(status, names, codes_t)
    lev, values = code_levels(codes_t, valid, dk)
    return tables_from_levels(row_cell, n_cells, weights, names, lev, values)


def tables_from_levels(
    row_cell: np.ndarray,
    n_cells: int,
    w: np.ndarray,
    names: list[str],
    lev: np.ndarray,
    values: np.ndarray,
) -> CodeTables:
    """Sums of w, w^2 and 1 per item, cell and level from the levels (J, n)."""
    n_items, n_rows = lev.shape
    n_lev = values.size + FIRST_CODE
    size = n_items * n_cells * n_lev
    w_t = np.zeros(size)
    w2_t = np.zeros(size)
    n_t = np.zeros(size)
    w2 = w * w
    step = max(1, BLOCK_ENTRIES // max(n_rows, 1))
    base = row_cell * n_lev  # (n,)
    for start in range(0, n_items, step):  # blocks of items: bounded memory
        stop = min(start + step, n_items)
        offset = np.arange(start, stop) * (n_cells * n_lev)  # (Jb,)
        key = (lev[start:stop] + base[None, :] + offset[:, None]).ravel()
        shape = (stop - start, n_rows)
        w_t += np.bincount(key, np.broadcast_to(w, shape).ravel(), size)
        w2_t += np.bincount(key, np.broadcast_to(w2, shape).ravel(), size)
        n_t += np.bincount(key, minlength=size)
    shape3 = (n_items, n_cells, n_lev)
    return CodeTables(names, values, w_t.reshape(shape3), w2_t.reshape(shape3), n_t.reshape(shape3))
