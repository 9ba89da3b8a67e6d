"""The whole pipeline on the bundled example, run once per test session and shared by the tests
that only read its outputs (tests/test_end_to_end.py; tests/test_dvc.py seeds its project's
chart cache from it).

It runs ``barometer run`` with the repository's params.yaml (all three languages: the outputs
under test are the published ones) into a session temp folder. Its chart cache
(``OUT/.cache/charts``) then holds every chart of the example, so a second run of the same
inputs renders only what a test deletes from a copy of that cache."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
PARAMS = REPO / "params.yaml"
CACHE = Path(".cache") / "charts"  # beside the reports folder: pipeline.charts.stage


def digests(folder: Path, skip: tuple[str, ...] = (".cache",)) -> dict[str, str]:
    """sha256 of every file under ``folder`` (not the chart cache, which is no output)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in skip
    }


def run_all(out: Path, params: Path = PARAMS, *extra: str) -> int:
    return main(["run", "--raw", str(RAW), "--out", str(out), "--params", str(params), *extra])


def run_example(out: Path) -> Path:
    """Run the pipeline into ``out``; the raw folder must come out untouched."""
    raw_before = digests(RAW)
    assert run_all(out, PARAMS, "-q") == 0
    assert digests(RAW) == raw_before, "raw files were modified"
    return out


def seed_cache(out: Path, target: Path, leave_out_every: int = 0) -> int:
    """Copy the chart cache of the run in ``out`` to ``target``; with ``leave_out_every`` = k
    all entries but every k-th (in name order, that is fingerprint order: a random mix of
    families and languages), so the next run draws those afresh. Returns the number of
    entries copied."""
    entries = sorted((out / CACHE).glob("??/*.chart"))
    left_out = set(entries[::leave_out_every]) if leave_out_every else set()
    kept = [entry for entry in entries if entry not in left_out]
    for entry in kept:
        dest = target / entry.relative_to(out / CACHE)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(entry, dest)
    return len(kept)
