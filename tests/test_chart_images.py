"""Barometer charts: image baselines (one chart per family, 72 dpi, RMS tolerance) and unit
tests of what the charts say, on the synthetic tables of tests/fixtures/charts/chart_tables.py.

Regenerate the baselines after an intended change with ``python tools/update_chart_baselines.py``
and look at every changed PNG before committing it."""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "charts"))

import chart_tables as ct

from pipeline.charts import common
from pipeline.charts.plan import context, plan_barometer_charts

RMS_TOL = 3.0


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return ct.tables()


@pytest.fixture(scope="module")
def snap() -> dict:
    return ct.snapshot()


def jobs_of(tables, snap, language="fi", **figures):
    return {j.id: j for j in plan_barometer_charts(tables, snap, ct.config(**figures), language)}


# --- image baselines -------------------------------------------------------------------------


@pytest.mark.parametrize("job", ct.baseline_jobs(), ids=ct.baseline_name)
def test_chart_matches_baseline(job, tmp_path: Path) -> None:
    from matplotlib.testing.compare import compare_images

    expected = ct.BASELINES / ct.baseline_name(job)
    assert expected.is_file(), f"no baseline {expected}: run tools/update_chart_baselines.py"
    actual = tmp_path / ct.baseline_name(job)
    ct.render_baseline(job, actual)
    result = compare_images(str(expected), str(actual), tol=RMS_TOL)
    assert result is None, result


# --- plan ------------------------------------------------------------------------------------


def test_plan_covers_every_family(tables, snap) -> None:
    ids = set(jobs_of(tables, snap))
    assert {
        "diverging_r_short_2017",
        "diverging_r_long_2017",
        "diverging_c_one_2017",
        "regional_dots_wellbeing_2017",
        "ranking_wellbeing_2017",
        "ranking_change_2017",
        "balance_change_2017",
        "trend_wellbeing",
        "trend_change",
        "heatmap_r_short_2017",
    } <= ids


def test_one_round_no_change_items_no_heatmap(snap) -> None:
    data = ct.tables()
    data = {
        k: v[(v["round"] == 2017) & (v["item"] != "c_one")] if "round" in v else v
        for k, v in data.items()
    }
    ids = set(jobs_of(data, snap, heatmap_items=()))
    assert not [i for i in ids if i.startswith(("trend", "balance", "heatmap"))]
    assert "diverging_r_short_2017" in ids and "regional_dots_wellbeing_2017" in ids


@pytest.mark.parametrize("points", [4, 7])
def test_other_scales_draw(points: int) -> None:
    snap = ct.snapshot(points)
    data = ct.tables(scale_points=points)
    jobs = jobs_of(data, snap)
    div = jobs["diverging_r_short_2017"]
    seg = div.data[div.data["layer"] == "segment"]
    neutral = seg[seg["side"] == 0]
    assert neutral.empty if points == 4 else len(neutral["code"].unique()) == 1
    div.build(div.data, **div.kwargs).draw()


def test_codebook_without_themes_and_code_only_labels(tables) -> None:
    """A user's codebook with no themes and answer labels that are just the codes (as the
    national bench codebook): titles carry the survey title, axis ticks say each code once."""
    import copy

    snap = copy.deepcopy(ct.snapshot())
    snap.pop("themes", None)
    for item in snap["items"].values():
        item["theme"] = ""
    for scale in snap["scales"].values():
        scale["codes"] = {c: {"fi": c, "sv": c, "en": c} for c in scale["codes"]}
    jobs = plan_barometer_charts(tables, snap, ct.config(), "en")
    survey_title = snap["title"]["en"]
    assert jobs and all(not j.title.startswith(":") for j in jobs)
    dots = [j for j in jobs if j.family == "regional_dots"]
    assert dots and all(j.title.startswith(survey_title) for j in dots)
    labels = dots[0].kwargs["break_labels"]
    assert labels == [str(c) for c in range(1, 6)]


