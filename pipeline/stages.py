"""One thin function per DVC stage: read inputs, call the stage's core, write outputs.

Every stage replaces its outputs all-or-nothing: files of ingest, activation and analyse are
staged by :func:`~pipeline.io.writers.output_set`, the folders of figures and packs by
:func:`~pipeline.io.writers.staged_dirs`, so a stage that fails leaves the previous outputs
intact. Nothing below this module reads params or touches the file system except
``pipeline.io``."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.stats.core import AnalysisResult

log = logging.getLogger(__name__)

BAROMETER = "barometer"


@dataclass(frozen=True)
class Paths:
    """Where a run reads and writes; ``*_out`` redirect an output folder while it is staged."""

    raw: Path
    processed: Path
    reports: Path
    figures_out: Path | None = None
    packs_out: Path | None = None
    tables_out: Path | None = None

    @property
    def reference(self) -> Path:
        return self.raw / "reference"

    @property
    def metrics(self) -> Path:
        return self.reports / "metrics"

    @property
    def figures(self) -> Path:
        return self.figures_out or self.reports / "figures"

    @property
    def packs(self) -> Path:
        return self.packs_out or self.reports / "packs"

    @property
    def tables(self) -> Path:
        return self.tables_out or self.reports / "tables"

    def codebook(self, survey: str) -> Path:
        return self.raw / survey / "codebook.yaml"


def _population(paths: Paths, survey: str) -> pd.DataFrame:
    from pipeline.io.reference import load_reference

    pop = load_reference(paths.reference).population()
    return pop[pop["survey"] == survey].drop(columns="survey")


def ingest(config: Config, paths: Paths) -> None:
    """Exports listed in the codebook -> responses, dropped rows, codebook.json, metrics."""
    from pipeline.codebook import Text, load_codebook
    from pipeline.ingest.core import ingest_survey
    from pipeline.io.reference import load_reference
    from pipeline.io.schemas import validate_responses
    from pipeline.io.writers import output_set, write_csv, write_json, write_responses

    codebook = load_codebook(paths.codebook(BAROMETER))
    reference = load_reference(paths.reference)
    population = _population(paths, codebook.survey)
    log.info(
        "codebook %s: %d items, %d exports",
        codebook.path,
        len(codebook.items),
        len(codebook.exports),
    )
    result = ingest_survey(
        codebook,
        reference,
        config.classification_year,
        config.ingest.pseudonym_salt,
        population,
        keep_personal=config.ingest.keep_personal,
        max_weight_share=config.analyse.max_weight_share,
    )
    responses = validate_responses(result.responses, codebook)
    present = set(responses["region_code"].unique())
    codebook = codebook.with_regions(
        {
            r.region_code: Text(r.name_fi, r.name_sv, r.name_en)
            for r in reference.regions.itertuples(index=False)
            if r.region_code in present
        }
    )
    personal = paths.processed / "personal" / f"{codebook.survey}_personal.csv"
    with output_set():
        write_responses(responses, paths.processed, config.ingest.responses_csv)
        write_csv(result.dropped, paths.processed / "dropped_rows.csv")
        write_json(codebook.snapshot(), paths.processed / "codebook.json")
        write_json(result.metrics, paths.metrics / "ingest.json")
        if result.personal is not None:
            # Only for the data owner: never a DVC output, never read later, git-ignored.
            write_csv(result.personal, personal)
            log.warning("ingest.keep_personal is on: personal data written to %s", personal)
        elif personal.exists():
            personal.unlink()
    log.info(
        "ingest: %d respondents, %d response rows, %d rows dropped",
        result.metrics["respondents"],
        len(responses),
        len(result.dropped),
    )


def activation(config: Config, paths: Paths) -> None:
    """Activation-resource survey: ratios per municipality, region summaries (empty tables when
    data/raw/activation/codebook.yaml does not exist)."""
    from pipeline.activation.stage import run
    from pipeline.io.writers import output_set

    with output_set():
        run(config, paths.raw, paths.processed, paths.metrics)


def load_snapshot(paths: Paths) -> dict:
    """codebook.json as a dict (for the chart and pack modules that take the snapshot)."""
    from pipeline.codebook import load_codebook_json

    return load_codebook_json(paths.processed / "codebook.json").snapshot()


def analyse(config: Config, paths: Paths) -> AnalysisResult:
    """Estimates, distributions, tests, changes, the trend plot table and the metrics."""
    from pipeline.codebook import load_codebook_json
    from pipeline.io.writers import output_set, read_responses, write_csv, write_json, write_table
    from pipeline.stats.blas import TABLE_DIGITS, published
    from pipeline.stats.core import analyse as analyse_core

    codebook = load_codebook_json(paths.processed / "codebook.json")
    started = time.perf_counter()
    responses = read_responses(paths.processed)  # text columns as categoricals
    read_seconds = time.perf_counter() - started
    population = _population(paths, codebook.survey)
    log.info("analyse: %d response rows, designs %s", len(responses), config.analyse.designs)
    result = analyse_core(
        responses, codebook, config.analyse, population, str(paths.reference / "population.csv")
    )
    del responses
    result.timings["read responses"] = read_seconds
    started = time.perf_counter()
    with output_set():
        # published numbers to 12 (tests: 7) significant digits: the same bytes whichever
        # BLAS kernels the CPU gets (pipeline/stats/blas.py, docs/methods.md)
        for name in ("estimates", "distributions", "tests", "changes"):
            table = published(getattr(result, name), TABLE_DIGITS[name])
            write_table(table, paths.processed, name)
        write_json(result.metrics, paths.metrics / "analysis.json")
        trend = published(result.trend, TABLE_DIGITS["trend"])
        write_csv(trend, paths.reports / "plots" / "trend.csv")
    result.timings["write tables"] = time.perf_counter() - started
    log.info(
        "analyse: rounds %s, %d estimates, %d tests, %d changes; %s",
        list(result.rounds),
        len(result.estimates),
        len(result.tests),
        len(result.changes),
        ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()),
    )
    return result


ACTIVATION_TABLES = ("activation", "activation_regions")


def figures(config: Config, paths: Paths) -> None:
    """Every chart in every language of ``figures.languages`` (slide and print PNGs), the
    activation-survey charts when their tables exist, and ``figures/manifest.json``; the
    figures folder is replaced as a whole when the stage succeeds."""
    from pipeline.io.writers import staged_dirs

    with staged_dirs(paths.figures) as (staged,):
        _figures(config, replace(paths, figures_out=staged))


def _figures(config: Config, paths: Paths) -> None:
    from pipeline.charts.plan import TABLES, plan_barometer_charts
    from pipeline.charts.render import (
        check_unique,
        remove_stale,
        render_jobs,
        write_manifest,
    )
    from pipeline.codebook import load_codebook_json
    from pipeline.errors import UserError
    from pipeline.io.writers import read_table

    cfg = config.figures
    tables = {name: read_table(paths.processed, name) for name in TABLES}
    codebook = load_codebook_json(paths.processed / "codebook.json")
    unknown = [i for i in cfg.heatmap_items if i not in codebook.items]
    if unknown:
        raise UserError(
            config.source,
            "figures.heatmap_items",
            f"unknown item {unknown[0]!r}",
            f"use items of the codebook, e.g. {list(codebook.items)[:3]}",
        )
    snapshot = codebook.snapshot()
    jobs = []
    for language in cfg.languages:
        jobs += plan_barometer_charts(tables, snapshot, config, language)
        jobs += _activation_jobs(paths, language)
    check_unique(jobs)
    result = render_jobs(
        jobs,
        paths.figures,
        cfg.dpi,
        cfg.print_dpi,
        cfg.workers,
        progress=log.isEnabledFor(logging.INFO),
    )
    write_manifest(jobs, cfg.languages, paths.figures)
    removed = remove_stale(paths.figures, jobs)
    log.info(
        "figures: %d charts (%s) in %.1f s, %.1f charts/s with %d workers; %d old files removed",
        result.charts,
        ", ".join(cfg.languages),
        result.seconds,
        result.per_second,
        result.workers,
        len(removed),
    )


def _activation_jobs(paths: Paths, language: str) -> list:
    """Activation-survey chart jobs when its tables and chart module exist, else none."""
    files = [paths.processed / f"{name}.parquet" for name in ACTIVATION_TABLES]
    snapshot_path = paths.processed / "activation_codebook.json"
    if not all(f.is_file() for f in files) or not snapshot_path.is_file():
        return []
    try:
        from pipeline.charts.activation import plan_activation_charts
    except ImportError:
        log.debug("pipeline.charts.activation not importable: no activation charts")
        return []
    from pipeline.io.writers import read_table

    tables = {name: read_table(paths.processed, name) for name in ACTIVATION_TABLES}
    snapshot = json.loads(snapshot_path.read_text(encoding="utf-8"))
    return plan_activation_charts(tables, snapshot, language)


# Fixed date stamped into PDF, PPTX and XLSX files unless SOURCE_DATE_EPOCH is set, so unchanged
# inputs give byte-identical packs.
PACKS_DATE = "2000-01-01T00:00:00+00:00"


def packs(config: Config, paths: Paths) -> None:
    """Assemble the workshop figure packs declared in params (docs/packs.md); the packs and
    tables folders are replaced as a whole when the stage succeeds."""
    from pipeline.io.writers import staged_dirs

    with staged_dirs(paths.packs, paths.tables) as (packs_dir, tables_dir):
        _packs(config, replace(paths, packs_out=packs_dir, tables_out=tables_dir))


def _packs(config: Config, paths: Paths) -> None:
    import datetime as dt
    import os

    from pipeline.errors import UserError
    from pipeline.io.writers import read_table
    from pipeline.packs.assemble import build_packs
    from pipeline.packs.findings import prepare_tables

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise UserError("SOURCE_DATE_EPOCH", "", f"must be whole seconds, got {epoch!r}")
    when = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch
        else dt.datetime.fromisoformat(PACKS_DATE)
    )
    manifest_path = paths.figures / "manifest.json"
    if not manifest_path.is_file():
        raise UserError(
            manifest_path, "", "not found: the figures stage has not run", "run figures first"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))["charts"]
    analyse = config.analyse
    activation, activation_snapshot = None, None
    if any(p.activation for p in config.packs.packs):
        if (paths.processed / "activation_regions.parquet").is_file():
            activation = read_table(paths.processed, "activation_regions")
        else:
            log.warning("packs ask for activation charts but activation_regions is missing")
        snap = paths.processed / "activation_codebook.json"
        if snap.is_file():
            activation_snapshot = json.loads(snap.read_text(encoding="utf-8"))
    tables = prepare_tables(
        read_table(paths.processed, "estimates"),
        read_table(paths.processed, "tests"),
        read_table(paths.processed, "changes"),
        load_snapshot(paths),
        analyse.primary_design,
        analyse.ci_methods[0],
        analyse.min_cell,
        activation,
        activation_snapshot,
        analyse.confidence,
    )
    log.info(
        "packs: manifest %s (%d charts), %d packs declared",
        manifest_path,
        len(manifest),
        len(config.packs.packs),
    )
    results = build_packs(
        config.packs,
        manifest,
        tables,
        paths.figures,
        paths.packs,
        paths.tables,
        when,
        str(config.source),
    )
    log.info(
        "packs: wrote %d packs (%d PDF pages, %d slides, %d sheets, %d files)",
        len(results),
        sum(r.pages for r in results),
        sum(r.slides for r in results),
        sum(r.sheets for r in results),
        sum(len(r.files) for r in results),
    )


def review(config: Config, paths: Paths) -> None:
    """Filled workshop worksheets -> the workshop table (docs/workshop.md)."""
    from pipeline.review.stage import run

    run(config, paths.raw, paths.processed, paths.reports)


def site(config: Config, paths: Paths) -> None:
    """The published review as a static web site, reports/site (docs/workshop.md)."""
    from pipeline.site.stage import run

    run(config, paths.processed, paths.reports)
