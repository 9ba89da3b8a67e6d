"""The fast path for rectangular CSV exports: pyarrow's C++ CSV parser, text columns read as
dictionary-encoded text (one small integer per cell, each distinct text once) and the item
columns, where they hold only integer codes, as integers.

A national export (200,000 respondents x 64 columns) read row by row with the ``csv`` module
becomes 12.8 million Python strings (about 0.7 GB and several seconds); here it is 64 integer
arrays and the distinct texts. The cells mean the same as in the row-wise reader
(:func:`pipeline.io.readers._web_table`): texts as the file holds them, ``""`` for an empty
field, the same row numbers, leading and blank rows, header names and duplicate-row keys.
Anything irregular (rows of different lengths, a data row wider than the header, no data
rows, fewer rows than the header needs, a parse error) returns ``None`` and the row-wise
reader reads the file and reports the problem as it always did.

Item columns (``numeric``) are first tried as integers: a cell holds its integer code (what
:func:`pipeline.ingest.values.as_code` makes of the text, " 04 " is 4) or nothing (an empty
field). A column whose first rows (those parsed for the header) hold any other cell (a
label, "4.0", white space only) is read as text from the start. Such a cell further down
makes the parser fail: that column is read as text and the others are tried again once;
when a second column fails too, the whole file is read as text. A file that
contains "0x" anywhere is read as text (pyarrow would read "0x4" as 4, ``as_code`` does
not). Integers lose the cells' exact texts, which only the exact-duplicate check needs: the
typed read is kept only when the text columns (ids, weights, ...) already differ in every
row, so no row can repeat another; otherwise the file is read again as text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.errors import UserError
from pipeline.io.arrowcols import Column, categoricals, row_keys
from pipeline.io.readers import ColumnRef, RawTable, _header_names, column_positions
from pipeline.io.textfiles import csv_layout

_SNIFF_LINES = 50
# typed reads of one file: after the first fails at a column, it is read as text and the
# others are tried once more
_TYPED_TRIES = 2
_FAILED_COLUMN = re.compile(r"In CSV column #(\d+): CSV conversion error")
# a cell that pyarrow reads as an integer (or an empty field); anything else in a column's
# first rows keeps that column text from the start
_INTEGER_CELL = re.compile(r"|[ \t]*-?[0-9]{1,9}[ \t]*")
# bytes of the file parsed as text to find the header before the typed read
_HEAD_BLOCK = 1 << 16
# pyarrow's ArrowInvalid is a ValueError, ArrowNotImplementedError a NotImplementedError
_ERRORS: tuple[type[Exception], ...] = (ValueError, NotImplementedError)


@dataclass
class _Parsed:
    """A parsed CSV: leading blank rows, the header rows' cells and the columns below them."""

    lead: int
    headers: list[list[str]]
    body: list[Column]
    typed: frozenset[int] = frozenset()  # columns read as integer codes


def _column_bound(text: str, sep: str) -> int:
    """An upper bound of the number of fields per record (for the column types): the most
    separators in one of the first lines, plus one."""
    # the lines that text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES] gives, found with
    # str.find: that split also copied the rest of the text (28 MB, ~10 ms)
    lines, start = [], 0
    while len(lines) < _SNIFF_LINES:
        end = text.find("\n", start)
        if end < 0:
            lines.append(text[start:])
            break
        lines.append(text[start:end])
        start = end + 1
    return max(line.count(sep) for line in lines) + 1


