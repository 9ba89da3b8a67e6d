"""The long ``responses`` table (CONTRACT.md) from the per-export (respondents x items)
arrays: one row per respondent x item, text columns as categoricals, small integer codes.

:class:`LongTable` holds what every row is made of (per-respondent values, each text column's
categories, the code matrices) and builds any range of rows on demand, so ingest writes the
national table row group by row group (``pipeline.io.writers.write_responses``) without
holding all 12 million rows at once; :meth:`LongTable.frame` with no range is the whole
table (``IngestResult.responses``, as ``barometer check`` and the tests use it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pipeline.ingest.metrics import STATUSES
from pipeline.io.schemas import COLUMNS as RESPONSE_COLUMNS

if TYPE_CHECKING:
    from pipeline.ingest.core import ExportResult

# per-respondent text columns, each a categorical of the long table
TEXT_COLUMNS = ("respondent_id", "municipality_code", "region_code", "group_code")
# with at most this many distinct values a text column's categories are sorted (codes, so the
# table does not depend on which export came first); respondent pseudonyms keep their order
SORTED_CATEGORIES = 100_000


def _code_dtype(results: list[ExportResult]) -> pd.api.extensions.ExtensionDtype:
    """The smallest nullable integer type that holds every code (Int8 for the usual scales,
    Int16 for codes such as 999)."""
    # the largest |code| without an absolute-value copy of the (respondents x items) codes
    top = max(
        (
            max(float(np.nanmax(r.codes)), -float(np.nanmin(r.codes)))
            for r in results
            if r.codes.size and not np.isnan(r.codes).all()
        ),
        default=0.0,
    )
    for dtype, limit in ((np.int8, 127), (np.int16, 32767)):
        if top <= limit:
            return pd.api.types.pandas_dtype(np.dtype(dtype).name.capitalize())
    return pd.Int32Dtype()


def _item_dtype(items: list[str]) -> type[np.signedinteger]:
    """The type of the ``item`` column's codes."""
    return np.int16 if len(items) > 127 else np.int8


def _index_dtype(n: int) -> type[np.signedinteger]:
    """The integer type pandas stores the codes of a categorical with ``n`` categories in
    (``coerce_indexer_dtype``), so building a categorical does not copy its codes."""
    for dtype in (np.int8, np.int16, np.int32):
        if n < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _respondent_codes(values: np.ndarray) -> tuple[np.ndarray, pd.CategoricalDtype]:
    """Per respondent: the code of its value (None -> -1) and the column's categorical type;
    the distinct texts sorted when few (see SORTED_CATEGORIES)."""
    codes, uniques = pd.factorize(values, sort=False)
    codes = codes.astype(_index_dtype(len(uniques)))
    if 0 < len(uniques) <= SORTED_CATEGORIES:
        order = np.argsort(np.asarray(uniques, dtype=str), kind="stable")
        rank = np.empty(len(order), dtype=codes.dtype)
        rank[order] = np.arange(len(order), dtype=codes.dtype)
        codes = np.where(codes < 0, codes, rank[np.maximum(codes, 0)])
        uniques = uniques[order]
    return codes, pd.CategoricalDtype(pd.Index(uniques, dtype=object), ordered=False)


