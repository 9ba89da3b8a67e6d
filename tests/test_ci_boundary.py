"""Shares of 0 % or 100 % get the NCHS Korn-Graubard interval (actual sample size as the
effective sample size) and ``ci_note`` = ``korn_graubard_n``; R gives no interval there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipeline.stats import estimate_round, suppress
from pipeline.stats.intervals import boundary_interval
from pipeline.stats.types import DesignSpec, ItemScale

RATING = ItemScale("rating", (1, 2, 3, 4, 5), top=(4, 5), bottom=(1, 2))


def data(n_a: int, n_b: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Region A: everyone answers 5; region B: a mix."""
    mix = [1, 2, 3, 4, 5, 3, 2, 4, 1, 5, 3, 2]
    codes = [5.0] * n_a + [float(mix[i % len(mix)]) for i in range(n_b)]
    n = n_a + n_b
    resp = pd.DataFrame(
        {
            "respondent_id": [str(i) for i in range(n)],
            "region_code": ["A"] * n_a + ["B"] * n_b,
            "group_code": ["1", "2"] * (n // 2) + ["1"] * (n % 2),
            "weight": np.linspace(0.5, 2.0, n),
        }
    )
    return resp, pd.DataFrame({"q": codes}), pd.DataFrame({"q": ["valid"] * n})


@pytest.mark.parametrize("level", [0.95, 0.90])
def test_all_top2_gets_clopper_pearson_limit_under_srs(level: float) -> None:
    resp, codes, status = data(10, 12)
    est = estimate_round(
        resp,
        codes,
        status,
        {"q": RATING},
        DesignSpec("srs", weights=False),
        None,
        ("logit", "beta", "wilson"),
        level,
    )
    rows = est[(est["region_code"] == "A") & (est["group_code"] == "ALL")]
    top = rows[rows["statistic"] == "top2_share"]
    assert len(top) == 3 and (top["estimate"] == 100.0).all() and (top["se"] == 0).all()
    alpha = 1 - level
    # srs: df = n - 1 and nrow = n, so n_eff = n: the exact (Clopper-Pearson) limit
    np.testing.assert_allclose(top["ci_low"], 100 * (alpha / 2) ** (1 / 10), rtol=1e-12)
    assert (top["ci_high"] == 100.0).all()
    assert (top["ci_note"] == "korn_graubard_n").all()
    bottom = rows[rows["statistic"] == "bottom2_share"]
    assert (bottom["estimate"] == 0.0).all() and (bottom["ci_low"] == 0.0).all()
    np.testing.assert_allclose(bottom["ci_high"], 100 * (1 - (alpha / 2) ** (1 / 10)), rtol=1e-12)
    # a share strictly between 0 and 100 and the means keep their usual interval, no note
    other = est[(est["region_code"] == "B") & (est["statistic"] == "top2_share")]
    assert (other["ci_note"] == "").all()
    assert (est.loc[est["statistic"] == "mean", "ci_note"] == "").all()


def test_weighted_design_uses_the_actual_sample_size() -> None:
    resp, codes, status = data(8, 12)
    est = estimate_round(
        resp, codes, status, {"q": RATING}, DesignSpec("weighted"), None, ("beta",), 0.95
    )
    top = est[
        (est["region_code"] == "A")
        & (est["group_code"] == "ALL")
        & (est["statistic"] == "top2_share")
    ]
    # not the weights' effective size: 8 answers -> qbeta(0.025, 8, 1) = 0.025^(1/8)
    np.testing.assert_allclose(top["ci_low"], 100 * 0.025 ** (1 / 8), rtol=1e-12)


def test_single_answer_and_suppressed_rows_get_no_note() -> None:
    resp, codes, status = data(1, 12)
    est = estimate_round(
        resp, codes, status, {"q": RATING}, DesignSpec("srs", weights=False), None, ("logit",)
    )
    one = est[(est["region_code"] == "A") & (est["group_code"] == "ALL")]
    assert one["ci_low"].isna().all() and (one["ci_note"] == "").all()
    resp, codes, status = data(4, 12)
    est = estimate_round(
        resp, codes, status, {"q": RATING}, DesignSpec("srs", weights=False), None, ("logit",)
    )
    out = suppress(est.assign(survey="s", round=2020), min_cell=5)
    hidden = out[out["suppressed"]]
    assert len(hidden) > 0 and (hidden["ci_note"] == "").all()


def test_boundary_interval_only_at_zero_and_one() -> None:
    lo, hi, applies = boundary_interval(
        np.array([0.0, 0.3, 1.0, 1.0]),
        np.array([5, 5, 5, 1]),
        np.array([4, 4, 4, 0]),
        np.array([5, 5, 5, 1]),
        0.95,
    )
    assert applies.tolist() == [True, False, True, False]
    assert lo[0] == 0 and np.isnan(lo[1]) and hi[2] == 1 and np.isnan(hi[3])
