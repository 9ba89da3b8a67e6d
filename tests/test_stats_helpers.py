"""Loaders for the R `survey` reference fixture (tests/fixtures/reference/PROVENANCE.md).

The other ``test_stats_*`` modules import these; the tests here check that the loaders read
the .sav files the way make_fixture.R does (n per domain equals R's n)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from pipeline.stats.types import DesignSpec, ItemScale

REF = Path(__file__).parent / "fixtures" / "reference"
ROUNDS = (2013, 2015)
RATING = ItemScale("rating", (1, 2, 3, 4, 5), top=(4, 5), bottom=(1, 2))
CHANGE = ItemScale("change", (1, 2, 3), improved=(1,), worsened=(3,))
ITEMS: dict[str, ItemScale] = {
    **{f"q1_{i}": RATING for i in range(1, 10)},
    **{f"q2_{i}": CHANGE for i in range(1, 10)},
    **{f"q3_{i}": RATING for i in range(1, 7)},
}
DONT_KNOW = 9.0
DESIGNS = {
    "srs": DesignSpec("srs", weights=False),
    "weighted": DesignSpec("weighted"),
    "stratified_fpc": DesignSpec("stratified_fpc", strata=("region_code", "group_code"), fpc=True),
    "raked": DesignSpec("raked", calibration="rake", margins=("region_code", "group_code")),
}


@cache
def load_round(rnd: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """respondents, codes, status of one fixture round (as the statistics core takes them)."""
    df, meta = pyreadstat.read_sav(str(REF / f"barometri_{rnd}.sav"), user_missing=True)
    assert meta.missing_ranges["q1_1"] == [{"lo": 9.0, "hi": 9.0}]
    resp = pd.DataFrame(
        {
            "respondent_id": df["id"].astype(int).astype(str),
            "region_code": df["maakunta"].astype(int).astype(str),
            "group_code": df["vastaajaryhma"].astype(int).astype(str),
            "weight": df["paino"].astype(float),
        }
    )
    codes = df[list(ITEMS)].astype(float)
    status = pd.DataFrame("missing", index=codes.index, columns=codes.columns, dtype=object)
    for item, scale in ITEMS.items():
        col = codes[item]
        status.loc[col.isin(scale.valid_codes), item] = "valid"
        status.loc[col == DONT_KNOW, item] = "dont_know"
    return resp, codes, status


@cache
def population() -> pd.DataFrame:
    return pd.read_csv(REF / "population.csv", dtype={"region_code": str, "group_code": str})


def expected(name: str) -> pd.DataFrame:
    path = REF / name
    if not path.exists():
        path = REF / f"{name}.gz"
    return pd.read_csv(path, dtype={"region_code": str, "group_code": str})


def test_loader_counts_match_r() -> None:
    exp = expected("expected_estimates.csv")
    exp = exp[(exp["design"] == "srs") & (exp["region_code"] == "ALL")]
    exp = exp[exp["group_code"] == "ALL"]
    for rnd in ROUNDS:
        _, _, status = load_round(rnd)
        e = exp[exp["round"] == rnd]
        for item in ITEMS:
            valid = int((status[item] == "valid").sum())
            answered = valid + int((status[item] == "dont_know").sum())
            main = e[(e["item"] == item) & (e["statistic"].isin(["mean", "balance"]))]
            dk = e[(e["item"] == item) & (e["statistic"] == "dont_know_share")]
            assert int(main["n"].iloc[0]) == valid
            assert int(dk["n"].iloc[0]) == answered
    assert np.isnan(load_round(2015)[1]["q1_1"]).sum() == 14