def test_many_regions_use_facets_and_grey(snap) -> None:
    regions = ("ALL", *[str(c) for c in range(1, 20)])
    snap = {**snap, "regions": {c: {"fi": f"Alue {c}"} for c in regions[1:]}}
    jobs = jobs_of(ct.tables(regions), snap)
    dots = jobs["regional_dots_wellbeing_2017"]
    assert dots.kwargs["facets"] is True
    assert set(dots.kwargs["palette"].values()) == {"#000000", "#8C8C8C"}
    trend = jobs["trend_wellbeing"]
    assert trend.kwargs["highlight"] is True


def test_ids_unique_and_languages(tables, snap) -> None:
    for language in ("fi", "sv", "en"):
        jobs = plan_barometer_charts(tables, snap, ct.config(), language)
        assert len({j.id for j in jobs}) == len(jobs)
        assert all(j.language == language for j in jobs)
    sv = jobs_of(tables, snap, "sv")["regional_dots_wellbeing_2017"]
    assert "Välfärd" in sv.title and "per region" in sv.title


# --- diverging -------------------------------------------------------------------------------


def test_diverging_negative_left_positive_right(tables, snap) -> None:
    job = jobs_of(tables, snap)["diverging_r_short_2017"]
    seg = job.data[job.data["layer"] == "segment"]
    neg, pos, mid = seg[seg["code"] < 3], seg[seg["code"] > 3], seg[seg["code"] == 3]
    assert (neg["xmax"] <= 0).all() and (pos["xmin"] >= 0).all()
    assert np.allclose(mid["xmin"], -mid["xmax"])  # neutral split across zero
    # the stronger negative answer lies further out
    one = neg[neg["code"] == 1].set_index("region_code")["xmin"]
    two = neg[neg["code"] == 2].set_index("region_code")["xmin"]
    assert (one < two.reindex(one.index)).all()


def test_diverging_dont_know_outside_the_hundred(tables, snap) -> None:
    job = jobs_of(tables, snap)["diverging_r_short_2017"]
    seg = job.data[job.data["layer"] == "segment"]
    widths = (seg["xmax"] - seg["xmin"]).groupby(seg["region_code"]).sum()
    assert np.allclose(widths, 100.0)
    dk = job.data[job.data["layer"] == "dont_know"]
    assert len(dk) == 4 and dk["text"].str.endswith("%").all()


def test_diverging_small_shares_unlabelled_and_change_sides(tables, snap) -> None:
    jobs = jobs_of(tables, snap)
    seg = jobs["diverging_r_short_2017"].data.query("layer == 'segment'")
    assert (seg.loc[seg["share"] < 5, "text"] == "").all()
    assert (seg.loc[seg["share"] >= 5, "text"] != "").all()
    change = jobs["diverging_c_one_2017"].data.query("layer == 'segment'")
    worsened = change[change["code"] == 3]
    improved = change[change["code"] == 1]
    assert (worsened["xmax"] <= 0).all() and (improved["xmin"] >= 0).all()


def test_diverging_suppressed_bar_left_out(tables, snap) -> None:
    job = jobs_of(tables, snap)["diverging_r_long_2017"]
    assert "16" not in set(job.data["region_code"])
    assert job.suppressed_cells == 1
    assert "Alle 5 vastaajan" in job.kwargs["caption"]


# --- heatmap ---------------------------------------------------------------------------------


@pytest.mark.parametrize("min_cell", [5, 3])
def test_heatmap_marks_suppressed_cells(tables, snap, min_cell: int) -> None:
    cfg = ct.config()
    cfg = replace(cfg, analyse=replace(cfg.analyse, min_cell=min_cell))
    job = {j.id: j for j in plan_barometer_charts(tables, snap, cfg, "fi")}["heatmap_r_short_2017"]
    data = job.data
    assert "estimate" not in data.columns and "ci_low" not in data.columns
    cell = data[(data["region_code"] == "16") & (data["group_code"] == "2")]
    assert cell["text"].tolist() == [f"<{min_cell}"]
    secondary = data[(data["region_code"] == "16") & (data["group_code"] == "1")]
    assert secondary["text"].tolist() == ["×"]
    shown = data[~data["suppressed"]]
    assert shown["text"].str.match(r"^−?\d+,\d$").all()  # Finnish decimal comma
    assert job.suppressed_cells == 2 and f"<{min_cell}" in job.kwargs["caption"]


