"""`barometer check --raw DIR`: every validation of ingest, activation and analyse, nothing
written. The stages' pure cores run on the raw folder and their outputs are discarded; a
problem is the same one-line UserError the stage would raise (exit 2).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from pipeline.errors import UserError

log = logging.getLogger(__name__)


@dataclass
class ExportReport:
    file: str
    round: int
    language: str
    rows: int
    respondents: int
    items: int
    dont_know_share: float
    missing_share: float
    dropped: dict[str, int]
    blank_rows: int
    warnings: list[str] = field(default_factory=list)


class _Warnings(logging.Handler):
    """Collects the warnings the stages log, to print them with the tables."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_command(raw: Path, params: Path) -> int:
    catcher = _Warnings()
    logging.getLogger("pipeline").addHandler(catcher)
    try:
        reports, lines = check_raw(raw, params)
    finally:
        logging.getLogger("pipeline").removeHandler(catcher)
    messages = list(dict.fromkeys(catcher.messages))  # each export is read twice
    for r in reports:
        r.warnings += [m for m in messages if r.file in m]
    general = [m for m in messages if not any(r.file in m for r in reports)]
    general += _unconfirmed(raw)
    print(render(reports, lines, general))
    return 0


def _unconfirmed(raw: Path) -> list[str]:
    """A drafted codebook's guesses not yet confirmed (docs/codebook.md)."""
    path = raw / "barometer" / "codebook.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = sum(1 for line in lines if line.lstrip().startswith("# check:"))
    if not n:
        return []
    return [f"{path}: {n} `# check:` lines of the draft not confirmed yet (read, fix, delete)"]


def check_raw(raw: Path, params: Path) -> tuple[list[ExportReport], list[str]]:
    from pipeline.codebook import load_codebook
    from pipeline.config import load_config
    from pipeline.ingest.core import ingest_survey, read_one
    from pipeline.ingest.harmonise import Municipalities
    from pipeline.io.reference import load_reference
    from pipeline.io.schemas import validate_responses
    from pipeline.stages import BAROMETER, Paths, _population

    config = load_config(params)
    if not raw.is_dir():
        raise UserError(raw, "", "raw folder not found", "give the folder laid out like data/raw")
    paths = Paths(raw, raw / "\x00unused", raw / "\x00unused")  # never written to
    path = paths.codebook(BAROMETER)
    if not path.is_file():
        raise UserError(
            path, "", "codebook not found", "draft one: barometer codebook draft --raw DIR -o ..."
        )
    codebook = load_codebook(path)
    reference = load_reference(paths.reference)
    population = _population(reference, codebook.survey)
    salt = config.ingest.pseudonym_salt
    result = ingest_survey(
        codebook,
        reference,
        config.classification_year,
        salt,
        population,
        max_weight_share=config.analyse.max_weight_share,
    )
    responses = validate_responses(result.responses, codebook)
    munis = Municipalities(reference, config.classification_year)
    # The per-export tables read each export again; its warnings were logged above already.
    logging.disable(logging.WARNING)
    try:
        reports = [
            _export_report(read_one(e, codebook, reference, munis, salt)) for e in codebook.exports
        ]
    finally:
        logging.disable(logging.NOTSET)
    lines = [
        f"codebook {path}: {len(codebook.items)} items, {len(codebook.scales)} scales, "
        f"{len(codebook.exports)} exports, rounds {codebook.rounds()}",
        f"ingest: {result.metrics['respondents']} respondents, {len(responses)} response rows",
    ]
    lines += _activation(config, raw, reference)
    lines += _analyse(config, responses, codebook, population, paths)
    return reports, lines


def _export_report(res) -> ExportReport:  # res: pipeline.ingest.core.ExportResult
    from pipeline.ingest.core import STATUSES

    status = res.status
    valid, dk, miss = (np.sum(status == STATUSES.index(s)) for s in STATUSES)
    answered = valid + dk
    reasons: dict[str, int] = {}
    for d in res.dropped:
        reasons[d["reason"]] = reasons.get(d["reason"], 0) + 1
    return ExportReport(
        res.export.file.name,
        res.export.round,
        res.export.language,
        res.rows_read,
        len(res.respondents),
        len(res.items),
        float(dk / answered * 100) if answered else 0.0,
        float(miss / status.size * 100) if status.size else 0.0,
        reasons,
        res.blank_rows,
    )


def _activation(config, raw: Path, reference) -> list[str]:
    from pipeline.activation.stage import SURVEY

    path = raw / SURVEY / "codebook.yaml"
    if not path.is_file():
        return ["activation: no codebook, nothing to check"]
    from pipeline.activation.codebook import load_activation_codebook
    from pipeline.activation.ingest import ingest_activation
    from pipeline.activation.ratios import (
        apply_suppression,
        finish_table,
        municipal_ratios,
    )
    from pipeline.activation.regions import region_summaries

    cb = load_activation_codebook(path)
    data = ingest_activation(cb, reference, config.classification_year)
    pre = municipal_ratios(data, cb, config.activation)
    table, _ = apply_suppression(pre, data, cb, config.activation)
    regions = region_summaries(table, config.activation, pre)
    out = finish_table(table)
    return [
        f"activation: {len(cb.exports)} exports, {len(out)} municipal rows, "
        f"{len(regions)} region rows"
    ]


def _analyse(config, responses, codebook, population, paths) -> list[str]:
    """The analyse stage's core on the in-memory responses: population cells of every design,
    estimation, tests and changes for every round (calibration, empty domains); discarded."""
    from pipeline.stats.core import analyse

    result = analyse(
        responses, codebook, config.analyse, population, str(paths.reference / "population.csv")
    )
    return [
        f"analyse: {len(result.rounds)} rounds x {len(config.analyse.designs)} designs: "
        f"{len(result.estimates)} estimates, {len(result.tests)} tests, "
        f"{len(result.changes)} changes computed (nothing written)"
    ]


def render(reports: list[ExportReport], lines: list[str], warnings: list[str]) -> str:
    out = []
    for r in reports:
        dropped = ", ".join(f"{n} {why}" for why, n in r.dropped.items()) or "none"
        rows = [
            ("round", f"{r.round} ({r.language})"),
            ("rows", f"{r.rows}" + (f" (+{r.blank_rows} blank skipped)" if r.blank_rows else "")),
            ("respondents", str(r.respondents)),
            ("items mapped", str(r.items)),
            ("don't know", f"{r.dont_know_share:.1f} % of answers"),
            ("missing", f"{r.missing_share:.1f} % of cells"),
            ("dropped rows", dropped),
            ("warnings", "; ".join(r.warnings) or "none"),
        ]
        width = max(len(k) for k, _ in rows)
        out.append(r.file)
        out += [f"  {k.ljust(width)}  {v}" for k, v in rows]
        out.append("")
    out += lines
    if warnings:
        out += [f"warning: {w}" for w in warnings]
    out.append("check: OK (nothing written)")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(check_command(Path(sys.argv[1]), Path(sys.argv[2])))
