"""Columns of a CSV export parsed by pyarrow (:mod:`pipeline.io.fastcsv`) as pandas
categoricals, with per distinct text its stripped text and blankness, and exact keys of rows
for the exact-duplicate check."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.io.digests import ASCII_STRIP

# threads that dictionary-encode the integer columns (at most; no more than Arrow's CPUs)
_ENCODE_THREADS = 4


@dataclass
class Column:
    """One parsed column: its cells, and for text, per distinct text (category) the code of
    its stripped text and whether it is blank (Python's ``str.strip``)."""

    cells: pd.Categorical
    stripped: np.ndarray | None = None  # None: integer codes
    blank: np.ndarray | None = None

    def blank_cells(self) -> np.ndarray:
        """Per cell: empty or white space only; a missing integer code is blank."""
        if self.blank is None:
            return np.asarray(self.cells.codes < 0)
        return np.append(self.blank, True)[self.cells.codes]

    def stripped_codes(self) -> np.ndarray:
        """Per cell, an integer equal exactly when the stripped texts are (blank = "")."""
        assert self.stripped is not None
        return self.stripped[self.cells.codes]

    def rows(self, start: int) -> Column:
        return Column(self.cells[start:], self.stripped, self.blank)


def categoricals(table: object) -> list[Column] | None:
    """Each column of a parsed table as a categorical: dictionary text with its Python str
    texts, integers (nulls are missing codes) with Python int categories."""
    import pyarrow as pa

    if table.num_rows == 0:
        return None
    table = table.unify_dictionaries()
    encoded = _encoded_integers(table)
    cols = []
    for j, col in enumerate(table.columns):
        if j in encoded:
            indices, dictionary = encoded[j]
            values = pd.Index(dictionary.to_pylist(), dtype=object)
            cols.append(Column(_from_unique(indices, values)))
            continue
        if not pa.types.is_dictionary(col.type):
            return None
        chunks = [c for c in col.chunks if len(c)]
        indices = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        # Python str categories (object), as the row-wise reader's cells are
        dictionary = chunks[0].dictionary
        # (to_numpy makes the Python strs in C++: 7 instead of 10 ms per 200,000 texts)
        texts = pd.Index(dictionary.to_numpy(zero_copy_only=False), dtype=object)
        cells = _from_unique(indices, texts)
        cols.append(Column(cells, *_stripped(dictionary, texts)))
    return cols


def _encoded_integers(table: object) -> dict[int, tuple[np.ndarray, object]]:
    """Column position -> (codes, -1 for an empty cell; the distinct integers in order of
    first row) of each integer column of a parsed table.

    Speed: Arrow's dictionary encoding releases the GIL, so the item columns are encoded
    by a few threads (60 columns of 200,000 cells: 50 ms on one thread, 27 ms on two)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def encode(col: object) -> tuple[np.ndarray, object]:
        encoded = pc.dictionary_encode(col.combine_chunks())
        return pc.fill_null(encoded.indices, -1).to_numpy(), encoded.dictionary

    positions = [j for j, col in enumerate(table.columns) if pa.types.is_integer(col.type)]
    columns = [table.column(j) for j in positions]
    workers = min(_ENCODE_THREADS, pa.cpu_count(), len(columns))
    if workers <= 1:
        return dict(zip(positions, map(encode, columns), strict=True))
    with ThreadPoolExecutor(workers) as pool:
        return dict(zip(positions, pool.map(encode, columns), strict=True))


def _from_unique(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
    """A categorical of codes into categories that are unique by construction (the values of
    an Arrow dictionary). ``pd.Categorical.from_codes`` validates the categories by hashing
    them all (``Index.is_unique``: 45 ms for the 64 columns of a national export, most of it
    the 200,000 distinct ids and weights); pandas' own fast path for categories it made
    itself, ``CategoricalDtype._from_fastpath``, skips that check. Private API, so the public
    constructor is used where a pandas version lacks it."""
    fastpath = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fastpath is None:  # pragma: no cover - other pandas versions
        return pd.Categorical.from_codes(codes, categories=categories, validate=False)
    dtype = fastpath(categories, ordered=False)
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _stripped(dictionary: object, texts: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct text: a code of its stripped text and whether that is empty. Stripped by
    pyarrow when every text is ASCII (the same characters as ``str.strip``), else by Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(dictionary) and pc.all(pc.string_is_ascii(dictionary)).as_py():
        stripped = pc.utf8_trim(dictionary, characters=ASCII_STRIP)
    else:
        stripped = pa.array([t.strip() for t in texts], type=pa.string())
    if len(dictionary) and pc.all(pc.equal(stripped, dictionary)).as_py():
        # nothing to strip (ids, weights): the stripped texts are the dictionary's own,
        # distinct, so their codes are their positions; encoding them again cost ~12 ms
        # for the 200,000 ids and weights of a national export
        codes = np.arange(len(dictionary))
    else:
        codes = pc.dictionary_encode(stripped).indices.to_numpy(zero_copy_only=False)
    blank = pc.equal(stripped, "").to_numpy(zero_copy_only=False)
    return codes.astype(np.int64), blank.astype(bool)


def row_keys(cols: list[Column], rows: np.ndarray) -> tuple[np.ndarray, bool]:
    """One integer per row, equal exactly when every stripped cell of the rows is, and
    whether the rows all differ.

    Built column by column as a mixed-radix number of the columns' codes, renumbered with
    ``pd.factorize`` (to below the number of rows) whenever the next column could overflow
    int64: exact, no hash collisions, two small arrays in memory at a time. The columns with
    the most distinct texts come first; as soon as the key is different in every row (an id
    or weight column usually makes it so), no row can repeat another and the other columns
    are not looked at."""
    n = len(rows)
    every = np.arange(n, dtype=np.int64)
    key = np.zeros(n, dtype=np.int64)
    bound = 1  # key < bound
    for step, col in enumerate(sorted(cols, key=lambda c: -len(c.cells.categories))):
        code = col.stripped_codes()[rows]
        size = int(code.max(initial=0)) + 1
        if bound * size >= 1 << 62:  # renumber before the product could overflow
            key, uniques = pd.factorize(key)
            if len(uniques) == n:
                return every, True
            bound = len(uniques)
        key = key * size + code
        bound *= size
        if step == 0 and size >= n and np.count_nonzero(np.bincount(code)) == n:
            return every, True  # the first column is different in every row
    key, uniques = pd.factorize(key)
    return key, len(uniques) == n
