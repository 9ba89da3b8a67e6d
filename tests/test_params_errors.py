"""Bad params give exit 2 with one line naming the key (analyse stage and config)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.stage_run import run_stage
from minidata import make_raw

DESIGNS = """\
designs:
  weighted: {weights: true}
  strat: {weights: true, strata: [region, group], fpc: true}
  raked: {weights: true, calibration: rake, margins: [region, group]}
"""


def run(root: Path, stage: str) -> int:
    return run_stage(stage, root)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = make_raw(tmp_path)
    params = root / "params.yaml"
    params.write_text(
        params.read_text().replace("designs:\n  weighted: {weights: true}\n", DESIGNS)
    )
    assert run(root, "ingest") == 0
    return root


def set_params(root: Path, old: str, new: str) -> None:
    p = root / "params.yaml"
    text = p.read_text()
    assert old in text
    p.write_text(text.replace(old, new))


CASES = {
    "unknown design": (
        ("design: weighted", "design: wieghted"),
        ["params.yaml", "analyse.design", "unknown design 'wieghted'"],
    ),
    "unknown compare design": (
        ("design: weighted", "design: weighted\n  compare_designs: [srs]"),
        ["analyse.compare_designs", "unknown design 'srs'"],
    ),
    "min_cell below 1": (
        ("min_cell: 1", "min_cell: 0"),
        ["analyse.min_cell", "must be at least 1"],
    ),
    "unknown CI method": (
        ("min_cell: 1", "min_cell: 1\n  ci_methods: [logit, exact]"),
        ["analyse.ci_methods", "unknown CI method 'exact'"],
    ),
    "margin that does not exist": (
        ("margins: [region, group]", "margins: [region, sex]"),
        ["designs.raked.margins", "unknown design variable 'sex'"],
    ),
    "fpc without strata": (
        ("strata: [region, group], fpc: true", "fpc: true"),
        ["designs.strat.fpc", "fpc needs strata"],
    ),
    "calibration without margins": (
        ("calibration: rake, margins: [region, group]", "calibration: rake"),
        ["designs.raked.margins", "needs margins"],
    ),
    "unknown calibration": (
        ("calibration: rake", "calibration: raking"),
        ["designs.raked.calibration", "unknown calibration 'raking'"],
    ),
    "typo in a design key": (
        ("{weights: true}", "{wieghts: true}"),
        ["designs.weighted.wieghts", "unknown key", "weights"],
    ),
    "wrong type": (("min_cell: 1", "min_cell: five"), ["analyse.min_cell", "whole number"]),
    "unknown change span": (
        ("min_cell: 1", "min_cell: 1\n  changes: [consecutive, first_to_last]"),
        ["analyse.changes", "unknown change span 'first_to_last'", "all_pairs"],
    ),
    "repeated change span": (
        ("min_cell: 1", "min_cell: 1\n  changes: [all_pairs, all_pairs]"),
        ["analyse.changes", "empty or repeated"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_params(mini: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    (old, new), fragments = CASES[case]
    set_params(mini, old, new)
    capsys.readouterr()
    assert run(mini, "analyse") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    for f in fragments:
        assert f in err, (f, err)


def test_strata_without_population_counts(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_params(mini, "design: weighted", "design: strat")
    pop = mini / "raw/reference/population.csv"
    pop.write_text(
        "\n".join(
            line for line in pop.read_text().splitlines() if not line.startswith("minibaro,2012,16")
        )
        + "\n"
    )
    capsys.readouterr()
    assert run(mini, "analyse") == 2
    err = capsys.readouterr().err
    assert "population.csv" in err and "round 2012, region 16" in err
    assert "designs.strat.fpc" in err
    assert not (mini / "processed/estimates.parquet").exists()


def test_strata_without_any_population_for_a_round(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_params(mini, "design: weighted", "design: raked")
    capsys.readouterr()
    assert run(mini, "analyse") == 2  # population.csv has no 2017 rows
    err = capsys.readouterr().err
    assert "round 2017" in err and "designs.raked.margins" in err and "no population" in err


def test_population_cell_without_respondents_names_round_and_file(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A raking failure caused by the population counts blames population.csv and the round,
    not the params file."""
    set_params(mini, "design: weighted", "design: raked")
    pop = mini / "raw/reference/population.csv"
    lines = pop.read_text().splitlines()
    extra = [ln.replace("2012", "2017", 1) for ln in lines if ln.startswith("minibaro,2012")]
    pop.write_text("\n".join([*lines, *extra, "minibaro,2012,14,3,25"]) + "\n")
    capsys.readouterr()
    assert run(mini, "analyse") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert str(pop) in err and "round 2012" in err and "designs.raked.margins" in err
    assert "population cell 3 has no respondents" in err
    assert "params.yaml" not in err
