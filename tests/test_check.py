"""`barometer check --raw DIR`: the stages' validations on a raw folder, nothing written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers.stage_run import run_stage

from pipeline.cli import main

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "data" / "raw"
PARAMS = ROOT / "params.yaml"


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder below ``folder`` with its size and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.stat()
            out[str(p.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return out


def error_lines(err: str) -> list[str]:
    """stderr without the data warnings of the example (double submissions and the like)."""
    return [line for line in err.splitlines() if " WARNING " not in line]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(EXAMPLE, target)
    return target


def check(raw: Path, capsys: pytest.CaptureFixture[str], params: Path = PARAMS) -> tuple:
    capsys.readouterr()
    code = main(["check", "-q", "--raw", str(raw), "--params", str(params)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_on_the_example_prints_a_table_per_export_and_writes_nothing(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before, before_cwd = tree(raw), tree(tmp_path)
    code, out, err = check(raw, capsys)
    assert code == 0, err
    assert tree(raw) == before and tree(tmp_path) == before_cwd  # no file, no temp, no folder
    # only the example's data warnings (double submissions, merged municipalities), each once
    warnings = [line.split(" ", 1)[1] for line in err.splitlines()]
    assert warnings and all(w.startswith("WARNING ") for w in warnings), err
    assert len(warnings) == len(set(warnings)), err
    assert any("exact double submission" in w for w in warnings)
    # the same numbers as the ingest stage writes to its metrics
    out_dirs = {"processed": tmp_path / "p", "reports": tmp_path / "r"}
    assert run_stage("ingest", tmp_path, params=PARAMS, **out_dirs) == 0  # raw: tmp_path / "raw"
    metrics = json.loads((tmp_path / "r" / "metrics" / "ingest.json").read_text("utf-8"))
    tables = out.split("\n\n")
    assert len(metrics["files"]) == len(tables) - 1 >= 3
    for file, m in metrics["files"].items():
        table = next(t for t in tables if t.startswith(file))
        assert f"respondents   {m['respondents']}\n" in table
        assert f"rows          {m['rows_read']}" in table
        share = float(table.split("don't know    ")[1].split(" %")[0])
        assert 5 < share < 15
        items = table.split("items mapped  ")[1].split("\n")[0]
        assert int(items) >= 25
        if m["rows_dropped"] == 0:
            assert "dropped rows  none" in table
    responses = pd.read_parquet(tmp_path / "p" / "responses.parquet")
    assert f"ingest: {metrics['respondents']} respondents, {len(responses)} response rows" in out
    rounds = len(metrics["respondents_by_round"])
    assert "activation: 2 exports" in out
    assert f"analyse: {rounds} rounds x 4 designs" in out
    assert out.rstrip().endswith("check: OK (nothing written)")


def test_broken_codebook_gives_the_ingest_error_line(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cb = raw / "barometer" / "codebook.yaml"
    cb.write_text(cb.read_text(encoding="utf-8").replace("wb_young: q1_2", "wb_young: q1_22"))
    before = tree(raw)
    code, out, err = check(raw, capsys)
    assert code == 2 and out == ""
    assert len(error_lines(err)) == 1 and "variable q1_22: not found in the file" in err
    assert tree(raw) == before
    out_dirs = {"processed": tmp_path / "p", "reports": tmp_path / "r"}
    ingest = run_stage("ingest", tmp_path, params=PARAMS, **out_dirs)  # raw: tmp_path / "raw"
    assert ingest == 2
    assert capsys.readouterr().err == err  # the same one line as the stage


def test_missing_population_cell_gives_the_analyse_error(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pop = raw / "reference" / "population.csv"
    lines = pop.read_text(encoding="utf-8").splitlines(keepends=True)
    pop.write_text("".join(line for line in lines if not line.startswith("barometer,2017,15,3,")))
    code, out, err = check(raw, capsys)
    assert code == 2 and out == ""
    assert len(error_lines(err)) == 1
    assert "population.csv, survey barometer, round 2017, region 15, group 3" in err


def test_broken_activation_export_and_params_are_caught(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = tmp_path / "params.yaml"
    params.write_text(PARAMS.read_text(encoding="utf-8").replace("min_cell: 5", "min_cel: 5"))
    code, _, err = check(raw, capsys, params)
    assert code == 2 and len(error_lines(err)) == 1 and "min_cel" in err
    act = sorted((raw / "activation").glob("*.csv")) + sorted((raw / "activation").glob("*.xlsx"))
    assert act, "the example has activation exports"
    act[0].unlink()
    code, _, err = check(raw, capsys)
    assert code == 2 and len(error_lines(err)) == 1 and act[0].name in err


def test_raw_folder_without_codebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    (raw / "barometer").mkdir(parents=True)
    shutil.copytree(EXAMPLE / "reference", raw / "reference")
    code, _, err = check(raw, capsys)
    assert code == 2 and "codebook not found" in err and "codebook draft" in err
    assert sorted(p.name for p in raw.iterdir()) == ["barometer", "reference"]


def test_check_on_a_fresh_draft_counts_its_unconfirmed_guesses(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cb = raw / "barometer" / "codebook.yaml"
    cb.unlink()
    assert main(["codebook", "draft", "--raw", str(raw), "-o", str(cb)]) == 0
    lines = cb.read_text("utf-8").splitlines()
    guesses = sum(1 for line in lines if line.lstrip().startswith("# check:"))
    assert guesses >= 10
    code, out, err = check(raw, capsys)
    assert code == 0, err
    assert f"{guesses} `# check:` lines of the draft not confirmed yet" in out
    assert out.rstrip().endswith("check: OK (nothing written)")


def test_weight_share_limit_of_the_params_is_the_one_ingest_uses(
    raw: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """check hands ingest the params' analyse.max_weight_share, as the ingest stage does (the
    example's weights pass every sensible limit, so the call is recorded)."""
    import pipeline.ingest.core as core

    seen: list[dict] = []
    real = core.ingest_survey

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(core, "ingest_survey", recording)
    params = tmp_path / "params.yaml"
    text = PARAMS.read_text(encoding="utf-8")
    assert "max_weight_share: 0.2 " in text
    params.write_text(text.replace("max_weight_share: 0.2 ", "max_weight_share: 0.35"))
    out_dirs = {"processed": tmp_path / "p", "reports": tmp_path / "r"}
    assert run_stage("ingest", tmp_path, params=params, **out_dirs) == 0  # raw: tmp_path / "raw"
    code, _, err = check(raw, capsys, params)
    assert code == 0, err
    assert [k["max_weight_share"] for k in seen] == [0.35, 0.35]
