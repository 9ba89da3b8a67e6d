"""One thin function per DVC stage: read inputs, call the pure cores, write outputs.

Nothing below this module reads params or touches the file system except ``pipeline.io``."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config

if TYPE_CHECKING:
    from pipeline.stats.core import AnalysisResult

log = logging.getLogger(__name__)

BAROMETER = "barometer"


@dataclass(frozen=True)
class Paths:
    raw: Path
    processed: Path
    reports: Path

    @property
    def reference(self) -> Path:
        return self.raw / "reference"

    @property
    def metrics(self) -> Path:
        return self.reports / "metrics"

    @property
    def figures(self) -> Path:
        return self.reports / "figures"

    def codebook(self, survey: str) -> Path:
        return self.raw / survey / "codebook.yaml"


def _population(paths: Paths, survey: str):  # -> pd.DataFrame
    from pipeline.io.reference import load_reference

    ref = load_reference(paths.reference)
    pop = ref.population()
    return pop[pop["survey"] == survey].drop(columns="survey")


def ingest(config: Config, paths: Paths) -> None:
    from pipeline.codebook import Text, load_codebook
    from pipeline.ingest.core import ingest_survey
    from pipeline.io.reference import load_reference
    from pipeline.io.schemas import validate_responses
    from pipeline.io.writers import write_json, write_table

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
    )
    responses = validate_responses(result.responses, codebook)
    write_table(responses, paths.processed, "responses")
    write_atomic_csv(result.dropped, paths.processed / "dropped_rows.csv")
    present = set(responses["region_code"].unique())
    codebook = codebook.with_regions(
        {
            r.region_code: Text(r.name_fi, r.name_sv, r.name_en)
            for r in reference.regions.itertuples(index=False)
            if r.region_code in present
        }
    )
    write_json(codebook.snapshot(), paths.processed / "codebook.json")
    write_json(result.metrics, paths.metrics / "ingest.json")
    personal = paths.processed / "personal" / f"{codebook.survey}_personal.csv"
    if result.personal is not None:
        # Only for the data owner: never a DVC output, never read by later stages, git-ignored.
        write_atomic_csv(result.personal, personal)
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

    run(config, paths.raw, paths.processed, paths.metrics)


def write_atomic_csv(df, target: Path) -> None:  # df: pd.DataFrame
    from pipeline.io.writers import write_atomic

    write_atomic(target, lambda p: df.to_csv(p, index=False, lineterminator="\n"))
    log.info("wrote %s (%d rows)", target, len(df))


def load_snapshot(paths: Paths) -> dict:
    path = paths.processed / "codebook.json"
    if not path.is_file():
        from pipeline.errors import UserError

        raise UserError(path, "", "not found: the ingest stage has not run", "run ingest first")
    return json.loads(path.read_text(encoding="utf-8"))


def analyse(config: Config, paths: Paths) -> AnalysisResult:
    """Estimates, distributions, tests, changes, the trend plot table and the metrics."""
    from pipeline.codebook import load_codebook_json
    from pipeline.io.writers import read_table, write_json, write_table
    from pipeline.stats.core import analyse as analyse_core

    codebook = load_codebook_json(paths.processed / "codebook.json")
    responses = read_table(paths.processed, "responses")
    population = _population(paths, codebook.survey)
    log.info("analyse: %d response rows, designs %s", len(responses), config.analyse.designs)
    result = analyse_core(
        responses, codebook, config.analyse, population, str(paths.reference / "population.csv")
    )
    for name in ("estimates", "distributions", "tests", "changes"):
        write_table(getattr(result, name), paths.processed, name)
    write_json(result.metrics, paths.metrics / "analysis.json")
    write_atomic_csv(result.trend, paths.reports / "plots" / "trend.csv")
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
    activation-survey charts when their tables exist, and ``figures/manifest.json``."""
    from pipeline.charts.plan import TABLES, plan_barometer_charts, unknown_heatmap_items
    from pipeline.charts.render import (
        check_unique,
        remove_stale,
        render_jobs,
        write_manifest,
    )
    from pipeline.errors import UserError
    from pipeline.io.writers import read_table

    cfg = config.figures
    tables = {name: read_table(paths.processed, name) for name in TABLES}
    snapshot = load_snapshot(paths)
    unknown = unknown_heatmap_items(snapshot, config)
    if unknown:
        raise UserError(
            config.source,
            "figures.heatmap_items",
            f"unknown item {unknown[0]!r}",
            f"use items of the codebook, e.g. {list(snapshot['items'])[:3]}",
        )
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
    """Assemble the workshop figure packs declared in params (docs/packs.md)."""
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
        paths.reports / "packs",
        paths.reports / "tables",
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
