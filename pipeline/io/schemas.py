"""Table schemas (pandera) checked before a table is written.

A failure here means the pipeline produced something that breaks CONTRACT.md: it is an
internal error, reported with the first failing column and value."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pipeline.codebook import Codebook

STATUSES = ["valid", "dont_know", "missing"]
CODE_DTYPES = ("Int8", "Int16", "Int32")


def _categories(check: Callable[[pd.Index], pd.Series | np.ndarray | bool], error: str) -> pa.Check:
    """A check of a categorical column's distinct values (its categories), not of every row:
    the same verdict for a 36-million-row table at the cost of a few hundred values."""
    return pa.Check(lambda s: bool(np.all(check(s.cat.categories))), error=error)


def _all(check: Callable[[np.ndarray], np.ndarray], error: str) -> pa.Check:
    """A row check on the column's numpy values returning one verdict (pandera's built-in
    checks build a boolean Series and failure cases per row: seconds at 12 million rows)."""
    return pa.Check(lambda s: bool(np.all(check(s.to_numpy()))), error=error)


def responses_schema(items: list[str]) -> pa.DataFrameSchema:
    """``responses`` as ingest writes it: text columns categorical (dictionary-encoded in
    parquet), ``round`` int16, ``code`` a nullable integer (Int8, Int16 or Int32)."""
    return pa.DataFrameSchema(
        {
            "survey": pa.Column(
                "category", _categories(lambda c: c.str.len() > 0, "empty survey"), nullable=False
            ),
            "round": pa.Column("int16", _all(lambda v: (v >= 1900) & (v <= 2100), "round")),
            "respondent_id": pa.Column(
                "category",
                _categories(
                    lambda c: (c.str.len() >= 1) & (c.str.len() <= 64), "respondent_id length 1-64"
                ),
                nullable=False,
            ),
            "municipality_code": pa.Column(
                "category",
                _categories(lambda c: c.str.fullmatch(r"\d{3}"), "municipality_code not 3 digits"),
                nullable=True,
            ),
            "region_code": pa.Column(
                "category",
                _categories(lambda c: c.str.fullmatch(r"\d{2}"), "region_code not 2 digits"),
                nullable=False,
            ),
            "group_code": pa.Column("category", nullable=False),
            "weight": pa.Column("float64", _all(lambda v: v > 0, "weight > 0"), nullable=False),
            "item": pa.Column(
                "category",
                _categories(lambda c: c.isin(items), "item not in the codebook"),
                nullable=False,
            ),
            "code": pa.Column(
                checks=pa.Check(
                    lambda s: str(s.dtype) in CODE_DTYPES, error=f"code dtype not in {CODE_DTYPES}"
                ),
                nullable=True,
            ),
            "status": pa.Column(pd.CategoricalDtype(STATUSES), nullable=False),
        },
        checks=[
            pa.Check(
                lambda df: bool(((df["status"] == "missing") == df["code"].isna()).all()),
                error="code must be empty exactly when status is missing",
            ),
        ],
        strict=True,
        ordered=True,
    )


class SchemaViolation(RuntimeError):
    """A produced table breaks its contract (internal error, exit 1)."""


def validate_responses(df: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    schema = responses_schema(sorted(codebook.items))
    try:
        return schema.validate(df, lazy=False, inplace=True)  # no copy of the table
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        raise SchemaViolation(f"responses table breaks its schema: {exc}") from None