@dataclass(frozen=True)
class LongTable:
    """``responses`` of one survey, built on demand (module docstring)."""

    survey: str
    items: list[str]
    results: list[ExportResult]
    starts: list[int]  # first row of each export's block
    first_respondent: list[int]  # index of each export's first respondent in `respondent`
    weights: list[np.ndarray]  # per export, per respondent
    item_positions: list[np.ndarray]  # per export: its items' positions in `items`
    respondent: dict[str, np.ndarray]  # text column -> per-respondent code (all exports)
    dtypes: dict[str, pd.CategoricalDtype]  # every categorical column's type
    code_dtype: pd.api.extensions.ExtensionDtype
    rows: int

    @classmethod
    def build(cls, survey: str, results: list[ExportResult], items: list[str]) -> LongTable:
        item_pos = {it: k for k, it in enumerate(items)}
        item_type = _item_dtype(items)
        sizes = [len(r.respondents) * len(r.items) for r in results]
        counts = [len(r.respondents) for r in results]
        respondent, dtypes = {}, {}
        for col in TEXT_COLUMNS:
            frames = [r.respondents[col].to_numpy(object) for r in results]
            values = np.concatenate(frames) if frames else np.array([], dtype=object)
            respondent[col], dtypes[col] = _respondent_codes(values)
        dtypes["survey"] = pd.CategoricalDtype(pd.Index([survey]), ordered=False)
        dtypes["item"] = pd.CategoricalDtype(pd.Index(items), ordered=False)
        dtypes["status"] = pd.CategoricalDtype(pd.Index(STATUSES), ordered=False)
        return cls(
            survey=survey,
            items=items,
            results=results,
            starts=np.concatenate([[0], np.cumsum(sizes)]).astype(int).tolist()[:-1],
            first_respondent=np.concatenate([[0], np.cumsum(counts)]).astype(int).tolist()[:-1],
            weights=[r.respondents["weight"].to_numpy(float) for r in results],
            item_positions=[np.array([item_pos[i] for i in r.items], item_type) for r in results],
            respondent=respondent,
            dtypes=dtypes,
            code_dtype=_code_dtype(results),
            rows=int(sum(sizes)),
        )

    def categories(self, column: str) -> pd.Index:
        return self.dtypes[column].categories

    def frame(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        """Rows ``start`` to ``stop`` (default: the end) of the table, respondent-major:
        each export's respondents in turn, each respondent's items in the export's order.

        Built with ``np.repeat``/``np.tile`` over the respondents the range touches and
        cut to the range (a range may start or end inside a respondent's items)."""
        stop = self.rows if stop is None else min(stop, self.rows)
        start = min(start, stop)
        m = stop - start
        rnd = np.empty(m, dtype=np.int16)
        weight = np.empty(m, dtype=np.float64)
        item = np.empty(m, dtype=_item_dtype(self.items))
        status = np.empty(m, dtype=np.int8)
        code = np.zeros(m, dtype=self.code_dtype.numpy_dtype)
        code_na = np.empty(m, dtype=bool)
        text = {c: np.empty(m, dtype=self.respondent[c].dtype) for c in TEXT_COLUMNS}
        for e, r in enumerate(self.results):
            k = len(r.items)
            lo, hi = max(start, self.starts[e]), min(stop, self.starts[e] + len(r.respondents) * k)
            if lo >= hi:
                continue
            a, b = lo - self.starts[e], hi - self.starts[e]  # rows within the export's block
            out = slice(lo - start, hi - start)
            first, last = a // k, -(-b // k)  # the respondents the range touches
            cut = slice(a - first * k, b - first * k)
            rnd[out] = r.export.round
            weight[out] = np.repeat(self.weights[e][first:last], k)[cut]
            item[out] = np.tile(self.item_positions[e], last - first)[cut]
            status[out] = r.status.reshape(-1)[a:b]
            flat = r.codes.reshape(-1)[a:b]
            np.isnan(flat, out=code_na[out])
            # codes where there is one (exact small integers); the rest stays 0 under the mask
            np.copyto(code[out], flat, casting="unsafe", where=~code_na[out])
            base = self.first_respondent[e]
            for c in TEXT_COLUMNS:
                per = self.respondent[c][base + first : base + last]
                text[c][out] = np.repeat(per, k)[cut]

        def categorical(codes: np.ndarray, column: str) -> pd.Categorical:
            # the type built once per column: no check of the categories for every range
            return pd.Categorical.from_codes(codes, dtype=self.dtypes[column], validate=False)

        df = pd.DataFrame(
            {
                "survey": categorical(np.zeros(m, dtype=np.int8), "survey"),
                "round": rnd,
                **{c: categorical(text[c], c) for c in TEXT_COLUMNS},
                "weight": weight,
                "item": categorical(item, "item"),
                "code": pd.arrays.IntegerArray(code, code_na),
                "status": categorical(status, "status"),
            },
            copy=False,
        )
        assert list(df.columns) == RESPONSE_COLUMNS
        return df

    def ranges(self, size: int) -> list[tuple[int, int]]:
        """The row ranges of ``size`` rows (the last one shorter) that cover the table."""
        return [(s, min(s + size, self.rows)) for s in range(0, self.rows, size)]
