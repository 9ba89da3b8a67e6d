"""Invariants of the statistics core (hypothesis) and small hand-checked cases: shares of a
distribution sum to 100, weight scale does not matter, suppression leaves nothing
recoverable, Benjamini-Hochberg within families, the count-table ordinal fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statsmodels.miscmodels.ordinal_model import OrderedModel
from statsmodels.stats.multitest import multipletests
from test_stats_helpers import ITEMS, load_round

from pipeline.stats import adjust_pvalues, estimate_round, suppress
from pipeline.stats.ordinal import ordinal_lr_test
from pipeline.stats.types import DesignSpec, ItemScale

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REGIONS = ("1", "2", "3")
GROUPS = ("a", "b")


def synthetic(seed: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A small random round: respondents, codes, status (2 items) and population counts."""
    rng = np.random.default_rng(seed)
    # every region x group gets at least 2 respondents (strata need them)
    cells = [(r, g) for r in REGIONS for g in GROUPS]
    region = [c[0] for c in cells for _ in range(2)]
    group = [c[1] for c in cells for _ in range(2)]
    extra = rng.integers(0, len(cells), n)
    region += [cells[i][0] for i in extra]
    group += [cells[i][1] for i in extra]
    m = len(region)
    resp = pd.DataFrame(
        {
            "respondent_id": [f"r{i}" for i in range(m)],
            "region_code": region,
            "group_code": group,
            "weight": rng.uniform(0.5, 5.0, m),
        }
    )
    raw = rng.choice([1, 2, 3, 4, 5, 9, np.nan], size=m, p=[0.1, 0.2, 0.3, 0.2, 0.1, 0.07, 0.03])
    codes = pd.DataFrame({"a": raw, "b": raw})
    stat = np.where(np.isnan(raw), "missing", np.where(raw == 9, "dont_know", "valid"))
    status = pd.DataFrame({"a": stat, "b": stat}, dtype=object)
    counts = resp.groupby(["region_code", "group_code"]).size()
    pop = counts.mul(3).add(rng.integers(1, 20, len(counts))).rename("N").reset_index()
    return resp, codes, status, pop.astype({"N": float})


PARTITION = {
    "a": ItemScale("rating", (1, 2, 3, 4, 5), top=(4, 5), bottom=(1, 2)),
    "b": ItemScale("rating", (1, 2, 3, 4, 5), top=(3,)),
}
DESIGNS = (
    DesignSpec("weighted"),
    DesignSpec("stratified_fpc", strata=("region_code", "group_code"), fpc=True),
    DesignSpec("ps", calibration="poststratify", margins=("region_code", "group_code")),
    DesignSpec("raked", calibration="rake", margins=("region_code", "group_code")),
)


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 60))
def test_shares_of_a_distribution_sum_to_100(seed: int, n: int) -> None:
    resp, codes, status, pop = synthetic(seed, n)
    for design in DESIGNS:
        est = estimate_round(resp, codes, status, PARTITION, design, pop, ("logit", "beta"))
        est = est[est["statistic"].isin(["top2_share", "bottom2_share"])]
        total = est.groupby(["ci_method", "region_code", "group_code"])["estimate"].sum()
        assert np.allclose(total, 100.0, rtol=0, atol=1e-9)
        assert (est["estimate"].between(0, 100)).all()


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(0, 60), power=st.floats(-3, 3))
def test_weight_scale_changes_no_estimate(seed: int, n: int, power: float) -> None:
    resp, codes, status, pop = synthetic(seed, n)
    scaled = resp.assign(weight=resp["weight"] * 10.0**power)
    for design in DESIGNS:
        a = estimate_round(resp, codes, status, PARTITION, design, pop, ("logit", "beta"))
        b = estimate_round(scaled, codes, status, PARTITION, design, pop, ("logit", "beta"))
        assert (a["n"].to_numpy() == b["n"].to_numpy()).all()
        for col in ("estimate", "se", "ci_low", "ci_high"):
            x, y = a[col].to_numpy(), b[col].to_numpy()
            assert (np.isnan(x) == np.isnan(y)).all()
            ok = ~np.isnan(x)
            assert np.allclose(x[ok], y[ok], rtol=1e-9, atol=1e-10), (design.name, col)


