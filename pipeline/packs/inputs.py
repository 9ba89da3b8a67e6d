"""The processed tables the packs and the site read, narrowed for the findings
(:func:`~pipeline.packs.findings.prepare_tables`): estimates, tests, changes and the codebook,
and the activation region table when a pack asks for activation charts."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.packs.findings import Tables

log = logging.getLogger(__name__)


def read_tables(config: Config, processed: Path) -> Tables:
    from pipeline.codebook import load_codebook_json
    from pipeline.io.writers import read_table
    from pipeline.packs.findings import prepare_tables

    activation, activation_snapshot = None, None
    if any(p.activation for p in config.packs.packs):
        if (processed / "activation_regions.parquet").is_file():
            activation = read_table(processed, "activation_regions")
        else:
            log.warning("packs ask for activation charts but activation_regions is missing")
        snap = processed / "activation_codebook.json"
        if snap.is_file():
            activation_snapshot = json.loads(snap.read_text(encoding="utf-8"))
    analyse = config.analyse
    return prepare_tables(
        read_table(processed, "estimates"),
        read_table(processed, "tests"),
        read_table(processed, "changes"),
        load_codebook_json(processed / "codebook.json"),
        analyse.primary_design,
        analyse.ci_methods[0],
        analyse.min_cell,
        activation,
        activation_snapshot,
        analyse.confidence,
    )
