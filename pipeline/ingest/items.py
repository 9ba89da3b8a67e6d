"""The item columns of one export -> the (respondents x items) code and status matrices.

Each item column's distinct cells are classified on the item's scale once (a few Python
calls per column); the matrices are then filled by table look-ups. A cell that is not on the
scale stops the run at the first row (in file order) that holds such a cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook, Export
from pipeline.errors import UserError, quote
from pipeline.ingest.checks import dont_know_hint, value_label
from pipeline.ingest.values import ScaleReader, code_text, map_unique
from pipeline.io.readers import RawTable
from pipeline.stats.types import STATUSES

Classified = tuple[float, str, bool]
# rows per block of the final look-up: the block's indices (8 bytes x items) stay in cache
_BLOCK_ROWS = 1 << 13


def classify_items(
    table: RawTable, export: Export, codebook: Codebook, items: list[str]
) -> tuple[np.ndarray, np.ndarray, Counter[str]]:
    """(codes: float32, NaN = no code; status: int8 index into STATUSES; the number of
    declared-missing cells per item) of the export's item columns, respondents x items."""
    results: list[list[Classified]] = []
    indices: list[np.ndarray] = []
    for item_id in items:
        ref = export.items[item_id]
        scale = codebook.scales[codebook.items[item_id].scale]
        reader = ScaleReader(scale, export.language, export.recode_for(item_id, scale.id))
        fast = _by_category(table.data[ref], reader.classify)
        if fast is None:
            fast = _by_distinct_cell(table, export, codebook, item_id, reader)
        results.append(fast[0])
        indices.append(fast[1])
    codes, status = _look_up(results, indices, table.rows_read)
    declared: Counter[str] = Counter()
    for item_id, res, index in zip(items, results, indices, strict=True):
        flags = np.array([r[2] for r in res], dtype=bool)
        n_declared = int(np.count_nonzero(flags[index.astype(np.intp) + 1])) if flags.any() else 0
        if n_declared:
            declared[item_id] += n_declared
    return codes, status, declared


def _by_category(
    column: pd.Series, classify: Callable[[Any], Classified | None]
) -> tuple[list[Classified], np.ndarray] | None:
    """A categorical column (the fast CSV reader's) classified per category: (the result of a
    missing cell, then one per category; each cell's category code + 1). None when a category
    is not on the scale (it may not even occur in the kept rows): the caller's per-cell path
    then finds the first such row and reports it, or classifies the column when none occurs.

    Fast path (speed): the per-cell path first merges the distinct cells that mean the same
    (blank texts) and orders them by first row, ~0.8 ms per column of 200,000 cells; the
    categories of an integer or text column are each classified exactly as that path's
    representative of the same cell would be (blank texts all classify as missing), so the
    results per cell are the same."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return None
    results = [classify(None), *(classify(v) for v in column.cat.categories)]
    if any(r is None for r in results):
        return None
    return results, np.asarray(column.cat.codes)


def _by_distinct_cell(
    table: RawTable, export: Export, codebook: Codebook, item_id: str, reader: ScaleReader
) -> tuple[list[Classified], np.ndarray]:
    """Each distinct cell classified once; the first row (in file order) whose cell is not on
    the scale is reported."""
    ref = export.items[item_id]
    scale = reader.scale
    results, inverse = map_unique(table.data[ref], reader.classify)
    for j, res in enumerate(results):
        if res is None:
            row = int(np.flatnonzero(inverse == j)[0])
            value = table.data[ref].iloc[row]
            known = ", ".join(str(c) for c in [*scale.codes, *scale.dont_know])
            label = value_label(table, ref, value)
            hint = dont_know_hint(value, scale, export, label, codebook)
            raise UserError(
                table.path,
                table.place(ref, row),
                f"{quote(code_text(value))} is not on the scale '{scale.id}' of item "
                f"{item_id} (codes {known} or their {export.language} labels)",
                hint
                or f"fix the value, or declare it under scales.{scale.id}.missing in "
                f"{codebook.path.name}",
            )
    # the category path's results start with that of a missing cell (index -1): the same
    # first entry here (never looked up: the inverse is never -1)
    return [reader.classify(None), *results], inverse


def _look_up(
    results: list[list[Classified]], indices: list[np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The code and status matrices: cell (i, k) is results[k][indices[k][i] + 1].

    Speed: writing each item's codes into a column of the row-major matrices touches a
    cache line per cell (~55 ms for 200,000 x 60). Here each item's indices, offset into one
    table of all items' results, are one row of a small-integer (items x respondents)
    matrix; block by block of rows, that is transposed into a buffer that stays in cache
    and the matrices are filled with ``np.take`` (~21 ms)."""
    k = len(results)
    codes = np.empty((n, k), dtype=np.float32)
    status = np.empty((n, k), dtype=np.int8)
    if k == 0 or n == 0:
        return codes, status
    sizes = np.array([len(r) for r in results], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]) + 1  # +1: index -1 is "missing"
    code_table = np.array([r[0] for res in results for r in res], dtype=np.float32)
    status_table = np.array([STATUSES.index(r[1]) for res in results for r in res], np.int8)
    dtype = np.int16 if sizes.sum() < np.iinfo(np.int16).max else np.int32
    by_item = np.empty((k, n), dtype=dtype)
    for j, index in enumerate(indices):
        np.add(index, offsets[j], out=by_item[j], casting="unsafe")
    buffer = np.empty((min(n, _BLOCK_ROWS), k), dtype=np.intp)
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(n, start + _BLOCK_ROWS)
        block = buffer[: stop - start]
        block[...] = by_item[:, start:stop].T
        # every index is in range by construction; "clip" lets np.take write into `out`
        # directly (the default "raise" buffers it)
        np.take(code_table, block, out=codes[start:stop], mode="clip")
        np.take(status_table, block, out=status[start:stop], mode="clip")
    return codes, status
