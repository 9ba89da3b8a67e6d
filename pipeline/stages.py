"""One thin function per DVC stage: read inputs, call the stage's core, write outputs.

Every stage replaces its outputs all-or-nothing: files of ingest, activation and analyse are
staged by :func:`~pipeline.io.writers.output_set`, the folders of figures and packs by
:func:`~pipeline.io.writers.staged_dirs`, so a stage that fails leaves the previous outputs
intact. Nothing below this module reads params or touches the file system except
``pipeline.io``."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.io.reference import Reference
    from pipeline.stats.core import AnalysisResult

log = logging.getLogger(__name__)

BAROMETER = "barometer"


@dataclass(frozen=True)
class Paths:
    """Where a run reads and writes."""

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

    @property
    def packs(self) -> Path:
        return self.reports / "packs"

    @property
    def tables(self) -> Path:
        return self.reports / "tables"

    def codebook(self, survey: str) -> Path:
        return self.raw / survey / "codebook.yaml"


def _population(reference: Reference, survey: str) -> pd.DataFrame:
    pop = reference.population()
    return pop[pop["survey"] == survey].drop(columns="survey")


def ingest(config: Config, paths: Paths) -> None:
    """Exports listed in the codebook -> responses, dropped rows, codebook.json, metrics."""
    from pipeline.codebook import Text, load_codebook
    from pipeline.ingest.core import ingest_survey
    from pipeline.io.reference import load_reference
    from pipeline.io.schemas import check_rows, check_schema
    from pipeline.io.writers import (
        in_background,
        output_set,
        write_csv,
        write_json,
        write_responses,
    )

    codebook = load_codebook(paths.codebook(BAROMETER))
    reference = load_reference(paths.reference)
    population = _population(reference, codebook.survey)
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
    table = result.table
    present = set(table.categories("region_code"))  # the regions of the kept respondents
    codebook = codebook.with_regions(
        {
            r.region_code: Text(r.name_fi, r.name_sv, r.name_en)
            for r in reference.regions.itertuples(index=False)
            if r.region_code in present
        }
    )
    personal = paths.processed / "personal" / f"{codebook.survey}_personal.csv"

    def write_checked() -> None:
        check_schema(table.frame(0, 0), sorted(codebook.items))
        write_responses(table, paths.processed, config.ingest.responses_csv, check=check_rows)

    # responses is checked and written (range by range) in a thread while the other outputs
    # and the metrics are made here; nothing is kept if a range or anything else fails
    with output_set(), in_background(write_checked):
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
        table.rows,
        len(result.dropped),
    )


def activation(config: Config, paths: Paths) -> None:
    """Activation-resource survey: ratios per municipality, region summaries (empty tables when
    data/raw/activation/codebook.yaml does not exist)."""
    from pipeline.activation.stage import run
    from pipeline.io.writers import output_set

    with output_set():
        run(config, paths.raw, paths.processed, paths.metrics)


def analyse(config: Config, paths: Paths) -> AnalysisResult:
    """Estimates, distributions, tests, changes, the trend plot table and the metrics."""
    from pipeline.codebook import load_codebook_json
    from pipeline.io.reference import load_reference
    from pipeline.io.writers import output_set, read_responses, write_csv, write_json, write_table
    from pipeline.stats.blas import TABLE_DIGITS, published
    from pipeline.stats.core import analyse as analyse_core

    codebook = load_codebook_json(paths.processed / "codebook.json")
    started = time.perf_counter()
    responses = read_responses(paths.processed)  # text columns as categoricals
    read_seconds = time.perf_counter() - started
    population = _population(load_reference(paths.reference), codebook.survey)
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


def figures(config: Config, paths: Paths) -> None:
    """Every chart in every language of ``figures.languages`` (slide and print PNGs), the
    activation-survey charts when their tables exist, and ``figures/manifest.json``; charts
    whose fingerprint is in the chart cache are copied from it, not drawn. The figures folder
    is replaced as a whole when the stage succeeds."""
    from pipeline.charts import stage
    from pipeline.io.writers import staged_dirs

    inputs = stage.read_inputs(paths.processed)
    jobs = stage.plan(inputs, config)
    cache = stage.chart_cache(config.figures, paths.reports)
    with staged_dirs(paths.figures) as (staged,):
        written = stage.write(
            jobs, config.figures, staged, cache, progress=log.isEnabledFor(logging.INFO)
        )
    result = written.result
    log.info(
        "figures: %d charts (%s): %d rendered, %d reused from the chart cache %s; "
        "%.1f s with %d workers; %d old files removed, %d cache entries evicted",
        result.charts,
        ", ".join(config.figures.languages),
        result.rendered,
        result.reused,
        cache.folder if cache is not None else "(off)",
        result.seconds,
        result.workers,
        len(written.removed),
        written.evicted,
    )


def packs(config: Config, paths: Paths) -> None:
    """Assemble the workshop figure packs declared in params (docs/packs.md); the packs and
    tables folders are replaced as a whole when the stage succeeds."""
    from pipeline.io.writers import staged_dirs
    from pipeline.packs import stage

    when = stage.output_date()
    inputs = stage.read_inputs(config, paths.processed, paths.figures)
    log.info(
        "packs: manifest %s (%d charts), %d packs declared",
        paths.figures / stage.MANIFEST,
        len(inputs.manifest),
        len(config.packs.packs),
    )
    with staged_dirs(paths.packs, paths.tables) as (packs_dir, tables_dir):
        results = stage.write(config, inputs, paths.figures, packs_dir, tables_dir, when)
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