# --- significance, footer, wrapping ----------------------------------------------------------


def test_significance_markers_follow_p_adjusted(tables, snap) -> None:
    job = jobs_of(tables, snap)["regional_dots_wellbeing_2017"]
    labels = dict(zip(job.data["item"], job.data["label"].astype(str), strict=False))
    assert labels["r_short"].endswith("*")  # wald_means p_adjusted 0.01
    assert labels["r_long"].endswith("†") and "*" not in labels["r_long"]  # adjusted only
    assert "BH-korjattu p < 0,05" in job.kwargs["subtitle"]
    assert "vastaajajoukko" in job.kwargs["subtitle"]


def test_significance_uses_rao_scott_for_shares(tables, snap) -> None:
    ctx = context(snap, ct.config(statistic="top2_share"), "en")
    tests = tables["tests"].copy()
    tests.loc[(tests["item"] == "r_short") & (tests["test"] == "rao_scott_F"), "p_adjusted"] = 0.9
    sig = common.significance(tests, ctx, 2017, ["r_short", "r_long"], "top2_share")
    assert not sig.loc["r_short", "region"] and sig.loc["r_long", "adjusted"]
    sig_mean = common.significance(tests, ctx, 2017, ["r_short"], "mean")
    assert sig_mean.loc["r_short", "region"]


def test_footer_has_question_n_source_round(tables, snap) -> None:
    for job in jobs_of(tables, snap, "en").values():
        caption = job.kwargs["caption"].replace("\n", " ")
        assert "Source: test data" in caption, job.id
        assert "n = " in caption and "respondents" in caption, job.id
        assert "Round" in caption, job.id
        question = "Change?" if "c_one" in job.items else "Rate well-being"
        assert question in caption, job.id


def test_long_labels_wrapped(tables, snap) -> None:
    job = jobs_of(tables, snap)["regional_dots_wellbeing_2017"]
    label = job.data.loc[job.data["item"] == "r_long", "label"].astype(str).iloc[0]
    assert "\n" in label and all(len(line) <= 30 for line in label.split("\n"))
    assert label.replace("\n", " ").startswith(ct.LONG_FI)


def test_no_suppressed_value_reaches_chart_data(tables, snap) -> None:
    keys = ["round", "item", "statistic", "region_code", "group_code"]
    hidden = tables["estimates"].loc[tables["estimates"]["suppressed"], keys]
    blocked_bars = tables["distributions"].query("suppressed")[["item", "region_code"]]
    for job in jobs_of(tables, snap).values():
        data = job.data
        if "estimate" in data.columns:
            assert data["estimate"].notna().all(), job.id
            assert data.merge(hidden, on=keys).empty, job.id
        if job.family == "diverging":
            assert data.merge(blocked_bars, on=["item", "region_code"]).empty, job.id


# --- rendering, manifest, stage --------------------------------------------------------------


def test_render_twice_is_byte_identical_and_stale_files_go(tables, snap, tmp_path: Path) -> None:
    from pipeline.charts.render import manifest, remove_stale, render_jobs, write_manifest

    jobs = list(jobs_of(tables, snap).values())[:2]
    old = tmp_path / "fi" / "overview_fi.png"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    render_jobs(jobs, tmp_path, 40, 50, workers=1, progress=False)
    first = (tmp_path / jobs[0].png).read_bytes()
    render_jobs(jobs, tmp_path, 40, 50, workers=1, progress=False)
    assert (tmp_path / jobs[0].png).read_bytes() == first
    assert (tmp_path / jobs[0].png_print).is_file()
    write_manifest(jobs, ["fi"], tmp_path)
    assert remove_stale(tmp_path, jobs) == [old]
    written = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(manifest(jobs, ["fi"])))
    ids = [(e["language"], e["id"]) for e in written["charts"]]
    assert ids == sorted(ids)


