"""Every row of the R `survey` reference, reproduced through the public code path:
codebook + ingest + analyse (`barometer ingest`, `barometer analyse`), then the written tables
are compared with the expected CSVs (tests/fixtures/reference/PROVENANCE.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers.stage_run import run_stage

FIX = Path(__file__).parent / "fixtures"
REF = FIX / "reference"
PUB = FIX / "r_public_path"
KEY = ["design", "round", "item", "statistic", "ci_method", "region_code", "group_code"]


def _expected(name: str) -> pd.DataFrame:
    path = REF / name
    if not path.exists():
        path = REF / f"{name}.gz"
    return pd.read_csv(path, dtype={"region_code": str, "group_code": str})


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rref")
    raw = root / "raw"
    (raw / "barometer").mkdir(parents=True)
    shutil.copytree(PUB / "reference", raw / "reference")
    shutil.copy(PUB / "codebook.yaml", raw / "barometer")
    for rnd in (2013, 2015):
        shutil.copy(REF / f"barometri_{rnd}.sav", raw / "barometer")
    for stage in ("ingest", "analyse"):
        code = run_stage(stage, root, params=PUB / "params.yaml")
        assert code == 0
    return root / "processed"


def _close(actual: pd.Series, expected: pd.Series, rel: float, abs_: float = 0.0) -> None:
    a = actual.to_numpy(float)
    e = expected.to_numpy(float)
    both_nan = np.isnan(a) & np.isnan(e)
    ok = both_nan | (np.abs(a - e) <= np.maximum(rel * np.abs(e), abs_))
    if not ok.all():
        i = int(np.flatnonzero(~ok)[0])
        raise AssertionError(
            f"{(~ok).sum()} of {len(a)} rows differ, first: {actual.name}, index {i}: "
            f"actual {a[i]!r}, expected {e[i]!r}"
        )


def test_every_estimate_row_matches_r(outputs: Path) -> None:
    exp = _expected("expected_estimates.csv")
    est = pd.read_parquet(outputs / "estimates.parquet")
    est = est.astype({"round": int})
    m = exp.merge(est, on=KEY, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert m["estimate"].notna().sum() == len(exp), "rows missing from estimates"
    assert (m["n"] == m["n_r"]).all()
    share = m["statistic"].str.endswith("_share")
    scale = np.where(share, 100.0, 1.0)  # R gives shares as 0..1, the pipeline in percent
    for col in ("estimate_r", "se_r", "ci_low_r", "ci_high_r"):
        m[col] = m[col] * scale
    logit = m["ci_method"] == "logit"
    # logit point estimates: R's glm differs from the weighted proportion by <= 3e-9 (0..1)
    _close(m.loc[~logit, "estimate"], m.loc[~logit, "estimate_r"], 1e-9, 1e-12)
    _close(m.loc[logit, "estimate"], m.loc[logit, "estimate_r"], 0, 1e-8 * 100)
    _close(m["se"], m["se_r"], 1e-9, 1e-12 * scale.max())
    # shares of 0 or 100 %: no interval in R, the NCHS Korn-Graubard interval here
    boundary = m["ci_note"] == "korn_graubard_n"
    assert m.loc[boundary, "ci_low_r"].isna().all() and m.loc[boundary, "ci_low"].notna().all()
    assert boundary.sum() > 0
    for col in ("ci_low", "ci_high"):
        _close(m.loc[logit & ~boundary, col], m.loc[logit & ~boundary, f"{col}_r"], 0, 1e-8 * 100)
        _close(m.loc[~logit & ~boundary, col], m.loc[~logit & ~boundary, f"{col}_r"], 1e-9, 1e-12)


def test_tests_match_r(outputs: Path) -> None:
    exp = _expected("expected_tests.csv")
    got = pd.read_parquet(outputs / "tests.parquet").astype({"round": int})
    key = ["design", "round", "item", "test"]
    m = exp.merge(got, on=key, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert m["statistic"].notna().all()
    for col in ("statistic", "df1", "df2", "p_value"):
        _close(m[col], m[f"{col}_r"], 1e-6, 1e-12)
    assert {"ordinal_logit_region"} <= set(got["test"])
    assert got["p_adjusted"].notna().all()
    assert (got["p_adjusted"] >= got["p_value"] - 1e-15).all()


def test_changes_match_r(outputs: Path) -> None:
    exp = _expected("expected_changes.csv")
    got = pd.read_parquet(outputs / "changes.parquet")
    got = got[(got["group_code"] == "ALL")].astype({"round_from": int, "round_to": int})
    key = ["design", "item", "statistic", "region_code", "round_from", "round_to"]
    m = exp.merge(got, on=key, how="left", suffixes=("_r", ""), validate="one_to_one")
    _close(m["estimate"], m["difference"], 1e-9, 1e-12)
    _close(m["se"], m["se_difference"], 1e-9)
    _close(m["ci_low"], m["ci_low_r"], 1e-9, 1e-12)
    _close(m["ci_high"], m["ci_high_r"], 1e-9, 1e-12)
    _close(m["p_value"], m["p_value_r"], 1e-6, 1e-12)


def test_raked_design_matches_r(outputs: Path) -> None:
    exp = _expected("expected_raked.csv")
    est = pd.read_parquet(outputs / "estimates.parquet").astype({"round": int})
    m = exp.merge(est, on=KEY, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert (m["n"] == m["n_r"]).all()
    for col in ("estimate", "se", "ci_low", "ci_high"):
        _close(m[col], m[f"{col}_r"], 1e-9)


def test_no_suppression_with_min_cell_1(outputs: Path) -> None:
    est = pd.read_parquet(outputs / "estimates.parquet")
    assert not est.loc[est["n"] >= 2, "suppressed"].any()