def _options(sep: str, bound: int, types: dict[int, object], skip: int = 0) -> dict:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    text_type = pa.dictionary(pa.int32(), pa.string())
    return {
        "read_options": pacsv.ReadOptions(
            autogenerate_column_names=True, skip_rows_after_names=skip
        ),
        "parse_options": pacsv.ParseOptions(
            delimiter=sep, newlines_in_values=True, ignore_empty_lines=False
        ),
        "convert_options": pacsv.ConvertOptions(
            column_types={f"f{j}": types.get(j, text_type) for j in range(bound)},
            null_values=[""],  # only integer columns can be null: text keeps ""
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _read_text(data: bytes, sep: str, bound: int, header_rows: int) -> _Parsed | None:
    """Every column as dictionary-encoded text."""
    import pyarrow.csv as pacsv

    try:
        cols = categoricals(pacsv.read_csv(io.BytesIO(data), **_options(sep, bound, {})))
    except _ERRORS:
        return None  # ragged rows, bad quoting: the row-wise reader says what is wrong
    if cols is None:
        return None
    row_blank = np.column_stack([c.blank_cells() for c in cols]).all(axis=1)
    lead = int(np.argmin(row_blank)) if not row_blank.all() else len(row_blank)
    if len(row_blank) - lead < header_rows + 1:
        return None  # no header or no data rows: the row-wise reader reports it
    start = lead + header_rows
    headers = [[c.cells[h] for c in cols] for h in range(lead, start)]
    return _Parsed(lead, headers, [c.rows(start) for c in cols])


def _read_typed(
    path: Path,
    data: bytes,
    sep: str,
    bound: int,
    refs: Sequence[ColumnRef],
    numeric: Collection[ColumnRef],
    header_rows: int,
    how: str,
) -> _Parsed | None:
    """The header from the first rows (as text), then the file below it with the ``numeric``
    columns as integers; None when a cell of those is not an integer code."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        with pacsv.open_csv(io.BytesIO(data), **_head_options(sep, bound)) as r:
            first = r.read_next_batch()
    except (*_ERRORS, StopIteration):
        return None
    rows = [[str(v) for v in row.values()] for row in first.to_pylist()]
    blank_rows = [all(not v.strip() for v in row) for row in rows]
    lead = blank_rows.index(False) if False in blank_rows else len(rows)
    if len(rows) - lead < header_rows + 1:
        return None
    headers = rows[lead : lead + header_rows]
    try:
        positions = column_positions(path, _header_names(headers), len(headers[0]), refs, how)
    except UserError:
        return None  # the text reader reports it
    # columns whose first rows already hold a label or another text are read as text
    # without a failed typed parse (exports with labels in every item column)
    first_rows = rows[lead + header_rows :]
    # each distinct cell of a column is matched once (a column of codes has a few: 28,000
    # matches became ~400 at 60 items, 12 ms less)
    typed = frozenset(
        j
        for j in (positions[ref] for ref in numeric if ref in positions)
        if all(
            _INTEGER_CELL.fullmatch(cell) for cell in {row[j] for row in first_rows if j < len(row)}
        )
    )
    if not typed:
        return None
    cols = None
    for _ in range(_TYPED_TRIES):
        options = _options(sep, bound, dict.fromkeys(typed, pa.int32()), lead + header_rows)
        try:
            cols = categoricals(pacsv.read_csv(io.BytesIO(data), **options))
            break
        except _ERRORS as exc:  # a label, a decimal, white space only...
            # that column is read as text; a second such column: the whole file is
            column = _FAILED_COLUMN.search(str(exc))
            if column is None or int(column.group(1)) not in typed:
                return None
            typed = typed - {int(column.group(1))}
    if cols is None or len(cols) != len(headers[0]):
        return None
    return _Parsed(lead, headers, cols, typed)


def _head_options(sep: str, bound: int) -> dict:
    """Options of the streaming parse of the first rows: every column as plain text."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    options = _options(sep, bound, dict.fromkeys(range(bound), pa.string()))
    # one block, no read-ahead threads: only the first rows are wanted
    options["read_options"] = pacsv.ReadOptions(
        autogenerate_column_names=True, block_size=_HEAD_BLOCK, use_threads=False
    )
    return options


def read_csv_fast(
    path: Path,
    text: str,
    separator: str | None,
    refs: Sequence[ColumnRef],
    header_rows: int,
    numeric: Collection[ColumnRef] = (),
) -> RawTable | None:
    """The requested columns of a rectangular CSV export, or None for the row-wise reader.

    ``numeric``: the refs of item columns, read as integers when they hold only integer
    codes and the exact-duplicate check does not need their texts (module docstring)."""
    body_text, sep, how = csv_layout(text, separator)
    # `not body_text or body_text.isspace()` is `not body_text.strip()` without copying the
    # text (isspace stops at the first other character; strip copied 28 MB, ~10 ms)
    if len(sep) != 1 or not body_text or body_text.isspace():
        return None
    data = body_text.encode("utf-8")
    bound = _column_bound(body_text, sep)
    if numeric and not _has_hex_prefix(body_text):
        parsed = _read_typed(path, data, sep, bound, refs, numeric, header_rows, how)
        table = _table(path, parsed, refs, header_rows, how) if parsed else None
        if table is not None:
            return table
    parsed = _read_text(data, sep, bound, header_rows)
    return _table(path, parsed, refs, header_rows, how) if parsed else None


def _has_hex_prefix(text: str) -> bool:
    """Whether "0x" or "0X" occurs in the text. A one-character search is a memchr (0.6 ms on
    a 28 MB export) while a two-character one is not (20 ms each): the pair is looked for
    only when the text holds an "x" or "X" at all."""
    if "x" in text and "0x" in text:
        return True
    return "X" in text and "0X" in text


def _table(
    path: Path, parsed: _Parsed, refs: Sequence[ColumnRef], header_rows: int, how: str
) -> RawTable | None:
    body, headers = parsed.body, parsed.headers
    width = len(body)
    header_used = max(
        _used_width(np.array([not str(v).strip() for v in h], dtype=bool)) for h in headers
    )
    # per row: all cells blank; one column at a time (a rows x columns matrix of the blank
    # cells and its .all(axis=1) took 16 ms at 200,000 x 64)
    row_blank = np.ones(len(body[0].cells), dtype=bool)
    for j, col in enumerate(body):
        blank = col.blank_cells()
        if j >= header_used and not blank.all():
            return None  # a row wider than the header: the row-wise reader reports it
        row_blank &= blank
    names = _header_names(headers)
    positions = column_positions(path, names, width, refs, how)
    keep = np.flatnonzero(~row_blank)
    if keep.size == 0:
        return None
    keys, distinct = row_keys([c for j, c in enumerate(body) if j not in parsed.typed], keep)
    if parsed.typed and not distinct:
        return None  # rows may repeat: the exact check needs every cell's text
    # the categoricals themselves, not copies in Series (20 ms at 200,000 x 64): no take
    # when no row is blank, and no copy into the frame (nothing else holds the cells)
    every = keep.size == len(row_blank)
    data = pd.DataFrame(
        {ref: body[j].cells if every else body[j].cells.take(keep) for ref, j in positions.items()},
        copy=False,
    )
    named = {
        ref: f"{j + 1} '{names[j][:40]}'" if names[j] else f"{j + 1}"
        for ref, j in positions.items()
    }
    first_row = parsed.lead + header_rows + 1
    table = RawTable(
        path,
        data,
        named,
        (keep + first_row).tolist(),
        blank_rows=int(row_blank.sum()),
        header_cells={ref: [h[j] for h in headers] for ref, j in positions.items()},
        row_digests=keys,
    )
    table.separator = how
    return table


def _used_width(blank_row: np.ndarray) -> int:
    filled = np.flatnonzero(~blank_row)
    return int(filled[-1]) + 1 if filled.size else 0
