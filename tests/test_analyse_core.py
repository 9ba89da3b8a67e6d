"""The analyse core on the example data: one prepared design per round x design, phase
timings, change spans from the config, metrics read from the tables."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from helpers.stage_run import run_stage

import pipeline.stats.core as core
from pipeline.codebook import load_codebook_json
from pipeline.config import load_config
from pipeline.io.reference import load_reference
from pipeline.io.writers import read_table

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("core")
    raw = root / "raw"
    shutil.copytree(REPO / "data" / "raw" / "barometer", raw / "barometer")
    shutil.copytree(REPO / "data" / "raw" / "reference", raw / "reference")
    params = REPO / "params.yaml"
    assert run_stage("ingest", root, params=params, processed=root / "p", reports=root / "r") == 0
    config = load_config(REPO / "params.yaml")
    pop = load_reference(raw / "reference").population()
    codebook = load_codebook_json(root / "p" / "codebook.json")
    pop = pop[pop["survey"] == codebook.survey].drop(columns="survey")
    return read_table(root / "p", "responses"), codebook, config.analyse, pop


def test_each_design_prepared_once_per_round(inputs, monkeypatch: pytest.MonkeyPatch) -> None:
    responses, codebook, cfg, pop = inputs
    calls: list[tuple[int, str]] = []
    real = core.prepare_design

    def counted(respondents, design, population):
        calls.append((len(respondents), design.name))
        return real(respondents, design, population)

    monkeypatch.setattr(core, "prepare_design", counted)
    result = core.analyse(responses, codebook, cfg, pop)
    assert len(calls) == len(result.rounds) * len(cfg.designs)
    assert len(set(calls)) == len(calls)
    assert set(result.timings) >= {"prepare designs", "estimates", "tests", "distributions"}
    assert all(v >= 0 for v in result.timings.values())


def test_tables_and_metrics(inputs) -> None:
    responses, codebook, cfg, pop = inputs
    result = core.analyse(responses, codebook, cfg, pop)
    assert result.rounds == (2009, 2012, 2017, 2021)
    chg = result.changes
    assert {"round_from", "round_to", "span", "p_adjusted", "suppressed"} <= set(chg.columns)
    assert list(chg.columns).index("p_adjusted") == list(chg.columns).index("p_value") + 1
    assert (chg.loc[chg["suppressed"], "p_adjusted"].isna()).all()
    sig = int((chg["p_adjusted"] < 0.05).sum())
    assert result.metrics["changes_significant"] == sig
    assert sig < int((chg["p_value"] < 0.05).sum())  # adjusted, not raw
    assert set(result.distributions["design"]) == {cfg.primary_design}
    assert set(result.estimates["design"]) == {d.name for d in cfg.designs}
    assert list(result.trend.columns) == ["round", "ALL", "14", "15", "16"]


def test_changes_param_and_confidence_reach_the_table(inputs) -> None:
    responses, codebook, cfg, pop = inputs
    narrow = replace(cfg, designs=cfg.designs[:1], changes=("all_pairs",), confidence=0.9)
    result = core.analyse(responses, codebook, narrow, pop)
    chg = result.changes[~result.changes["suppressed"]]
    z = (chg["ci_high"] - chg["estimate"]) / chg["se"]
    ok = chg["se"] > 0
    assert (z[ok] - 1.6448536269514722).abs().max() < 1e-9
    # all_pairs over four rounds: every pair of rounds, named by its span
    pairs = set(zip(chg["round_from"], chg["round_to"], strict=True))
    rounds = result.rounds
    assert pairs == {(a, b) for i, a in enumerate(rounds) for b in rounds[i + 1 :]}
    spans = chg.drop_duplicates(["round_from", "round_to"]).set_index(["round_from", "round_to"])
    assert spans.loc[(2009, 2012), "span"] == "consecutive"
    assert spans.loc[(2009, 2021), "span"] == "first_last"
    assert spans.loc[(2012, 2021), "span"] == "pair"
    est = result.estimates
    assert isinstance(est, pd.DataFrame) and "ci_note" in est.columns
