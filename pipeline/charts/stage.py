"""The ``figures`` stage (called by :func:`pipeline.stages.figures`): read the published tables,
plan every chart job of every language, then write the PNGs (rendered, or copied from the chart
cache), ``manifest.json`` and nothing else into the figures folder."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import labels
from pipeline.charts.activation import plan_activation_charts
from pipeline.charts.base import ChartJob
from pipeline.charts.cache import ChartCache
from pipeline.charts.plan import TABLES, plan_barometer_charts
from pipeline.charts.render import (
    RenderResult,
    check_unique,
    remove_stale,
    render_jobs,
    write_manifest,
)
from pipeline.config import Config, FiguresConfig
from pipeline.errors import UserError
from pipeline.labels import Snapshot

log = logging.getLogger(__name__)

ACTIVATION_TABLES = ("activation", "activation_regions")
ACTIVATION_SNAPSHOT = "activation_codebook.json"
# The chart cache beside the reports folder (the repository root for `barometer figures`,
# OUT for `barometer run --out OUT`) unless figures.cache_dir says otherwise.
DEFAULT_CACHE = Path(".cache") / "charts"


@dataclass(frozen=True)
class Inputs:
    """What the figures stage reads: the barometer tables and codebook snapshot, and the
    activation tables and snapshot when the activation stage wrote them."""

    tables: dict[str, pd.DataFrame]
    snapshot: Snapshot
    activation: dict[str, pd.DataFrame] | None = None
    activation_snapshot: dict | None = None


def read_inputs(processed: Path) -> Inputs:
    from pipeline.codebook import load_codebook_json
    from pipeline.io.writers import read_table

    tables = {name: read_table(processed, name) for name in TABLES}
    snapshot = load_codebook_json(processed / "codebook.json").snapshot()
    files = [processed / f"{name}.parquet" for name in ACTIVATION_TABLES]
    snapshot_path = processed / ACTIVATION_SNAPSHOT
    if not all(f.is_file() for f in files) or not snapshot_path.is_file():
        return Inputs(tables, snapshot)
    activation = {name: read_table(processed, name) for name in ACTIVATION_TABLES}
    activation_snapshot = json.loads(snapshot_path.read_text(encoding="utf-8"))
    return Inputs(tables, snapshot, activation, activation_snapshot)


def plan(inputs: Inputs, config: Config) -> list[ChartJob]:
    """Every chart job: per language of ``figures.languages`` the barometer charts, then the
    activation charts. Pure."""
    items = labels.codebook(inputs.snapshot).items
    unknown = [i for i in config.figures.heatmap_items if i not in items]
    if unknown:
        raise UserError(
            config.source,
            "figures.heatmap_items",
            f"unknown item {unknown[0]!r}",
            f"use items of the codebook, e.g. {list(items)[:3]}",
        )
    jobs: list[ChartJob] = []
    for language in config.figures.languages:
        jobs += plan_barometer_charts(inputs.tables, inputs.snapshot, config, language)
        if inputs.activation is not None and inputs.activation_snapshot is not None:
            jobs += plan_activation_charts(inputs.activation, inputs.activation_snapshot, language)
    check_unique(jobs)
    return jobs


def chart_cache(cfg: FiguresConfig, reports: Path) -> ChartCache | None:
    """The chart cache of ``figures.cache_dir`` (default: ``.cache/charts`` beside the reports
    folder), None when ``figures.cache_max_mb`` is 0."""
    if cfg.cache_max_mb <= 0:
        return None
    folder = Path(cfg.cache_dir) if cfg.cache_dir else reports.resolve().parent / DEFAULT_CACHE
    return ChartCache(folder, cfg.cache_max_mb * 1024 * 1024)


@dataclass(frozen=True)
class Written:
    result: RenderResult
    removed: list[Path]  # files of the folder no job wrote (old charts, dropped languages)
    evicted: int  # cache entries removed to keep the cache within its size


def write(
    jobs: list[ChartJob],
    cfg: FiguresConfig,
    folder: Path,
    cache: ChartCache | None,
    progress: bool = True,
) -> Written:
    """The PNGs of ``jobs`` and ``manifest.json`` in ``folder``; nothing else stays there."""
    result = render_jobs(
        jobs, folder, cfg.dpi, cfg.print_dpi, cfg.workers, progress=progress, cache=cache
    )
    write_manifest(jobs, cfg.languages, folder)
    removed = remove_stale(folder, jobs)
    evicted = len(cache.evict()) if cache is not None else 0
    return Written(result, removed, evicted)
