"""The ``packs`` stage (called by :func:`pipeline.stages.packs`): read the figures manifest and
the published tables, then plan and write every declared pack (docs/packs.md)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.errors import UserError
from pipeline.packs.assemble import PackResult, build_packs
from pipeline.packs.findings import Tables

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
# Fixed date stamped into PDF, PPTX and XLSX files unless SOURCE_DATE_EPOCH is set, so unchanged
# inputs give byte-identical packs.
PACKS_DATE = "2000-01-01T00:00:00+00:00"


def output_date(epoch: str | None = None) -> dt.datetime:
    """The date stamped into the packs: ``SOURCE_DATE_EPOCH`` (whole seconds) when set, else
    :data:`PACKS_DATE`."""
    if epoch is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = epoch.strip()
    if epoch and not epoch.isdigit():
        raise UserError("SOURCE_DATE_EPOCH", "", f"must be whole seconds, got {epoch!r}")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.fromisoformat(PACKS_DATE)


@dataclass(frozen=True)
class Inputs:
    manifest: list[dict[str, Any]]  # the charts of figures/manifest.json
    tables: Tables


def read_manifest(figures: Path) -> list[dict[str, Any]]:
    path = figures / MANIFEST
    if not path.is_file():
        raise UserError(path, "", "not found: the figures stage has not run", "run figures first")
    return json.loads(path.read_text(encoding="utf-8"))["charts"]


def read_inputs(config: Config, processed: Path, figures: Path) -> Inputs:
    """The manifest and the findings tables (activation ones only when a pack asks for them)."""
    from pipeline.packs.inputs import read_tables

    return Inputs(read_manifest(figures), read_tables(config, processed))


def write(
    config: Config,
    inputs: Inputs,
    figures: Path,
    packs_dir: Path,
    tables_dir: Path,
    when: dt.datetime,
) -> list[PackResult]:
    """Plan every pack, then write them into ``packs_dir`` and ``tables_dir``."""
    return build_packs(
        config.packs,
        inputs.manifest,
        inputs.tables,
        figures,
        packs_dir,
        tables_dir,
        when,
        str(config.source),
    )