@st.composite
def estimate_tables(draw: st.DrawFn) -> tuple[pd.DataFrame, int]:
    """Random estimates tables (2 statistics) over up to 4 regions x 4 groups."""
    n_reg = draw(st.integers(1, 4))
    n_grp = draw(st.integers(1, 4))
    rows = []
    for stat in ("mean", "top2_share"):
        cells = draw(st.lists(st.integers(0, 12), min_size=n_reg * n_grp, max_size=n_reg * n_grp))
        grid = np.array(cells).reshape(n_reg, n_grp)
        for r in range(n_reg):
            for g in range(n_grp):
                if grid[r, g]:
                    rows.append((stat, str(r + 1), str(g + 1), grid[r, g]))
        for r in range(n_reg):
            if grid[r].sum():
                rows.append((stat, str(r + 1), "ALL", grid[r].sum()))
        for g in range(n_grp):
            if grid[:, g].sum():
                rows.append((stat, "ALL", str(g + 1), grid[:, g].sum()))
        if grid.sum():
            rows.append((stat, "ALL", "ALL", grid.sum()))
    df = pd.DataFrame(rows, columns=["statistic", "region_code", "group_code", "n"])
    df = df.assign(design="weighted", round=2020, item="x", ci_method="normal")
    df["estimate"] = 1.0
    df["se"] = 0.1
    return df, draw(st.integers(1, 8))


@settings(max_examples=300, deadline=None)
@given(case=estimate_tables())
def test_suppression_leaves_no_single_recoverable_cell(case: tuple[pd.DataFrame, int]) -> None:
    est, min_cell = case
    out = suppress(est, min_cell)
    assert (out["n"] == est["n"]).all()
    assert ((out["suppression"] == "primary") == (out["n"] < min_cell)).all()
    assert (out["suppressed"] == (out["suppression"] != "")).all()
    assert out.loc[out["suppressed"], ["estimate", "se"]].isna().all().all()
    assert out.loc[~out["suppressed"], "estimate"].notna().all()
    for _, t in out.groupby("statistic"):
        keys = zip(t["region_code"], t["group_code"], t["suppressed"], strict=True)
        published = {(r, g) for r, g, s in keys if not s}
        present = set(zip(t["region_code"], t["group_code"], strict=True))
        sup = present - published
        lines = []
        for r in {r for r, _ in present}:  # a region over its groups (incl. the ALL row)
            lines.append(((r, "ALL"), {(rr, g) for rr, g in present if rr == r and g != "ALL"}))
        for g in {g for _, g in present}:  # a group over its regions (incl. the ALL column)
            lines.append((("ALL", g), {(r, gg) for r, gg in present if gg == g and r != "ALL"}))
        for margin, cells in lines:
            if margin in published and cells:
                assert len(cells & sup) != 1, (margin, sorted(cells & sup))


def test_suppression_hand_example() -> None:
    """Region 1: groups a (n 3, primary) and b (n 40), c (n 20): c is the smallest other
    cell of the row; group a's column then has one suppressed cell, so region 2's a goes."""
    rows = [
        ("1", "a", 3),
        ("1", "b", 40),
        ("1", "c", 20),
        ("2", "a", 30),
        ("2", "b", 50),
        ("2", "c", 25),
        ("1", "ALL", 63),
        ("2", "ALL", 105),
        ("ALL", "a", 33),
        ("ALL", "b", 90),
        ("ALL", "c", 45),
        ("ALL", "ALL", 168),
    ]
    est = pd.DataFrame(rows, columns=["region_code", "group_code", "n"])
    est = est.assign(design="d", item="x", statistic="mean", ci_method="normal", estimate=1.0)
    out = suppress(est, 5).set_index(["region_code", "group_code"])["suppression"]
    assert out[("1", "a")] == "primary"
    assert out[("1", "c")] == "secondary"  # smallest remaining in region 1
    assert out[("2", "a")] == "secondary"  # column a
    assert out[("2", "c")] == "secondary"  # column c, then region 2 has a and c: fine
    assert out[("1", "b")] == "" and out[("2", "b")] == ""
    assert (out.loc[[("1", "ALL"), ("ALL", "ALL")]] == "").all()


