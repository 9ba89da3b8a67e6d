"""One thin function per DVC stage: read inputs, call the pure cores, write outputs.

Nothing below this module reads params or touches the file system except ``pipeline.io``."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Config

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
    from pipeline.codebook import load_codebook
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
        codebook, reference, config.classification_year, config.ingest.pseudonym_salt, population
    )
    responses = validate_responses(result.responses, codebook)
    write_table(responses, paths.processed, "responses")
    write_atomic_csv(result.dropped, paths.processed / "dropped_rows.csv")
    snapshot = codebook.snapshot()
    snapshot["regions"] = {
        r.region_code: {"fi": r.name_fi, "sv": r.name_sv, "en": r.name_en}
        for r in reference.regions.itertuples(index=False)
        if r.region_code in set(responses["region_code"].unique())
    }
    write_json(snapshot, paths.processed / "codebook.json")
    write_json(result.metrics, paths.metrics / "ingest.json")
    log.info(
        "ingest: %d respondents, %d response rows, %d rows dropped",
        result.metrics["respondents"],
        len(responses),
        len(result.dropped),
    )


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
