"""What the pipeline makes of the four-round example (data/raw/): ingest and analyse run on
it once, and the results are checked against facts of the raw files - respondents per round
after the double submissions, Isokyrö's region, Jalasjärvi's stale code, the item sets, the
reversed 2009 rating scales, and the changes the example's model carries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml
from helpers.stage_run import run_stage

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BARO = RAW / "barometer"
PARAMS = ROOT / "params.yaml"
RESPONDENTS = {"2009": 386, "2012": 450, "2017": 353, "2021": 330}
REVERSED = {1: 5, 2: 4, 4: 2, 5: 1}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example_rounds")
    assert run_stage("ingest", folder, params=PARAMS, raw=RAW) == 0
    assert run_stage("analyse", folder, params=PARAMS, raw=RAW) == 0
    return folder


@pytest.fixture(scope="module")
def responses(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "processed" / "responses.parquet")


@pytest.fixture(scope="module")
def means(out: Path) -> pd.DataFrame:
    """Weighted estimates for all regions and groups: (item, statistic) x round."""
    est = pd.read_parquet(out / "processed" / "estimates.parquet")
    est = est[(est["design"] == "weighted") & (est["region_code"] == "ALL")]
    est = est[(est["group_code"] == "ALL") & (est["statistic"].isin(["mean", "balance"]))]
    return est.drop_duplicates(["item", "statistic", "round"]).set_index(
        ["item", "statistic", "round"]
    )


def _codebook() -> dict:
    return yaml.safe_load((BARO / "codebook.yaml").read_text(encoding="utf-8"))


def _sav_2009() -> tuple[pd.DataFrame, dict]:
    df, _ = pyreadstat.read_sav(str(BARO / "barometri_2009.sav"), user_missing=True)
    export = next(e for e in _codebook()["exports"] if e["round"] == 2009)
    return df, export


# --------------------------------------------------------------------------- respondents


def test_respondents_per_round_after_dropping_double_submissions(out: Path) -> None:
    metrics = json.loads((out / "reports" / "metrics" / "ingest.json").read_text())
    assert metrics["respondents_by_round"] == RESPONDENTS
    assert metrics["exact_duplicates_dropped"] == 2
    files = metrics["files"]
    assert files["barometri_2021_fi.xlsx"]["rows_read"] == 239
    assert files["barometri_2021_fi.xlsx"]["respondents"] == 238
    assert files["barometri_2021_sv.csv"]["respondents"] == 92
    dropped = pd.read_csv(out / "processed" / "dropped_rows.csv")
    assert sorted(dropped["file"]) == ["barometri_2021_fi.xlsx", "barometri_2021_sv.csv"]
    assert dropped["reason"].str.startswith("exact duplicate of row").all()


def test_isokyro_counts_for_etela_pohjanmaa_in_every_round(responses: pd.DataFrame) -> None:
    """Pohjanmaa (15) in the 2009 and 2012 files, Etelä-Pohjanmaa (14) from 2021; with
    classification_year 2021 every round places it in 14."""
    iso = responses[responses["municipality_code"] == "152"].drop_duplicates(
        ["round", "respondent_id"]
    )
    assert sorted(iso["round"].unique()) == [2009, 2012, 2017, 2021]
    assert set(iso["region_code"]) == {"14"}
    df, export = _sav_2009()
    raw_iso = df[df[export["municipality"]] == 152]
    assert set(raw_iso[export["region"]]) == {15}
    assert (iso["round"] == 2009).sum() == len(raw_iso)


def test_jalasjarvi_stale_code_is_mapped_to_kurikka(out: Path, responses: pd.DataFrame) -> None:
    metrics = json.loads((out / "reports" / "metrics" / "ingest.json").read_text())
    assert metrics["files"]["barometri_2021_fi.xlsx"]["stale_municipality_codes"] == 3
    assert metrics["stale_municipality_codes"] == 3
    people = responses.drop_duplicates(["round", "respondent_id"])
    assert "164" not in set(people["municipality_code"])
    kurikka_2021 = people[(people["round"] == 2021) & (people["municipality_code"] == "301")]
    # the raw 2021 files: Kurikka's own code plus the three stale Jalasjärvi codes
    from test_example_data import _export, _web_body

    raw = [
        str(r[_export(name)["municipality"] - 1])
        for name in ("barometri_2021_fi.xlsx", "barometri_2021_sv.csv")
        for r in _web_body(name)
    ]
    assert raw.count("164") == 3
    assert len(kurikka_2021) == raw.count("301") + raw.count("164")
    assert set(kurikka_2021["region_code"]) == {"14"}


def test_item_sets_differ_between_rounds(responses: pd.DataFrame) -> None:
    rounds = responses.groupby("item", observed=True)["round"].unique()
    assert sorted(rounds["wb_carers"]) == [2017, 2021]
    assert sorted(rounds["sv_adult_social_work"]) == [2009, 2012, 2017]
    assert sorted(rounds["wb_unemployed"]) == [2009, 2012, 2017, 2021]


# --------------------------------------------------------------------------- 2009 coding


def test_reversed_2009_scale_is_read_right(means: pd.DataFrame) -> None:
    """A weighted mean computed from the raw 2009 file, flipping the rating codes by hand,
    equals the pipeline's; the change items are not flipped (their balance matches too)."""
    df, export = _sav_2009()
    weight = df[export["weight"]].to_numpy(float)
    book = _codebook()
    checked = 0
    for item, var in export["items"].items():
        kind = book["scales"][book["items"][item]["scale"]]["kind"]
        codes = df[var].to_numpy(float)
        valid = np.isin(codes, [1, 2, 3, 4, 5] if kind == "rating" else [1, 2, 3])
        w = weight[valid]
        if kind == "rating":
            flipped = np.array([REVERSED.get(int(c), int(c)) for c in codes[valid]])
            expected = float(np.sum(w * flipped) / np.sum(w))
            got = means.loc[(item, "mean", 2009), "estimate"]
        else:
            share = np.sum(w * (codes[valid] == 1)) - np.sum(w * (codes[valid] == 3))
            expected = float(share / np.sum(w) * 100)
            got = means.loc[(item, "balance", 2009), "estimate"]
        assert got == pytest.approx(expected, rel=1e-9), item
        checked += 1
    assert checked == 26
    # the flip matters: read as coded, children's well-being would be 2.4 instead of 3.6
    children = means.loc[("wb_children", "mean", 2009), "estimate"]
    assert children > 3.3 and (6 - children) < 2.7


