"""The DVC pipeline as researchers use it, in a temporary copy of the repository with its own
git and DVC: a full `dvc repro` (which must give the bytes of the session's `barometer run`),
a no-op repro, which stages a change reruns, an experiment sweep, `dvc metrics show`, and a
push / clone / pull round trip through a local remote."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers.example_run import CACHE, digests, seed_cache

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

if shutil.which("dvc") is None or shutil.which("git") is None:  # pragma: no cover
    pytest.skip("dvc and git are needed", allow_module_level=True)


def sh(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DVC_NO_ANALYTICS": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def tracked_files() -> list[str]:
    out = sh(REPO, "git", "ls-files", "--cached", "--others", "--exclude-standard").stdout
    return [line for line in out.splitlines() if line and (REPO / line).is_file()]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, example_run: Path) -> Path:
    """A copy of the working tree (as git sees it) with a fresh git history, after `dvc repro`.
    Its chart cache is seeded from the session's run of the example (same code, params and
    data) with all but every eighth chart: the figures stage copies those and draws the others
    (a random mix of families and languages) afresh, which must give the same bytes
    (test_repro_gives_the_bytes_of_barometer_run)."""
    root = tmp_path_factory.mktemp("dvcproj") / "repo"
    for rel in tracked_files():
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dest)
    seeded = seed_cache(example_run, root / CACHE, leave_out_every=8)
    assert 100 < seeded < len(list((example_run / CACHE).glob("??/*.chart")))
    (root.parent / "seeded").write_text(str(seeded), encoding="utf-8")
    sh(root, "git", "init", "-q")
    sh(root, "git", "add", "-A")
    sh(root, "git", "commit", "-qm", "copy")
    repro = sh(root, "dvc", "repro")
    (root.parent / "repro.log").write_text(repro.stdout + repro.stderr, encoding="utf-8")
    sh(root, "git", "add", "-A")
    sh(root, "git", "commit", "-qm", "repro", "--allow-empty")
    return root


def stages_to_run(root: Path) -> set[str]:
    """Stages `dvc status` reports as changed (what `dvc repro` would run)."""
    out = sh(root, "dvc", "status", "--json").stdout
    import json

    return set(json.loads(out or "{}"))


def set_param(root: Path, dotted: str, value: object) -> object:
    path = root / "params.yaml"
    data = yaml.safe_load(path.read_text())
    node = data
    *parents, last = dotted.split(".")
    for p in parents:
        node = node[p]
    old = node[last]
    node[last] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return old


def test_repro_outputs_and_noop(project: Path) -> None:
    for name in ("responses", "estimates", "tests", "changes", "distributions"):
        assert (project / "data/processed" / f"{name}.parquet").is_file()
    assert list((project / "reports/figures").rglob("*.png"))
    log = (project.parent / "repro.log").read_text(encoding="utf-8")
    counts = re.search(r"figures: (\d+) charts \(fi, sv, en\): (\d+) rendered, (\d+) reused", log)
    assert counts, log[-2000:]
    charts, rendered, reused = map(int, counts.groups())
    seeded = int((project.parent / "seeded").read_text(encoding="utf-8"))
    assert charts > 100 and (rendered, reused) == (charts - seeded, seeded)
    assert len(list((project / CACHE).glob("??/*.chart"))) == charts  # the drawn ones stored
    proc = sh(project, "dvc", "repro")
    assert "up to date" in proc.stdout.lower() or "didn't change" in proc.stdout.lower()
    assert stages_to_run(project) == set()


def test_repro_gives_the_bytes_of_barometer_run(project: Path, example_run: Path) -> None:
    """`dvc repro` (one process per stage, an eighth of the charts drawn afresh, the rest from
    the chart cache) writes exactly the bytes of the session's `barometer run` of the same inputs:
    every table, chart, pack, workbook, metric and site page. tests/test_chart_cache.py shows
    that copied charts equal drawn ones."""
    first = digests(example_run)
    second = {
        f"{short}/{name}": digest
        for folder, short in (("data/processed", "processed"), ("reports", "reports"))
        for name, digest in digests(project / folder).items()
        if name != ".gitkeep"
    }
    assert first.keys() == second.keys()
    for kind in (".png", ".parquet", ".csv", ".pdf", ".pptx", ".xlsx", ".html", ".json"):
        assert any(name.endswith(kind) for name in first), kind
    assert [name for name in first if first[name] != second[name]] == []


def test_param_changes_rerun_only_downstream(project: Path) -> None:
    original = (project / "params.yaml").read_text()
    try:
        set_param(project, "figures.dpi", 100)
        changed = stages_to_run(project)
        assert "figures" in changed and "ingest" not in changed and "analyse" not in changed
        (project / "params.yaml").write_text(original)

        set_param(project, "analyse.min_cell", 6)
        changed = stages_to_run(project)
        assert "analyse" in changed and "ingest" not in changed
        (project / "params.yaml").write_text(original)

        csv = project / "data/raw/reference/population.csv"
        text = csv.read_text()
        csv.write_text(text + "\n")
        assert "analyse" in stages_to_run(project)
        csv.write_text(text)

        export = project / "data/raw/barometer/barometri_2017_sv.csv"
        data = export.read_bytes()
        export.write_bytes(data + b"\r\n")
        assert "ingest" in stages_to_run(project)
        export.write_bytes(data)
    finally:
        (project / "params.yaml").write_text(original)
    assert stages_to_run(project) == set()


def test_metrics_show(project: Path) -> None:
    out = sh(project, "dvc", "metrics", "show").stdout
    assert "respondents" in out and "suppressed_cells" in out


def test_experiment_sweep(project: Path) -> None:
    sh(project, "dvc", "exp", "run", "-S", "analyse.min_cell=10", "-n", "mincell10")
    out = sh(project, "dvc", "exp", "show", "--no-pager", "--csv").stdout
    assert "mincell10" in out
    assert "suppressed_cells" in out
    sh(project, "dvc", "exp", "remove", "mincell10")
    # `dvc exp run` leaves the experiment's params and outputs in the workspace: restore HEAD
    sh(project, "git", "checkout", "--", ".")
    sh(project, "dvc", "checkout", "--force")
    assert stages_to_run(project) == set()


def test_push_clone_pull_round_trip(project: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote"
    sh(project, "dvc", "remote", "add", "-f", "--local", "shared", str(remote))
    sh(project, "dvc", "push", "-r", "shared")
    clone = tmp_path / "clone"
    sh(tmp_path, "git", "clone", "-q", str(project), str(clone))
    sh(clone, "dvc", "remote", "add", "-f", "--local", "shared", str(remote))
    sh(clone, "dvc", "pull", "-r", "shared")
    for name in ("responses.parquet", "estimates.parquet", "tests.csv"):
        a = (project / "data/processed" / name).read_bytes()
        b = (clone / "data/processed" / name).read_bytes()
        assert a == b, name
    assert stages_to_run(clone) == set()  # nothing to recompute after a pull
