"""The long ``responses`` table (CONTRACT.md) from the per-export (respondents x items)
arrays: one row per respondent x item, text columns as categoricals, small integer codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pipeline.ingest.metrics import STATUSES
from pipeline.io.schemas import COLUMNS as RESPONSE_COLUMNS

if TYPE_CHECKING:
    from pipeline.ingest.core import ExportResult


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


def _index_dtype(n: int) -> type[np.signedinteger]:
    """The smallest signed integer type for codes 0..n-1 and -1 (missing)."""
    for dtype in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(dtype).max:
            return dtype
    return np.int64


def _categorical(values: np.ndarray, sizes: list[tuple[int, int]], total: int) -> pd.Categorical:
    """A per-respondent column, each of an export's n respondents repeated for its k items,
    as a categorical (None -> missing); the distinct texts are sorted, so the table does not
    depend on which export came first."""
    # sorted when few (codes); respondent pseudonyms stay in order of first appearance
    codes, uniques = pd.factorize(values, sort=False)
    codes = codes.astype(_index_dtype(len(uniques)))  # as pandas stores a categorical's codes
    if 0 < len(uniques) <= 100_000:
        order = np.argsort(np.asarray(uniques, dtype=str), kind="stable")
        rank = np.empty(len(order), dtype=codes.dtype)
        rank[order] = np.arange(len(order), dtype=codes.dtype)
        codes = np.where(codes < 0, codes, rank[np.maximum(codes, 0)])
        uniques = uniques[order]
    out = np.empty(total, dtype=codes.dtype)
    start = pos = 0
    for n, k in sizes:
        out[pos : pos + n * k] = np.repeat(codes[start : start + n], k)
        start, pos = start + n, pos + n * k
    return pd.Categorical.from_codes(
        out, categories=pd.Index(uniques, dtype=object), validate=False
    )


def long_table(survey: str, results: list[ExportResult], items: list[str]) -> pd.DataFrame:
    """One row per respondent x item, respondent-major, as CONTRACT.md's ``responses``.

    Built from the per-export (respondents x items) arrays with ``np.repeat``/``np.tile``;
    text columns are categoricals (one small integer per row; written to parquet as
    dictionary-encoded columns), ``code`` the smallest nullable integer type that fits."""
    sizes = [(len(r.respondents), len(r.items)) for r in results]
    total = sum(n * k for n, k in sizes)
    item_pos = {it: k for k, it in enumerate(items)}
    rnd = np.empty(total, dtype=np.int16)
    weight = np.empty(total, dtype=np.float64)
    item = np.empty(total, dtype=np.int16 if len(items) > 127 else np.int8)
    status = np.empty(total, dtype=np.int8)
    code_dtype = _code_dtype(results)
    code = np.zeros(total, dtype=code_dtype.numpy_dtype)
    code_na = np.empty(total, dtype=bool)
    pos = 0
    for r, (n, k) in zip(results, sizes, strict=True):
        block = slice(pos, pos + n * k)
        rnd[block] = r.export.round
        weight[block] = np.repeat(r.respondents["weight"].to_numpy(float), k)
        item[block] = np.tile(np.array([item_pos[i] for i in r.items], dtype=item.dtype), n)
        status[block] = r.status.ravel()
        flat = r.codes.ravel()
        np.isnan(flat, out=code_na[block])
        # codes where there is one (exact small integers); the rest stays 0 under the mask
        np.copyto(code[block], flat, casting="unsafe", where=~code_na[block])
        pos += n * k

    def per_respondent(col: str) -> pd.Categorical:
        frames = [r.respondents[col].to_numpy(object) for r in results]
        values = np.concatenate(frames) if frames else np.array([], dtype=object)
        return _categorical(values, sizes, total)

    df = pd.DataFrame(
        {
            "survey": pd.Categorical.from_codes(np.zeros(total, dtype=np.int8), [survey]),
            "round": rnd,
            "respondent_id": per_respondent("respondent_id"),
            "municipality_code": per_respondent("municipality_code"),
            "region_code": per_respondent("region_code"),
            "group_code": per_respondent("group_code"),
            "weight": weight,
            "item": pd.Categorical.from_codes(item, categories=items),
            "code": pd.arrays.IntegerArray(code, code_na),
            "status": pd.Categorical.from_codes(status, categories=STATUSES),
        },
        copy=False,
    )
    assert list(df.columns) == RESPONSE_COLUMNS
    return df