def test_unknown_heatmap_item_is_a_user_error(tmp_path: Path, snap) -> None:
    from pipeline import stages
    from pipeline.errors import UserError
    from pipeline.io.writers import write_json, write_table

    processed = tmp_path / "processed"
    for name, table in ct.tables().items():
        write_table(table, processed, name)
    write_json(snap, processed / "codebook.json")
    paths = stages.Paths(tmp_path / "raw", processed, tmp_path / "reports")
    with pytest.raises(UserError, match="heatmap_items"):
        stages.figures(ct.config(heatmap_items=("nope",)), paths)


# --- any number of rounds --------------------------------------------------------------------

ROUND_SETS = {2: (2017, 2021), 3: (2012, 2017, 2021), 4: (2009, 2012, 2017, 2021)}


def tables_of_rounds(n: int, drop_first: str = "r_long") -> dict[str, pd.DataFrame]:
    """Tables of ``n`` rounds in which ``drop_first`` was not asked in the first round."""
    rounds = ROUND_SETS[n]
    data = ct.tables(rounds=rounds)
    out = {}
    for name, table in data.items():
        if name == "changes":
            gone = (table["item"] == drop_first) & (table["round_from"] == rounds[0])
        else:
            gone = (table["item"] == drop_first) & (table["round"] == rounds[0])
        out[name] = table[~gone].reset_index(drop=True)
    return out


@pytest.mark.parametrize("n", sorted(ROUND_SETS))
def test_every_family_plans_for_any_number_of_rounds(n: int) -> None:
    rounds = ROUND_SETS[n]
    data = tables_of_rounds(n)
    jobs = plan_barometer_charts(data, ct.snapshot(rounds=rounds), ct.config(), "fi")
    latest = rounds[-1]
    families = {j.family for j in jobs}
    assert families == {
        "diverging", "regional_dots", "ranking", "balance", "trend", "heatmap"
    }  # fmt: skip
    for job in jobs:
        if job.family != "trend":
            assert job.rounds == (latest,), job.id
            assert set(job.data["round"].dropna()) <= {latest}, job.id
    trend = {j.id: j for j in jobs}["trend_wellbeing"]
    assert trend.rounds == rounds and trend.kwargs["rounds"] == list(rounds)
    # the item missing from the first round has no point there, the other one has
    first = trend.data[trend.data["round"] == rounds[0]]
    assert set(first["item"]) == {"r_short"}
    assert set(trend.data[trend.data["round"] == latest]["item"]) == {"r_short", "r_long"}


@pytest.mark.parametrize("n", sorted(ROUND_SETS))
def test_trend_time_axis_whole_scale_and_clear_change_markers(n: int) -> None:
    rounds = ROUND_SETS[n]
    jobs = plan_barometer_charts(tables_of_rounds(n), ct.snapshot(rounds=rounds), ct.config(), "fi")
    trend = {j.id: j for j in jobs}["trend_wellbeing"]
    data = trend.data
    # x in years: each point within a fraction of the shortest gap of its round
    gap = min(b - a for a, b in itertools.pairwise(rounds))
    assert ((data["x"] - data["round"]).abs() <= gap * 0.3 / 2 + 1e-9).all()
    # whole 1-5 scale on the y axis, titled from the scale
    assert trend.kwargs["limits"][0] < 1 and trend.kwargs["limits"][1] > 5
    assert trend.kwargs["breaks"] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert trend.kwargs["y_title"] == "Keskiarvo (1–5)"
    # rings exactly where changes.p_adjusted says the change from the previous round is clear
    marked = data[data["changed"]]
    assert set(marked["item"]) == {"r_short"} and set(marked["round"]) == {rounds[-1]}
    assert set(marked["region_code"]) == {"ALL", "14", "15", "16"}
    assert "selvä muutos edellisestä kierroksesta" in trend.kwargs["subtitle"]
    # the change chart (balance) uses -100..100
    change = {j.id: j for j in jobs}["trend_change"]
    assert change.kwargs["limits"] == (-100.0, 100.0)
    trend.build(trend.data, **trend.kwargs).draw()


def test_trend_without_p_adjusted_marks_nothing(tables, snap) -> None:
    data = {**tables, "changes": tables["changes"].drop(columns="p_adjusted")}
    trend = jobs_of(data, snap)["trend_wellbeing"]
    assert not trend.data["changed"].any()
    assert "selvä muutos" not in trend.kwargs["subtitle"]
