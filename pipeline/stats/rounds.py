"""The long ``responses`` table -> one wide block per round (respondents x items).

Pivots each round once (vectorised, no loop per respondent); the blocks feed every design's
estimates, tests and distributions (``core.py``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.errors import UserError
from pipeline.stats.types import STATUSES

RESPONDENT_COLUMNS = ["respondent_id", "municipality_code", "region_code", "group_code", "weight"]


@dataclass(frozen=True)
class RoundData:
    """One round in wide form: rows are respondents, columns items."""

    round: int
    respondents: pd.DataFrame
    codes: pd.DataFrame
    status: pd.DataFrame


def split_rounds(responses: pd.DataFrame, items: list[str]) -> list[RoundData]:
    """Pivot the long ``responses`` table to one wide block per round.

    Vectorised scatter into (respondents x items) arrays, no loop per respondent; the item and
    status columns are factorised once for the whole table (from their categorical codes, as
    responses.parquet is read), the status matrix is kept as categorical columns (1 byte a
    cell instead of an object pointer to a string)."""
    item_code, item_uniq = _factorize(responses["item"])
    item_pos = {it: k for k, it in enumerate(items)}
    pos = np.array([item_pos.get(str(u), -1) for u in item_uniq], dtype=np.int64)
    if (pos < 0).any():
        unknown = str(item_uniq[int(np.flatnonzero(pos < 0)[0])])
        raise UserError(
            "responses", f"item {unknown}", "is not in the codebook snapshot", "rerun ingest"
        )
    status_code, status_uniq = _factorize(responses["status"])
    levels = list(STATUSES) + sorted({str(s) for s in status_uniq} - set(STATUSES))
    status_map = np.array([levels.index(str(s)) for s in status_uniq], dtype=np.int8)
    rounds = responses["round"].to_numpy()
    ids, _ = _factorize(responses["respondent_id"])
    out = []
    for rnd in np.sort(pd.unique(rounds)):  # (np.unique would sort every row)
        rows = _rows(rounds, rnd)
        row, local_first = _renumber(ids[rows])  # first response row of each respondent
        first = rows.start + local_first if isinstance(rows, slice) else rows[local_first]
        resp = _plain_text(responses[RESPONDENT_COLUMNS].take(first).reset_index(drop=True))
        col = pos[item_code[rows]]
        codes = np.full((len(items), len(resp)), np.nan)  # item-major, as pandas stores it
        status = np.full((len(items), len(resp)), levels.index("missing"), dtype=np.int8)
        # code is a nullable integer column in responses.parquet (NA = no code), float before
        codes[col, row] = responses["code"].iloc[rows].to_numpy(dtype=float, na_value=np.nan)
        status[col, row] = status_map[status_code[rows]]
        present = np.bincount(col, minlength=len(items)) > 0  # (no hash of 12 M values)
        kept = [k for k, p in enumerate(present) if p]
        out.append(
            RoundData(
                int(rnd),
                resp.astype({"weight": float}),
                pd.DataFrame(codes[kept].T, columns=[items[k] for k in kept]),
                pd.DataFrame(
                    {items[k]: pd.Categorical.from_codes(status[k], levels) for k in kept}
                ),
            )
        )
    return out


def _plain_text(resp: pd.DataFrame) -> pd.DataFrame:
    """Categorical text columns (as responses.parquet stores them, with the categories of
    every round) as plain strings: the core groups by them and must see only this round's
    values."""
    for col in resp.columns:
        if isinstance(resp[col].dtype, pd.CategoricalDtype):
            resp[col] = resp[col].astype("string")
    return resp


def _factorize(col: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(code per row, distinct values): a categorical's own codes when it has no missing
    values (responses.parquet is read so, and hashing 36 million rows takes seconds), else
    ``pd.factorize``."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        codes = col.cat.codes.to_numpy()
        if not (codes < 0).any():
            return codes, col.cat.categories
    return pd.factorize(col, sort=False, use_na_sentinel=False)


def _renumber(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes renumbered 0..k-1 in order of first appearance (as ``pd.factorize`` numbers
    them), without hashing (codes are small non-negative integers), and the first row of
    each new number."""
    size = int(codes.max(initial=-1)) + 1
    first = np.full(size, len(codes), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # earliest row wins
    present = np.flatnonzero(first < len(codes))
    order = present[np.argsort(first[present], kind="stable")]
    rank = np.empty(size, dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], first[order]


def _rows(rounds: np.ndarray, rnd: int) -> slice | np.ndarray:
    """The rows of round ``rnd``: a slice (no copies) when they are contiguous, as ingest
    writes them; else their indices."""
    rows = np.flatnonzero(rounds == rnd)
    if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
        return slice(int(rows[0]), int(rows[-1]) + 1)
    return rows