def test_adjust_pvalues_within_families() -> None:
    tests = pd.DataFrame(
        {
            "survey": "s",
            "design": ["d1"] * 4 + ["d2"] * 3,
            "round": 2020,
            "test": ["t"] * 7,
            "p_value": [0.01, 0.04, np.nan, 0.03, 0.2, 0.001, 0.5],
        }
    )
    out = adjust_pvalues(tests)
    assert np.isnan(out.loc[2, "p_adjusted"])
    d1 = multipletests([0.01, 0.04, 0.03], method="fdr_bh")[1]
    d2 = multipletests([0.2, 0.001, 0.5], method="fdr_bh")[1]
    assert np.allclose(out.loc[[0, 1, 3], "p_adjusted"], d1)
    assert np.allclose(out.loc[[4, 5, 6], "p_adjusted"], d2)
    assert (out["p_adjusted"].dropna() >= out["p_value"].dropna()).all()


def test_ordinal_count_table_fit_equals_row_level_fit() -> None:
    resp, codes, status = load_round(2013)
    ok = (status["q3_1"] == "valid").to_numpy()
    y = codes.loc[ok, "q3_1"].to_numpy()
    region = resp.loc[ok, "region_code"].to_numpy()
    group = resp.loc[ok, "group_code"].to_numpy()
    stat, df1, df2, p = ordinal_lr_test(y, region, group)
    dummies = pd.get_dummies(pd.DataFrame({"r": region, "g": group}), drop_first=True)
    x = dummies.astype(float)
    full = OrderedModel(y, x, distr="logit").fit(method="bfgs", disp=False, maxiter=5000)
    gcols = [c for c in x.columns if c.startswith("g_")]
    red = OrderedModel(y, x[gcols], distr="logit").fit(method="bfgs", disp=False, maxiter=5000)
    assert stat == pytest.approx(2 * (full.llf - red.llf), rel=1e-5)
    assert df1 == 2 and np.isnan(df2) and 0 <= p <= 1
    assert ITEMS["q3_1"].kind == "rating"


def test_categorical_status_gives_the_same_estimates() -> None:
    """The analyse stage passes status as categorical columns, the reference tests as text."""
    resp, codes, status = load_round(2013)
    design = DesignSpec("weighted")
    text = estimate_round(resp, codes, status, ITEMS, design, None, ("logit",))
    cat = estimate_round(resp, codes, status.astype("category"), ITEMS, design, None, ("logit",))
    pd.testing.assert_frame_equal(text, cat)


def test_answer_levels_for_non_integer_codes() -> None:
    """Codes that are not whole numbers are ranked (np.unique) instead of offset: same levels."""
    from pipeline.stats.tables import DONT_KNOW, FIRST_CODE, NO_ANSWER, code_levels

    codes = np.array([[1.0, 3.0, np.nan, 9.0, 2.0], [2.0, 2.0, 1.0, np.nan, 3.0]])
    valid = np.array([[1, 1, 0, 0, 1], [1, 1, 1, 0, 1]], dtype=bool)
    dk = np.array([[0, 0, 0, 1, 0], [0, 0, 0, 0, 0]], dtype=bool)
    lev, values = code_levels(codes, valid, dk)
    lev_h, values_h = code_levels(codes + 0.5, valid, dk)
    assert values.tolist() == [1.0, 2.0, 3.0] and values_h.tolist() == [1.5, 2.5, 3.5]
    assert (lev == lev_h).all()
    assert lev[0].tolist() == [FIRST_CODE, FIRST_CODE + 2, NO_ANSWER, DONT_KNOW, FIRST_CODE + 1]
    wide, values_w = code_levels(np.where(codes == 3.0, 1e6, codes), valid, dk)  # > 4096 apart
    assert values_w.tolist() == [1.0, 2.0, 1e6] and (wide == lev).all()
