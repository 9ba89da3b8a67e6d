"""The generated raw folders of any round years (tests/rounds_fixture.py): deterministic,
readable by ingest, with the item sets and the changes of the example's model."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers.stage_run import run_stage
from rounds_fixture import (
    DROPPED_ITEM,
    FIVE_ROUNDS,
    NEW_ITEM,
    THREE_ROUNDS,
    write_params,
    write_raw_rounds,
)

from pipeline.codebook import load_codebook

PER_ROUND = 172


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five rounds through ingest and analyse."""
    root = tmp_path_factory.mktemp("five")
    raw = write_raw_rounds(root / "raw", FIVE_ROUNDS)
    params = write_params(root / "params.yaml")
    assert run_stage("ingest", root, params=params, raw=raw) == 0
    assert run_stage("analyse", root, params=params, raw=raw) == 0
    return root


def test_same_files_every_time(tmp_path: Path) -> None:
    a = write_raw_rounds(tmp_path / "a", THREE_ROUNDS, web_years=[2013])
    b = write_raw_rounds(tmp_path / "b", THREE_ROUNDS, web_years=[2013])
    assert _digests(a) == _digests(b)
    assert sorted(p.name for p in (a / "barometer").iterdir()) == [
        "barometri_2011.sav",
        "barometri_2013_fi.xlsx",
        "barometri_2015.sav",
        "codebook.yaml",
    ]
    other = write_raw_rounds(tmp_path / "c", THREE_ROUNDS, seed=1, web_years=[2013])
    assert (
        _digests(other)["barometer/barometri_2011.sav"]
        != _digests(a)["barometer/barometri_2011.sav"]
    )


def test_three_rounds_ingest_with_varying_items(tmp_path: Path) -> None:
    raw = write_raw_rounds(tmp_path / "raw", THREE_ROUNDS, web_years=[2013])
    book = load_codebook(raw / "barometer" / "codebook.yaml")
    assert [e.round for e in book.exports] == list(THREE_ROUNDS)
    params = write_params(tmp_path / "params.yaml")
    assert run_stage("ingest", tmp_path, params=params, raw=raw) == 0
    resp = pd.read_parquet(tmp_path / "processed" / "responses.parquet")
    people = resp.drop_duplicates(["round", "respondent_id"])
    assert people.groupby("round").size().to_dict() == dict.fromkeys(THREE_ROUNDS, PER_ROUND)
    rounds = resp.groupby("item", observed=True)["round"].unique()
    assert sorted(rounds[NEW_ITEM]) == [2013, 2015]
    assert sorted(rounds[DROPPED_ITEM]) == [2011, 2013]
    assert len(rounds) == 27
    pop = pd.read_csv(raw / "reference" / "population.csv")
    assert sorted(pop["round"].unique()) == list(THREE_ROUNDS) and len(pop) == 3 * 15


def test_items_can_stay_the_same(tmp_path: Path) -> None:
    raw = write_raw_rounds(tmp_path / "raw", (2011, 2013), vary_items=False)
    book = yaml.safe_load((raw / "barometer" / "codebook.yaml").read_text(encoding="utf-8"))
    assert all(len(e["items"]) == 27 for e in book["exports"])


def test_bad_years_are_refused(tmp_path: Path) -> None:
    for years in ([], [2011, 2011], [2005, 2011]):
        with pytest.raises(ValueError, match="round years"):
            write_raw_rounds(tmp_path / "x", years)


def test_five_rounds_give_every_consecutive_change(five: Path) -> None:
    changes = pd.read_parquet(five / "processed" / "changes.parquet")
    pairs = set(zip(changes["round_from"], changes["round_to"], strict=True))
    consecutive = set(itertools.pairwise(FIVE_ROUNDS))
    assert consecutive <= pairs
    carers = changes[changes["item"] == NEW_ITEM]
    assert set(carers["round_from"]) >= {2012, 2015, 2018}
    assert 2009 not in set(carers["round_from"])
    assert 2021 not in set(changes.loc[changes["item"] == DROPPED_ITEM, "round_to"])


def test_five_rounds_carry_the_model_trend(five: Path) -> None:
    est = pd.read_parquet(five / "processed" / "estimates.parquet")
    mean = est[
        (est["design"] == "weighted")
        & (est["statistic"] == "mean")
        & (est["region_code"] == "ALL")
        & (est["group_code"] == "ALL")
    ].drop_duplicates(["item", "round"])
    by = mean.set_index(["item", "round"])["estimate"]
    assert by[("wb_unemployed", 2009)] - by[("wb_unemployed", 2021)] > 0.4
    assert by[("sv_mental_health", 2009)] - by[("sv_mental_health", 2021)] > 0.3
    assert abs(by[("wb_children", 2009)] - by[("wb_children", 2021)]) < 0.25
