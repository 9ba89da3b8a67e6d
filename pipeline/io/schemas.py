"""Table schemas (pandera) checked before a table is written.

A failure here means the pipeline produced something that breaks CONTRACT.md: it is an
internal error, reported with the first failing column and value."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from pipeline.codebook import Codebook
from pipeline.stats.types import STATUSES


def responses_schema(items: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "survey": pa.Column("string", nullable=False),
            "round": pa.Column("int64", pa.Check.in_range(1900, 2100)),
            "respondent_id": pa.Column("string", pa.Check.str_length(1, 64), nullable=False),
            "municipality_code": pa.Column(
                "string", pa.Check.str_matches(r"^\d{3}$"), nullable=True
            ),
            "region_code": pa.Column("string", pa.Check.str_matches(r"^\d{2}$"), nullable=False),
            "group_code": pa.Column("string", nullable=False),
            "weight": pa.Column("float64", pa.Check.gt(0), nullable=False),
            "item": pa.Column("string", pa.Check.isin(items), nullable=False),
            "code": pa.Column("float64", nullable=True),
            "status": pa.Column(pd.CategoricalDtype(STATUSES), nullable=False),
        },
        checks=[
            pa.Check(
                lambda df: (df["status"] == "missing") == df["code"].isna(),
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
        return schema.validate(df, lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        raise SchemaViolation(f"responses table breaks its schema: {exc}") from None
