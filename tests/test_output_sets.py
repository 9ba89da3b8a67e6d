"""A stage replaces its output set all-or-nothing: a stage that fails after its first write
leaves every previous output intact (and no temporary folder behind); and a `min_cell` larger
than every n runs through (it crashed in the trend table)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
from helpers.stage_run import run_stage
from minidata import make_raw

import pipeline.io.writers as writers
from pipeline.io.writers import output_set, staged_dirs, write_json


def run(root: Path, stage: str) -> int:
    return run_stage(stage, root)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = make_raw(tmp_path)
    assert run(root, "ingest") == 0
    assert run(root, "analyse") == 0
    return root


def set_min_cell(root: Path, value: int) -> None:
    params = root / "params.yaml"
    text = params.read_text()
    assert "min_cell: 1" in text
    params.write_text(text.replace("min_cell: 1", f"min_cell: {value}"))


def fail_after_first_write(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Path]:
    """Let the first call of writers.<name> write, then fail the next one."""
    real = getattr(writers, name)
    calls: list[Path] = []

    def flaky(*args, **kwargs):
        if calls:
            raise RuntimeError("disk full (simulated)")
        calls.append(real(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(writers, name, flaky)
    return calls


@pytest.mark.parametrize(
    ("stage", "writer"), [("analyse", "write_table"), ("ingest", "write_json")]
)
def test_failing_stage_keeps_previous_outputs(
    mini: Path, monkeypatch: pytest.MonkeyPatch, stage: str, writer: str
) -> None:
    before = digest(mini / "processed") | {
        f"reports/{k}": v for k, v in digest(mini / "reports").items()
    }
    # a real change, so that the new outputs would differ
    set_min_cell(mini, 3)
    monkeypatch.setenv("BAROMETER_SALT", "another-salt")
    calls = fail_after_first_write(monkeypatch, writer)
    assert run(mini, stage) == 1
    assert calls, "the stage wrote its first table before failing"
    after = digest(mini / "processed") | {
        f"reports/{k}": v for k, v in digest(mini / "reports").items()
    }
    assert after == before
    leftovers = [p for p in mini.rglob(".staging-*")]
    assert leftovers == []


def test_successful_stage_replaces_outputs(mini: Path) -> None:
    old = (mini / "processed" / "estimates.csv").read_bytes()
    set_min_cell(mini, 3)
    assert run(mini, "analyse") == 0
    assert (mini / "processed" / "estimates.csv").read_bytes() != old
    assert list(mini.rglob(".staging-*")) == []


def test_min_cell_above_every_n(mini: Path) -> None:
    set_min_cell(mini, 100_000)
    assert run(mini, "analyse") == 0
    est = pd.read_parquet(mini / "processed" / "estimates.parquet")
    assert est["suppressed"].all() and est["estimate"].isna().all()
    trend = pd.read_csv(mini / "reports" / "plots" / "trend.csv", dtype={"round": int})
    assert list(trend.columns[:2]) == ["round", "ALL"]
    assert trend["round"].tolist() == sorted(est["round"].unique().tolist())
    assert trend.drop(columns="round").isna().all().all()
    metrics = json.loads((mini / "reports" / "metrics" / "analysis.json").read_text())
    assert metrics["changes_significant"] == 0
    assert metrics["suppressed_cells"] == metrics["suppressed_primary"] > 0


def test_output_set_moves_files_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    write_json({"v": 1}, target)
    with pytest.raises(RuntimeError), output_set():
        write_json({"v": 2}, target)
        write_json({"v": 2}, tmp_path / "out" / "b.json")
        assert json.loads(target.read_text()) == {"v": 1}  # not yet in place
        raise RuntimeError("boom")
    assert json.loads(target.read_text()) == {"v": 1}
    assert not (tmp_path / "out" / "b.json").exists()
    with output_set():
        write_json({"v": 3}, target)
        write_json({"v": 3}, tmp_path / "out" / "b.json")
    assert json.loads(target.read_text()) == {"v": 3}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json", "b.json"]


def test_staged_dirs_swap_whole_folders(tmp_path: Path) -> None:
    figures = tmp_path / "reports" / "figures"
    (figures / "fi").mkdir(parents=True)
    (figures / "fi" / "old.png").write_bytes(b"old")
    (figures / "fi" / "kept.png").write_bytes(b"kept")
    with pytest.raises(RuntimeError), staged_dirs(figures) as (staged,):
        (staged / "fi" / "old.png").unlink()
        (staged / "fi" / "new.png").write_bytes(b"new")
        raise RuntimeError("render failed")
    assert digest(figures) == {
        "fi/old.png": hashlib.sha256(b"old").hexdigest(),
        "fi/kept.png": hashlib.sha256(b"kept").hexdigest(),
    }
    with staged_dirs(figures) as (staged,):
        (staged / "fi" / "old.png").unlink()
        (staged / "fi" / "new.png").write_bytes(b"new")
    assert sorted(digest(figures)) == ["fi/kept.png", "fi/new.png"]
    assert sorted(p.name for p in figures.parent.iterdir()) == ["figures"]
