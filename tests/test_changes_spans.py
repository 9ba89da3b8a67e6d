"""Changes over any span: consecutive pairs, first -> last, all pairs; BH within the family.

Three rounds are built from the R reference fixture (tests/fixtures/reference, rounds 2013
and 2015) by relabelling the 2013 round as 2014, so that 2013 -> 2015 is a first -> last span
that is not a consecutive pair; it must equal the R reference's 2013 -> 2015 changes and the
difference of the two rounds' estimates computed separately."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from test_stats_helpers import DESIGNS, ITEMS, expected, load_round, population

from pipeline.stats import changes, estimate_round
from pipeline.stats.change_table import round_pairs
from pipeline.stats.multiplicity import CHANGE_FAMILY, adjust_pvalues

DESIGN_NAMES = ("srs", "weighted", "stratified_fpc")


def round_estimates(data_round: int, label: int) -> pd.DataFrame:
    resp, codes, status = load_round(data_round)
    parts = [
        estimate_round(resp, codes, status, ITEMS, DESIGNS[d], population(), ("logit",), 0.95)
        for d in DESIGN_NAMES
    ]
    return pd.concat(parts, ignore_index=True).assign(round=label)


@pytest.fixture(scope="module")
def three_rounds() -> pd.DataFrame:
    return pd.concat(
        [round_estimates(2013, 2013), round_estimates(2013, 2014), round_estimates(2015, 2015)],
        ignore_index=True,
    )


def test_round_pairs() -> None:
    assert round_pairs([2009, 2012, 2017, 2021], ["consecutive"]) == [
        (2009, 2012, "consecutive"),
        (2012, 2017, "consecutive"),
        (2017, 2021, "consecutive"),
    ]
    assert round_pairs([2012, 2009, 2021], ["consecutive", "first_last"]) == [
        (2009, 2012, "consecutive"),
        (2009, 2021, "first_last"),
        (2012, 2021, "consecutive"),
    ]
    # two rounds: the first -> last pair is the consecutive pair, listed once
    assert round_pairs([2013, 2015], ["consecutive", "first_last"]) == [(2013, 2015, "consecutive")]
    assert len(round_pairs([1, 2, 3, 4], ["all_pairs"])) == 6
    assert round_pairs([2015], ["consecutive", "first_last"]) == []
    with pytest.raises(ValueError, match="unknown change span"):
        round_pairs([1, 2], ["first_to_last"])


def test_first_last_span_matches_r(three_rounds: pd.DataFrame) -> None:
    """The non-consecutive 2013 -> 2015 rows equal R's 2013 -> 2015 changes."""
    got = changes(three_rounds[three_rounds["design"] == "weighted"])
    got = got[got["group_code"] == "ALL"]
    assert set(zip(got["round_from"], got["round_to"], got["span"], strict=True)) == {
        (2013, 2014, "consecutive"),
        (2014, 2015, "consecutive"),
        (2013, 2015, "first_last"),
    }
    span = got[got["span"] == "first_last"]
    exp = expected("expected_changes.csv")
    key = ["design", "item", "statistic", "region_code", "round_from", "round_to"]
    m = exp.merge(span, on=key, how="left", suffixes=("_r", ""), validate="one_to_one")
    assert len(m) == 96 and m["estimate"].notna().all()
    np.testing.assert_allclose(m["estimate"], m["difference"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m["se"], m["se_difference"], rtol=1e-9)
    np.testing.assert_allclose(m["ci_low"], m["ci_low_r"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m["ci_high"], m["ci_high_r"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m["p_value"], m["p_value_r"], rtol=1e-6, atol=1e-300)
    # the relabelled round is the same sample: no change from 2013 to 2014
    same = got[got["round_to"] == 2014]
    assert np.allclose(same["estimate"].dropna(), 0.0)


def test_first_last_is_difference_of_independent_estimates(three_rounds: pd.DataFrame) -> None:
    got = changes(three_rounds, level=0.90)
    span = got[got["span"] == "first_last"]
    assert len(span) > 0
    a = round_estimates(2013, 2013)
    b = round_estimates(2015, 2015)
    key = ["design", "item", "statistic", "region_code", "group_code"]
    ends = a.merge(b, on=key + ["ci_method"], suffixes=("_a", "_b"))
    ends = ends[ends["ci_method"].isin(["normal", "logit"])]
    m = span.merge(ends, on=key, validate="one_to_one")
    assert len(m) == len(span)
    diff = m["estimate_b"] - m["estimate_a"]
    se = np.sqrt(m["se_a"] ** 2 + m["se_b"] ** 2)
    np.testing.assert_allclose(m["estimate"], diff, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(m["se"], se, rtol=1e-12)
    z90 = stats.norm.ppf(0.95)
    ok = se.notna().to_numpy()
    np.testing.assert_allclose(m["ci_low"][ok], (diff - z90 * se)[ok], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m["ci_high"][ok], (diff + z90 * se)[ok], rtol=1e-9, atol=1e-12)
    p = 2 * stats.norm.sf(np.abs(diff / se))
    np.testing.assert_allclose(m["p_value"][ok], p[ok], rtol=1e-9, atol=1e-300)


def test_spans_select_pairs(three_rounds: pd.DataFrame) -> None:
    only = changes(three_rounds, spans=("consecutive",))
    assert set(only["span"]) == {"consecutive"}
    first = changes(three_rounds, spans=("first_last",))
    assert set(zip(first["round_from"], first["round_to"], strict=True)) == {(2013, 2015)}
    every = changes(three_rounds, spans=("all_pairs",))
    assert len(every) == len(first) * 3


def test_item_missing_from_a_round_spans_its_own_rounds(three_rounds: pd.DataFrame) -> None:
    """An item not asked in 2015 gets 2013 -> 2014 only (its first and last round)."""
    item = "q1_1"
    est = three_rounds[~((three_rounds["item"] == item) & (three_rounds["round"] == 2015))]
    got = changes(est)
    pairs = set(
        zip(
            got.loc[got["item"] == item, "round_from"],
            got.loc[got["item"] == item, "round_to"],
            strict=True,
        )
    )
    assert pairs == {(2013, 2014)}


def bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg step-up, written out (independent of statsmodels)."""
    m = p.size
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    adj = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    out = np.empty(m)
    out[order] = adj
    return out


def test_bh_family_is_survey_design_statistic_round_pair(three_rounds: pd.DataFrame) -> None:
    got = adjust_pvalues(changes(three_rounds).assign(survey="s"), CHANGE_FAMILY)
    fam = got[
        (got["design"] == "weighted")
        & (got["statistic"] == "mean")
        & (got["round_from"] == 2013)
        & (got["round_to"] == 2015)
    ]
    ok = fam["p_value"].notna().to_numpy()
    assert ok.sum() > 20
    np.testing.assert_allclose(fam["p_adjusted"][ok], bh(fam["p_value"][ok].to_numpy()), rtol=1e-12)
    assert (got["p_adjusted"].dropna() >= got.loc[got["p_adjusted"].notna(), "p_value"]).all()
