"""The schema of ``responses`` (CONTRACT.md), checked before ingest writes it.

A failure here means the pipeline produced something that breaks CONTRACT.md: it is an
internal error, reported with the first failing column and value.

Hand-written rather than a pandera schema: the table has 12 million rows a national round,
and pandera cost 0.7 s to import and about a second per round to validate, a third of what
ingest is allowed (twice its floor). The text
columns are categoricals, so their values are checked once per distinct value (the
categories), the numeric columns with one vectorised comparison each.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook
from pipeline.stats.types import STATUSES

CODE_DTYPES = ("Int8", "Int16", "Int32")
COLUMNS = [
    "survey",
    "round",
    "respondent_id",
    "municipality_code",
    "region_code",
    "group_code",
    "weight",
    "item",
    "code",
    "status",
]


class SchemaViolation(RuntimeError):
    """A produced table breaks its contract (internal error, exit 1)."""


# the categorical text columns: whether missing values are allowed
TEXT_NULLABLE = {
    "survey": False,
    "respondent_id": False,
    "municipality_code": True,
    "region_code": False,
    "group_code": False,
    "item": False,
}


def _text_checks(items: list[str]) -> dict[str, Callable[[pd.Index], np.ndarray]]:
    """categorical column -> check of its distinct values (categories)."""
    return {
        "survey": lambda c: c.str.len() > 0,
        "respondent_id": lambda c: _lengths_within(c, 1, 64),
        "municipality_code": lambda c: c.str.fullmatch(r"\d{3}"),
        "region_code": lambda c: c.str.fullmatch(r"\d{2}"),
        "group_code": lambda c: c.str.len() > 0,
        "item": lambda c: c.isin(items),
    }


def _lengths_within(texts: pd.Index, low: int, high: int) -> np.ndarray:
    lengths = texts.str.len().to_numpy()  # once: 600,000 pseudonyms at national scale
    return (lengths >= low) & (lengths <= high)


def _fail(column: str, what: str, value: object = None) -> SchemaViolation:
    shown = "" if value is None else f" (first failing value {value!r})"
    return SchemaViolation(f"responses table breaks its schema: column {column!r} {what}{shown}")


def check_responses(df: pd.DataFrame, items: list[str]) -> None:
    """Raise :class:`SchemaViolation` at the first way ``df`` breaks the contract."""
    check_schema(df, items)
    check_rows(df)


def check_schema(df: pd.DataFrame, items: list[str]) -> None:
    """The columns, their types and the text columns' distinct values (categories), which
    every range of rows of one table shares."""
    if list(df.columns) != COLUMNS:
        raise SchemaViolation(f"responses table has columns {list(df.columns)}, not {COLUMNS}")
    for col, check in _text_checks(items).items():
        series = df[col]
        if not isinstance(series.dtype, pd.CategoricalDtype):
            raise _fail(col, f"is {series.dtype}, not categorical")
        cats = series.cat.categories.astype(object)
        ok = np.asarray(check(cats), dtype=bool)
        if not ok.all():
            raise _fail(col, "has a value outside the contract", cats[int(np.argmin(ok))])
    if df["round"].dtype != np.int16:
        raise _fail("round", f"is {df['round'].dtype}, not int16")
    if df["weight"].dtype != np.float64:
        raise _fail("weight", f"is {df['weight'].dtype}, not float64")
    if str(df["code"].dtype) not in CODE_DTYPES:
        raise _fail("code", f"is {df['code'].dtype}, not one of {CODE_DTYPES}")
    status = df["status"]
    if not isinstance(status.dtype, pd.CategoricalDtype) or list(status.cat.categories) != list(
        STATUSES
    ):
        raise _fail("status", f"is {status.dtype}, not categorical with {STATUSES}")


def check_rows(df: pd.DataFrame) -> None:
    """The row values of a table (or of a range of its rows) that :func:`check_schema`
    passed: no missing texts where the contract has none, rounds and weights in range,
    ``code`` empty exactly when ``status`` is missing."""
    for col, nullable in TEXT_NULLABLE.items():
        if not nullable and (df[col].cat.codes.to_numpy() < 0).any():
            raise _fail(col, "has missing values")
    rounds = df["round"].to_numpy()
    bad = (rounds < 1900) | (rounds > 2100)
    if bad.any():
        raise _fail("round", "is outside 1900-2100", int(rounds[np.argmax(bad)]))
    weights = df["weight"].to_numpy()
    bad = ~(weights > 0)  # also NaN
    if bad.any():
        raise _fail("weight", "is not positive", float(weights[np.argmax(bad)]))
    codes = df["status"].cat.codes.to_numpy()
    if (codes < 0).any():
        raise _fail("status", "has missing values")
    missing = codes == list(STATUSES).index("missing")
    if not np.array_equal(missing, df["code"].isna().to_numpy()):
        raise SchemaViolation(
            "responses table breaks its schema: code must be empty exactly when status is missing"
        )


def validate_responses(df: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    check_responses(df, sorted(codebook.items))
    return df
