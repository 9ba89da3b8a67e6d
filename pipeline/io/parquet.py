"""Parquet files of the pipeline: small tables with pandas, large ones (the national
``responses``) row group by row group, built and written at the same time
(:func:`write_row_groups`)."""

from __future__ import annotations

import collections
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

# rows per parquet row group (pyarrow's default)
ROW_GROUP = 1 << 20
# a categorical column with more distinct values than this (respondent pseudonyms) is written
# with only the values each row group uses
LARGE_DICTIONARY = 1 << 16


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """``df`` as zstd-compressed parquet; categorical columns stay dictionary-encoded, so they
    are read back as categoricals. A table with a categorical of more than LARGE_DICTIONARY
    values is written row group by row group (:func:`write_row_groups`)."""
    if not _large_categoricals(df):
        df.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
        return
    write_row_groups(path, FrameRows(df))


class RowSource(Protocol):
    """A table that builds any range of its rows on demand (``LongTable``, :class:`FrameRows`):
    ``frame(0, 0)`` gives the column types and categories."""

    rows: int

    def frame(self, start: int = 0, stop: int | None = None) -> pd.DataFrame: ...


class FrameRows:
    """A DataFrame as a :class:`RowSource` (its ranges are views)."""

    def __init__(self, df: pd.DataFrame) -> None:
        self.df, self.rows = df, len(df)

    def frame(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        return self.df.iloc[start:stop]


def _large_categoricals(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if isinstance(df[c].dtype, pd.CategoricalDtype)
        and len(df[c].cat.categories) > LARGE_DICTIONARY
    ]


def write_row_groups(
    path: Path,
    source: RowSource,
    check: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """The rows of ``source`` as zstd parquet, ROW_GROUP rows at a time: each range is built
    (and checked with ``check``) and converted to Arrow here while a writer thread encodes and
    writes the range before it (pyarrow's parquet writer releases the GIL but is one thread
    per file), so building and writing the national ``responses`` overlap on two cores and at
    most two row groups are held besides the source.

    pyarrow writes a categorical's whole dictionary into every row group; for the respondent
    pseudonyms (600,000 at national scale) that made reading ``responses`` build and unify a
    600,000-value dictionary for each of its ~100 batches (3 s for 12 million rows). Such
    columns (more than LARGE_DICTIONARY categories) get only the categories each row group
    uses, so each row group holds only its own respondents."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    empty = source.frame(0, 0)
    large = _large_categoricals(empty)
    schema = pa.Schema.from_pandas(empty, preserve_index=False)
    # no min/max statistics (nothing reads this table by predicate; for dictionary columns
    # they cost a third of the writing time) and parquet dictionaries only for the
    # categoricals (a float column of 200,000 distinct weights overflows its dictionary page)
    categoricals = [c for c in empty.columns if isinstance(empty[c].dtype, pd.CategoricalDtype)]
    # each categorical's dictionary converted to Arrow once, not once per row group
    dictionaries = {
        c: pa.array(empty[c].cat.categories.to_numpy(object), type=schema.field(c).type.value_type)
        for c in categoricals
    }

    def arrow(df: pd.DataFrame) -> Any:
        columns = [
            _dictionary_part(df[c], dictionaries[c], c in large, schema.field(c).type)
            if c in dictionaries
            else pa.Array.from_pandas(df[c], type=schema.field(c).type)
            for c in df.columns
        ]
        return pa.Table.from_arrays(columns, schema=schema)

    with (
        pq.ParquetWriter(
            path,
            schema,
            compression="zstd",
            write_statistics=False,
            use_dictionary=categoricals,
        ) as writer,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet") as pool,
    ):
        pending: collections.deque[Future[None]] = collections.deque()
        try:
            for start in range(0, source.rows, ROW_GROUP):
                part = source.frame(start, start + ROW_GROUP)
                if check is not None:
                    check(part)
                table = arrow(part)
                while len(pending) >= 2:  # bound the row groups in flight
                    pending.popleft().result()
                pending.append(pool.submit(writer.write_table, table))
            while pending:
                pending.popleft().result()
        finally:  # on an error: let the writer finish its row group before the file closes
            for future in pending:
                future.cancel()
            wait(pending)


def _consecutive(codes: np.ndarray) -> bool:
    """Whether the codes (no missing) step by 0 or 1 from one row to the next: they then
    use exactly the categories codes[0]..codes[-1]."""
    if len(codes) == 0 or codes[0] < 0:
        return False
    step = np.diff(codes)
    return bool(((step == 0) | (step == 1)).all())


def _dictionary_part(series: pd.Series, dictionary: Any, prune: bool, arrow_type: Any) -> Any:
    """A categorical as an Arrow dictionary array (what ``pa.Table.from_pandas`` makes of
    it); with ``prune``, only the categories its rows use, in their order (what
    ``remove_unused_categories`` keeps), found with one pass over the codes instead of a
    sort."""
    import pyarrow as pa

    codes = series.array.codes
    missing = codes < 0
    if prune and _consecutive(codes):
        # a range of respondents in table order uses a run of consecutive pseudonym codes:
        # the slice of the dictionary is the same as the general way's, 5x faster
        first, width = int(codes[0]), int(codes[-1]) - int(codes[0]) + 1
        indices = pa.array(codes - codes.dtype.type(first))
        return pa.DictionaryArray.from_arrays(
            indices.cast(arrow_type.index_type), dictionary.slice(first, width)
        )
    if prune:
        used = np.zeros(len(dictionary), dtype=bool)
        used[codes[~missing]] = True
        new_code = (np.cumsum(used) - 1).astype(codes.dtype)
        codes = np.where(missing, codes, new_code[codes])
        dictionary = dictionary.filter(pa.array(used))
    indices = pa.array(codes, mask=missing if missing.any() else None)
    return pa.DictionaryArray.from_arrays(indices.cast(arrow_type.index_type), dictionary)
