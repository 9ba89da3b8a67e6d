"""The fast path for rectangular CSV exports: pyarrow's C++ CSV parser, every column read as
dictionary-encoded text (one small integer per cell, each distinct text once).

A national export (200,000 respondents x 64 columns) read row by row with the ``csv`` module
becomes 12.8 million Python strings (about 0.7 GB and several seconds); here it is 64 integer
arrays and the distinct texts. The cells mean the same as in the row-wise reader
(:func:`pipeline.io.readers._web_table`): texts as the file holds them, ``""`` for an empty
field, the same row numbers, leading and blank rows, header names and duplicate-row keys.
Anything irregular (rows of different lengths, a data row wider than the header, no data
rows, fewer rows than the header needs, a parse error) returns ``None`` and the row-wise
reader reads the file and reports the problem as it always did.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.io.readers import ColumnRef, RawTable, _header_names, column_positions
from pipeline.io.textfiles import csv_layout

_SNIFF_LINES = 50


def _column_bound(text: str, sep: str) -> int:
    """An upper bound of the number of fields per record (for the column types)."""
    lines = text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES]
    return max(line.count(sep) for line in lines) + 1


def _read_columns(text: str, sep: str) -> list[pd.Categorical] | None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    bound = _column_bound(text, sep)
    text_type = pa.dictionary(pa.int32(), pa.string())
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={f"f{j}": text_type for j in range(bound)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError):
        return None  # ragged rows, bad quoting: the row-wise reader says what is wrong
    if table.num_rows == 0 or any(not pa.types.is_dictionary(t) for t in table.schema.types):
        return None
    table = table.unify_dictionaries()
    cols = []
    for col in table.columns:
        chunks = [c for c in col.chunks if len(c)]
        indices = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        # Python str categories (object), as the row-wise reader's cells are
        texts = pd.Index(chunks[0].dictionary.to_pylist(), dtype=object)
        cols.append(pd.Categorical.from_codes(indices, categories=texts, validate=False))
    return cols


def _blank(col: pd.Categorical) -> np.ndarray:
    """Per cell: empty or white space only (decided once per distinct text)."""
    cats = np.array([not c.strip() for c in col.categories], dtype=bool)
    return cats[col.codes]


def _stripped_codes(col: pd.Categorical) -> np.ndarray:
    """Per cell, an integer equal exactly when the stripped texts are (blank = "")."""
    stripped = pd.factorize(np.array([c.strip() for c in col.categories], dtype=object))[0]
    return stripped[col.codes]


def read_csv_fast(
    path: Path,
    text: str,
    separator: str | None,
    refs: Sequence[ColumnRef],
    header_rows: int,
) -> RawTable | None:
    """The requested columns of a rectangular CSV export, or None for the row-wise reader."""
    body_text, sep, how = csv_layout(text, separator)
    if len(sep) != 1 or not body_text.strip():
        return None
    cols = _read_columns(body_text, sep)
    if cols is None:
        return None
    blank = np.column_stack([_blank(c) for c in cols])
    row_blank = blank.all(axis=1)
    lead = int(np.argmin(row_blank)) if not row_blank.all() else len(row_blank)
    if len(row_blank) - lead < header_rows + 1:
        return None  # no header or no data rows: the row-wise reader reports it
    width = len(cols)
    headers = [[c[lead + h] for c in cols] for h in range(header_rows)]
    header_used = max(_used_width(blank[lead + h]) for h in range(header_rows))
    start = lead + header_rows
    if header_used < width and not blank[start:, header_used:].all():
        return None  # a row wider than the header: the row-wise reader reports it
    names = _header_names(headers)
    positions = column_positions(path, names, width, refs, how)
    keep = start + np.flatnonzero(~row_blank[start:])
    if keep.size == 0:
        return None
    data = pd.DataFrame({ref: pd.Series(cols[j].take(keep)) for ref, j in positions.items()})
    named = {
        ref: f"{j + 1} '{names[j][:40]}'" if names[j] else f"{j + 1}"
        for ref, j in positions.items()
    }
    first_row = lead + header_rows + 1
    file_rows = (keep - start + first_row).tolist()
    row_keys = _row_keys(cols, keep)
    table = RawTable(
        path,
        data,
        named,
        file_rows,
        blank_rows=int(row_blank[start:].sum()),
        header_cells={ref: [h[j] for h in headers] for ref, j in positions.items()},
        row_digests=row_keys,
    )
    table.separator = how
    return table


def _row_keys(cols: list[pd.Categorical], rows: np.ndarray) -> np.ndarray:
    """One integer per row, equal exactly when every stripped cell of the rows is.

    Built column by column as a mixed-radix number of the columns' codes, renumbered with
    ``pd.factorize`` (to below the number of rows) whenever the next column could overflow
    int64: exact, no hash collisions, two small arrays in memory at a time. The columns with
    the most distinct texts come first; as soon as the key is different in every row (an id
    or weight column usually makes it so), no row can repeat another and the other columns
    are not looked at."""
    n = len(rows)
    key = np.zeros(n, dtype=np.int64)
    bound = 1  # key < bound
    order = sorted(range(len(cols)), key=lambda j: -len(cols[j].categories))
    for step, j in enumerate(order):
        code = _stripped_codes(cols[j])[rows].astype(np.int64)
        size = int(code.max(initial=0)) + 1
        if bound * size >= 1 << 62:  # renumber before the product could overflow
            key, uniques = pd.factorize(key)
            if len(uniques) == n:
                return np.arange(n, dtype=np.int64)
            bound = len(uniques)
        key = key * size + code
        bound *= size
        if step == 0 and size >= n and np.count_nonzero(np.bincount(code)) == n:
            return np.arange(n, dtype=np.int64)  # the first column is different in every row
    return pd.factorize(key)[0]


def _used_width(blank_row: np.ndarray) -> int:
    filled = np.flatnonzero(~blank_row)
    return int(filled[-1]) + 1 if filled.size else 0