def test_forgotten_recode_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    path = raw / "barometer" / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    block = (
        "    recode:\n"
        "      wellbeing5: {1: 5, 2: 4, 4: 2, 5: 1}\n"
        "      adequacy5: {1: 5, 2: 4, 4: 2, 5: 1}\n"
    )
    assert text.count(block) == 1
    path.write_text(text.replace(block, ""), encoding="utf-8")
    capsys.readouterr()
    assert run_stage("ingest", tmp_path / "out", params=PARAMS, raw=raw) == 2
    err = capsys.readouterr().err
    assert "barometri_2009.sav" in err and "k1_1" in err
    assert "recode: {wellbeing5: {1: 5, 2: 4, 4: 2, 5: 1}}" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "processed" / "responses.parquet").exists()


# --------------------------------------------------------------------------- trends


def _mean(means: pd.DataFrame, item: str, rnd: int, col: str = "estimate") -> float:
    stat = "balance" if item.startswith("ch_") else "mean"
    return float(means.loc[(item, stat, rnd), col])


@pytest.mark.parametrize(
    ("item", "direction"),
    [
        ("wb_unemployed", -1),
        ("wb_older", -1),
        ("wb_low_income", -1),
        ("sv_mental_health", -1),
        ("sv_child_welfare", -1),
        ("wb_children", 0),
        ("wb_families", 0),
        ("sv_disability", 0),
    ],
)
def test_model_carries_clear_change_from_2009_to_2021(
    means: pd.DataFrame, item: str, direction: int
) -> None:
    """Items that worsen clearly (the 95 % intervals of 2009 and 2021 do not overlap) and
    items that stay put, so trend findings have something to say and something to leave out."""
    first, last = _mean(means, item, 2009), _mean(means, item, 2021)
    if direction:
        assert last < first - 0.3
        assert _mean(means, item, 2021, "ci_high") < _mean(means, item, 2009, "ci_low")
    else:
        assert abs(last - first) < 0.15


def test_unemployed_worsened_to_2012_and_then_stayed(means: pd.DataFrame) -> None:
    values = [_mean(means, "wb_unemployed", r) for r in (2009, 2012, 2017, 2021)]
    assert values[0] - values[1] > 0.4
    assert abs(values[3] - values[2]) < 0.2
    assert _mean(means, "ch_unemployed", 2017) > 0 > _mean(means, "ch_unemployed", 2021)
