"""Render chart jobs to PNG in parallel and write the manifest.

Each job is drawn once and saved twice: the slide PNG at the slide dpi and the print PNG at the
print dpi, both with the Agg backend, the theme's fixed font and no metadata that changes
between runs (:mod:`pipeline.charts.png`), so unchanged inputs give byte-identical files.
Files are written atomically. With a :class:`~pipeline.charts.cache.ChartCache`, a job whose
fingerprint is in the cache is not drawn: its PNGs are copied from the cache; every drawn job
is stored there."""

from __future__ import annotations

import logging
import multiprocessing
import sys
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.charts.base import ChartJob
from pipeline.charts.cache import ChartCache, fingerprint
from pipeline.charts.png import figure_png
from pipeline.io.writers import atomic_path, write_json
from pipeline.parallel import worker_count

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RenderResult:
    charts: int
    seconds: float
    workers: int
    rendered: int = 0  # drawn in this run
    reused: int = 0  # copied from the chart cache

    @property
    def per_second(self) -> float:
        return self.charts / self.seconds if self.seconds > 0 else float("inf")


def _setup_matplotlib() -> None:
    import matplotlib

    matplotlib.use("Agg")
    warnings.simplefilter("ignore")


def png_bytes(figure: Any, dpi: int) -> bytes:
    """A matplotlib figure as PNG, without metadata that changes between runs (encoded by
    :mod:`pipeline.charts.png`, not by Pillow: same pixels, encoded 2.8 times faster)."""
    return figure_png(figure, dpi)


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def draw(job: ChartJob, slide_dpi: int, print_dpi: int) -> tuple[bytes, bytes]:
    """Draw ``job`` once; its slide and print PNGs."""
    import matplotlib.pyplot as plt

    _setup_matplotlib()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figure = job.build(job.data, **job.kwargs).draw()
        try:
            return png_bytes(figure, slide_dpi), png_bytes(figure, print_dpi)
        finally:
            plt.close(figure)


def write_job(job: ChartJob, folder: Path, pngs: tuple[bytes, bytes]) -> None:
    write_bytes(folder / job.png, pngs[0])
    write_bytes(folder / job.png_print, pngs[1])


def render_job(
    job: ChartJob,
    folder: Path,
    slide_dpi: int,
    print_dpi: int,
    cache: ChartCache | None = None,
    key: str = "",
) -> str:
    """Draw ``job``; write its slide and print PNGs under ``folder`` (and into ``cache`` under
    ``key``). Returns the id."""
    pngs = draw(job, slide_dpi, print_dpi)
    write_job(job, folder, pngs)
    if cache is not None:
        cache.put(key, *pngs)
    return f"{job.language}/{job.id}"


def render_jobs(
    jobs: Sequence[ChartJob],
    folder: Path,
    slide_dpi: int,
    print_dpi: int,
    workers: int = 0,
    progress: bool = True,
    cache: ChartCache | None = None,
) -> RenderResult:
    """Write the PNGs of every job: from ``cache`` when it holds the job's fingerprint, else
    drawn (in ``workers`` processes; 0 = one per core) with a progress bar on stderr when it is
    a terminal and ``progress`` is on."""
    from tqdm import tqdm

    start = time.perf_counter()
    keys = [fingerprint(job, slide_dpi, print_dpi) if cache else "" for job in jobs]
    todo: list[tuple[ChartJob, str]] = []
    for job, key in zip(jobs, keys, strict=True):
        cached = cache.get(key) if cache is not None else None
        if cached is None:
            todo.append((job, key))
        else:
            write_job(job, folder, cached)
    reused = len(jobs) - len(todo)
    _setup_matplotlib()
    if todo:
        import plotnine  # noqa: F401  (imported once here, inherited by forked workers)

    n_workers = worker_count(workers, len(todo))
    bar = tqdm(
        total=len(todo),
        desc="figures",
        unit="chart",
        file=sys.stderr,
        disable=not (progress and sys.stderr.isatty()),
    )
    with bar:
        if n_workers == 1:
            for job, key in todo:
                render_job(job, folder, slide_dpi, print_dpi, cache, key)
                bar.update()
        else:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            with ProcessPoolExecutor(n_workers, mp_context=context) as pool:
                futures = [
                    pool.submit(render_job, job, folder, slide_dpi, print_dpi, cache, key)
                    for job, key in todo
                ]
                for future in as_completed(futures):
                    future.result()
                    bar.update()
    seconds = time.perf_counter() - start
    return RenderResult(len(jobs), seconds, n_workers, len(todo), reused)


def manifest(jobs: Sequence[ChartJob], languages: Sequence[str]) -> dict[str, Any]:
    """``{"languages": [...], "charts": [entry, ...]}``, charts sorted by language then id."""
    entries = sorted((job.manifest_entry() for job in jobs), key=lambda e: (e["language"], e["id"]))
    return {"languages": list(languages), "charts": entries}


def write_manifest(jobs: Sequence[ChartJob], languages: Sequence[str], folder: Path) -> Path:
    return write_json(manifest(jobs, languages), folder / MANIFEST)


def remove_stale(folder: Path, jobs: Sequence[ChartJob]) -> list[Path]:
    """Delete files under ``folder`` that this run did not plan (PNGs of charts or languages
    no longer drawn, old overview charts), then empty folders. Returns what was removed."""
    keep = {folder / MANIFEST}
    keep |= {folder / job.png for job in jobs} | {folder / job.png_print for job in jobs}
    removed = [p for p in folder.rglob("*") if p.is_file() and p not in keep]
    for path in removed:
        path.unlink()
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(path.iterdir()):
            path.rmdir()
    return removed


def check_unique(jobs: Sequence[ChartJob]) -> None:
    """Two jobs must never write the same file."""
    seen: set[str] = set()
    for job in jobs:
        if job.png in seen:
            raise ValueError(f"two charts with id {job.id!r} in {job.language}")
        seen.add(job.png)
