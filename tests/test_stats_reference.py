"""The statistics core against every row of the R `survey` reference fixture.

Expected values: tests/fixtures/reference/expected_*.csv (R 4.2.2, survey 4.1.1, via
make_fixture.R; see PROVENANCE.md). Tolerances: estimates and SEs 1e-9 relative (plus 1e-12
absolute on the 0..1 / point scale for SEs that are mathematically 0), logit CI limits 1e-8
absolute on the 0..1 scale (R's glm IRLS error, README), beta and normal CI limits 1e-9
relative, tests 1e-6 relative. Empty R cells must be NaN here and vice versa.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from test_stats_helpers import DESIGNS, ITEMS, ROUNDS, expected, load_round, population

from pipeline.errors import UserError
from pipeline.stats import (
    changes,
    design_weights,
    estimate_round,
    prepare_design,
    test_round,
)
from pipeline.stats.types import DesignSpec

KEY = ["design", "round", "item", "statistic", "ci_method", "region_code", "group_code"]
R_DESIGNS = ("srs", "weighted", "stratified_fpc")


@pytest.fixture(scope="module")
def estimates() -> pd.DataFrame:
    parts = []
    for rnd in ROUNDS:
        resp, codes, status = load_round(rnd)
        for name in (*R_DESIGNS, "raked"):
            est = estimate_round(
                resp, codes, status, ITEMS, DESIGNS[name], population(), ("logit", "beta"), 0.95
            )
            parts.append(est.assign(round=rnd))
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def tests_table() -> pd.DataFrame:
    parts = []
    for rnd in ROUNDS:
        resp, codes, status = load_round(rnd)
        for name in R_DESIGNS:
            tst = test_round(resp, codes, status, ITEMS, DESIGNS[name], population())
            parts.append(tst.assign(round=rnd))
    return pd.concat(parts, ignore_index=True)


def _close(actual: pd.Series, target: pd.Series, rel: float, abs_: float = 0.0) -> float:
    """Assert agreement (NaN where and only where R is empty); return the max abs error."""
    a = actual.to_numpy(float)
    e = target.to_numpy(float)
    nan_a, nan_e = np.isnan(a), np.isnan(e)
    if (nan_a != nan_e).any():
        i = int(np.flatnonzero(nan_a != nan_e)[0])
        raise AssertionError(f"{actual.name}: empty in one only, row {i}: {a[i]!r} vs {e[i]!r}")
    ok = ~nan_e
    err = np.abs(a[ok] - e[ok])
    bad = err > np.maximum(rel * np.abs(e[ok]), abs_)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise AssertionError(
            f"{bad.sum()} rows of {actual.name} differ, first: {a[ok][i]!r} vs {e[ok][i]!r}"
        )
    return float(err.max()) if err.size else 0.0


def test_every_estimate_row_matches_r(estimates: pd.DataFrame) -> None:
    exp = expected("expected_estimates.csv")
    assert len(exp) == 15552
    got = estimates[estimates["design"].isin(R_DESIGNS)]
    m = exp.merge(got, on=KEY, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert m["n"].notna().all(), "rows missing"
    assert (m["n"] == m["n_r"]).all()
    # the only rows R does not have: dont_know_share with the beta CI
    extra = got.merge(exp[KEY], on=KEY, how="left", indicator=True)
    extra = extra[extra["_merge"] == "left_only"]
    assert set(zip(extra["statistic"], extra["ci_method"], strict=True)) == {
        ("dont_know_share", "beta")
    }
    share = m["statistic"].str.endswith("_share").to_numpy()
    scale = np.where(share, 100.0, 1.0)  # R: 0..1, here percent
    for col in ("estimate", "se", "ci_low", "ci_high"):
        m[f"{col}_r"] = m[f"{col}_r"] * scale
    _close(m["estimate"], m["estimate_r"], 1e-9, 1e-12)
    _close(m["se"], m["se_r"], 1e-9, 1e-12 * scale.max())
    # shares of exactly 0 or 100 %: R gives no interval, here the NCHS Korn-Graubard one
    # (ci_note korn_graubard_n); every row where R gives a number is compared
    boundary = (m["ci_note"] == "korn_graubard_n").to_numpy()
    assert m.loc[boundary, "ci_low_r"].isna().all() and m.loc[boundary, "se_r"].eq(0).all()
    assert m.loc[boundary, "estimate"].isin([0.0, 100.0]).all()
    assert m.loc[boundary, "ci_low"].notna().all()
    logit = (m["ci_method"] == "logit").to_numpy()
    for col in ("ci_low", "ci_high"):
        _close(m.loc[logit & ~boundary, col], m.loc[logit & ~boundary, f"{col}_r"], 0.0, 1e-8 * 100)
        _close(m.loc[~logit & ~boundary, col], m.loc[~logit & ~boundary, f"{col}_r"], 1e-9, 1e-12)
    # R's empty-CI rules occur in the fixture: shares of exactly 0 or 100
    assert (m["ci_low_r"].isna() & m["se_r"].eq(0)).sum() == 993
    # all of them with at least two answers get the boundary interval
    with_two = m["ci_low_r"].isna() & m["se_r"].eq(0) & (m["n"] >= 2)
    assert (boundary == with_two.to_numpy()).all()


def test_design_df(estimates: pd.DataFrame) -> None:
    """df = n - 1, or n - (strata among the answers) for the stratified design."""
    rnd = 2015
    resp, _, status = load_round(rnd)
    est = estimates[(estimates["round"] == rnd) & (estimates["item"] == "q1_9")]
    est = est[est["statistic"] == "mean"]
    ok = (status["q1_9"] == "valid").to_numpy()
    for row in est.itertuples():
        dom = ok.copy()
        if row.region_code != "ALL":
            dom &= (resp["region_code"] == row.region_code).to_numpy()
        if row.group_code != "ALL":
            dom &= (resp["group_code"] == row.group_code).to_numpy()
        strata = resp.loc[dom, ["region_code", "group_code"]].drop_duplicates()
        h = len(strata) if row.design == "stratified_fpc" else 1
        assert row.n == dom.sum()
        assert row.df == dom.sum() - h


def test_tests_match_r(tests_table: pd.DataFrame) -> None:
    exp = expected("expected_tests.csv")
    key = ["design", "round", "item", "test"]
    m = exp.merge(tests_table, on=key, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert len(m) == 270
    for col in ("statistic", "df1", "df2", "p_value"):
        _close(m[col], m[f"{col}_r"], 1e-6, 1e-300)
    # 2015 q1_8 has no answer 5: a 4 x 3 table (df1 about 6 for srs), not NaN
    q18 = m[(m["item"] == "q1_8") & (m["round"] == 2015) & (m["test"] == "rao_scott_F")]
    assert np.isfinite(q18["statistic"]).all()
    assert abs(float(q18.loc[q18["design"] == "srs", "df1"].iloc[0]) - 6) < 0.1


def test_every_item_has_the_four_tests(tests_table: pd.DataFrame) -> None:
    per_item = tests_table.groupby(["design", "round", "item"])["test"].apply(set)
    assert (per_item.apply(len) == 4).all()
    ordinal = tests_table[tests_table["test"] == "ordinal_logit_region"]
    assert ordinal["df1"].eq(2).all() and ordinal["df2"].isna().all()
    assert ordinal["p_value"].between(0, 1).all()
    # the model-based test does not depend on the design
    wide = ordinal.pivot_table(index=["round", "item"], columns="design", values="statistic")
    assert np.allclose(wide["srs"], wide["weighted"], rtol=0, atol=0)


def test_changes_match_r(estimates: pd.DataFrame) -> None:
    exp = expected("expected_changes.csv")
    got = changes(estimates[estimates["design"] == "weighted"])
    got = got[got["group_code"] == "ALL"]
    key = ["design", "item", "statistic", "region_code", "round_from", "round_to"]
    m = exp.merge(got, on=key, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert len(m) == 96
    assert (m["n_from"] == m["n_from_r"]).all() and (m["n_to"] == m["n_to_r"]).all()
    _close(m["estimate"], m["difference"], 1e-9, 1e-12)
    _close(m["se"], m["se_difference"], 1e-9)
    _close(m["ci_low"], m["ci_low_r"], 1e-9, 1e-12)
    _close(m["ci_high"], m["ci_high_r"], 1e-9, 1e-12)
    _close(m["z"], m["z_r"], 1e-9, 1e-12)
    _close(m["p_value"], m["p_value_r"], 1e-6, 1e-300)


def test_changes_cover_shares_and_every_domain(estimates: pd.DataFrame) -> None:
    got = changes(estimates)
    assert set(got["statistic"]) == {"mean", "balance", "top2_share", "bottom2_share"}
    assert set(got["design"]) == {*R_DESIGNS, "raked"}
    assert (got["round_from"] == 2013).all() and (got["round_to"] == 2015).all()
    one = got[(got["design"] == "srs") & (got["item"] == "q1_1")]
    assert len(one) == 3 * (1 + 3 + 5 + 15)


def test_raked_weights_match_r() -> None:
    exp = expected("expected_raked_weights.csv")
    resp, _, _ = load_round(2015)
    w = design_weights(resp, DESIGNS["raked"], population())
    got = pd.DataFrame({"id": resp["respondent_id"].astype(int), "w": w})
    m = exp.merge(got, on="id", validate="one_to_one")
    assert len(m) == 650
    _close(m["w"], m["raked_weight"], 1e-12)
    # R stops after 2 passes (epsilon = 1): margins are matched only to within 0.007
    pop = population()
    by_region = pd.Series(w).groupby(resp["region_code"].to_numpy()).sum()
    target = pop.groupby("region_code")["N"].sum()
    dev = (by_region - target).abs().max()
    assert 1e-4 < dev < 0.01


def test_raked_estimates_match_r(estimates: pd.DataFrame) -> None:
    exp = expected("expected_raked.csv")
    m = exp.merge(estimates, on=KEY, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert len(m) == 36 and (m["n"] == m["n_r"]).all()
    for col in ("estimate", "se", "ci_low", "ci_high"):
        _close(m[col], m[f"{col}_r"], 1e-9)


def test_single_answer_domain_has_estimate_but_no_se() -> None:
    resp, codes, status = load_round(2015)
    codes, status = codes.copy(), status.copy()
    # leave one valid answer of q1_1 in region 16 x group 2
    cell = ((resp["region_code"] == "16") & (resp["group_code"] == "2")).to_numpy()
    rows = np.flatnonzero(cell & (status["q1_1"] == "valid").to_numpy())
    status.loc[rows[1:], "q1_1"] = "missing"
    codes.loc[rows[1:], "q1_1"] = np.nan
    est = estimate_round(
        resp, codes, status, {"q1_1": ITEMS["q1_1"]}, DESIGNS["weighted"], None, ("logit",)
    )
    one = est[(est["region_code"] == "16") & (est["group_code"] == "2")]
    one = one[one["statistic"] != "dont_know_share"]
    assert (one["n"] == 1).all() and one["estimate"].notna().all()
    assert one[["se", "ci_low", "ci_high"]].isna().all().all()
    assert (
        float(one.loc[one["statistic"] == "mean", "estimate"].iloc[0]) == codes.loc[rows[0], "q1_1"]
    )


def test_wilson_interval_properties(estimates: pd.DataFrame) -> None:
    resp, codes, status = load_round(2013)
    est = estimate_round(resp, codes, status, ITEMS, DESIGNS["srs"], None, ("wilson",), 0.95)
    share = est[est["ci_method"] == "wilson"].dropna(subset=["ci_low"])
    assert len(share) > 1000
    assert (share["ci_low"] <= share["estimate"]).all()
    assert (share["estimate"] <= share["ci_high"]).all()
    assert (share["ci_low"] >= 0).all() and (share["ci_high"] <= 100).all()
    # srs, whole sample: se^2 = p(1-p) N / ((N-1) n) with N the round's respondents (the rows
    # without an answer count in the variance), so n_eff = n (N-1) / N: the classical Wilson
    # interval with that n and the t quantile
    whole = share[(share["region_code"] == "ALL") & (share["group_code"] == "ALL")]
    p = whole["estimate"].to_numpy() / 100
    big_n = len(resp)
    n = whole["n"].to_numpy() * (big_n - 1.0) / big_n
    z = stats.t.ppf(0.975, whole["df"].to_numpy())
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert np.allclose(whole["ci_low"] / 100, centre - half, rtol=1e-9, atol=0)
    assert np.allclose(whole["ci_high"] / 100, centre + half, rtol=1e-9, atol=0)


def test_poststratified_weights_and_variance_by_brute_force() -> None:
    """Post-stratification to the region x group counts, checked row by row: cell totals
    equal N, and the SE equals svyrecvar's centring x - w * sum_c(x) / sum_c(w) written out
    per respondent for a domain cutting across the cells."""
    resp, codes, status = load_round(2013)
    spec = DesignSpec("ps", calibration="poststratify", margins=("region_code", "group_code"))
    pop = population()
    w = design_weights(resp, spec, pop)
    cell = resp["region_code"] + "_" + resp["group_code"]
    totals = pd.Series(w).groupby(cell.to_numpy()).sum()
    target = pop.set_index(pop["region_code"] + "_" + pop["group_code"])["N"]
    assert np.allclose(totals.sort_index(), target.sort_index(), rtol=1e-13)

    item = "q3_2"
    est = estimate_round(resp, codes, status, {item: ITEMS[item]}, spec, pop, ("logit",))
    row = est[(est["statistic"] == "mean") & (est["region_code"] == "15")]
    row = row[row["group_code"] == "ALL"].iloc[0]
    y = codes[item].to_numpy()
    dom = (status[item] == "valid").to_numpy() & (resp["region_code"] == "15").to_numpy()
    mean = np.sum(w[dom] * y[dom]) / np.sum(w[dom])
    x = np.where(dom, w * (np.where(dom, y, 0) - mean) / np.sum(w[dom]), 0.0)
    cx = pd.Series(x).groupby(cell.to_numpy()).transform("sum").to_numpy()
    cw = pd.Series(w).groupby(cell.to_numpy()).transform("sum").to_numpy()
    x = x - w * cx / cw
    n = len(x)
    var = n / (n - 1) * np.sum((x - x.mean()) ** 2)
    assert row["estimate"] == pytest.approx(mean, rel=1e-12)
    assert row["se"] == pytest.approx(np.sqrt(var), rel=1e-10)


def test_calibration_errors_name_the_margin() -> None:
    resp, _, _ = load_round(2015)
    pop = population()
    rake = DESIGNS["raked"]
    with pytest.raises(UserError) as err:
        prepare_design(resp, rake, pop[pop["region_code"] != "16"])
    assert "designs.raked.margins" in str(err.value) and "16" in str(err.value)
    assert "no population" in str(err.value)
    extra = pd.concat([pop, pd.DataFrame({"region_code": ["17"], "group_code": ["1"], "N": [5]})])
    with pytest.raises(UserError, match="has no respondents"):
        prepare_design(resp, rake, extra)
    stubborn = DesignSpec(
        "raked", calibration="rake", margins=rake.margins, rake_epsilon=1e-9, rake_maxit=1
    )
    with pytest.raises(UserError) as err:
        prepare_design(resp, stubborn, pop)
    assert "increase rake_maxit or check the margins" in str(err.value)
    assert "region_code" in str(err.value)
    # R's defaults converge here (after 2 passes)
    prepare_design(resp, DesignSpec("raked", calibration="rake", margins=rake.margins), pop)


def test_degenerate_tests_are_nan_not_errors() -> None:
    resp, codes, status = load_round(2015)
    one_region = (resp["region_code"] == "14").to_numpy()
    r = resp[one_region].reset_index(drop=True)
    c = codes[one_region].reset_index(drop=True)
    s = status[one_region].reset_index(drop=True)
    tst = test_round(r, c, s, {"q1_1": ITEMS["q1_1"]}, DESIGNS["stratified_fpc"], population())
    assert len(tst) == 4 and tst["statistic"].isna().all()
    # every valid answer the same: zero variance, NaN rather than an exception
    c = codes.copy()
    c.loc[status["q1_2"] == "valid", "q1_2"] = 3.0
    tst = test_round(resp, c, status, {"q1_2": ITEMS["q1_2"]}, DESIGNS["weighted"], None)
    assert tst["statistic"].isna().all()
    est = estimate_round(resp, c, status, {"q1_2": ITEMS["q1_2"]}, DESIGNS["weighted"], None)
    mean = est[est["statistic"] == "mean"]
    assert np.allclose(mean["estimate"], 3, rtol=1e-14) and (mean["se"].abs() < 1e-14).all()
