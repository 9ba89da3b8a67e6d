"""The ``review`` stage: every filled worksheet in ``<raw>/workshop/<pack>.xlsx`` checked
against the pack's current worksheet (``reports/packs/<pack>/<pack>_worksheet.xlsx``); the rows
marked for publication go to ``processed/workshop.{parquet,csv}``, counts to
``reports/metrics/workshop.json``. No workshop folder (or an empty one) gives an empty table."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from pipeline.config import Config
from pipeline.errors import UserError
from pipeline.review.reader import read_worksheet
from pipeline.review.validate import TABLE_COLUMNS, current_findings, review_sheet

log = logging.getLogger(__name__)

WORKSHOP = "workshop"
# Files an office program leaves beside an open workbook: not worksheets.
LOCK_PREFIXES = ("~$", ".~lock.", ".")
OTHER_SPREADSHEETS = (".xls", ".ods", ".csv", ".xlsm")


def filled_worksheets(folder: Path, packs: dict[str, str], params: Path) -> list[Path]:
    """The filled worksheets in ``folder``, each named after a declared pack."""
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith(LOCK_PREFIXES):
            continue
        if path.suffix.lower() in OTHER_SPREADSHEETS:
            raise UserError(path, "", "is not an .xlsx workbook", "save it as .xlsx")
        if path.suffix.lower() != ".xlsx":
            continue  # e.g. a README or the .gitignore DVC writes
        if path.stem not in packs:
            raise UserError(
                path,
                "",
                f"no pack named {path.stem!r} in {params} (packs: {sorted(packs)})",
                "name the file after its pack, <pack>.xlsx",
            )
        files.append(path)
    return files


def empty_table() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in TABLE_COLUMNS})
    return df.astype(
        {"row": "int64", "priority": "Int64", "published": "bool", "numbers_changed": "bool"}
    )


def to_table(records: list[dict]) -> pd.DataFrame:
    if not records:
        return empty_table()
    df = pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))
    return df.astype(
        {"row": "int64", "priority": "Int64", "published": "bool", "numbers_changed": "bool"}
    )


def metrics(records: list[dict], files: list[Path]) -> dict:
    published = [r for r in records if r["published"]]
    by_priority = {str(p): 0 for p in (1, 2, 3)} | {"none": 0}
    for r in published:
        if r["proposal"]:
            by_priority[str(r["priority"]) if r["priority"] else "none"] += 1
    packs: dict[str, dict[str, int]] = {}
    for r in records:
        entry = packs.setdefault(r["pack"], {"rows": 0, "published": 0})
        entry["rows"] += 1
        entry["published"] += int(r["published"])
    return {
        "worksheets": len(files),
        "rows": len(records),
        "published": len(published),
        "numbers_changed": sum(int(r["numbers_changed"]) for r in published),
        "proposals_by_priority": by_priority,
        "packs": packs,
    }


def run(config: Config, raw: Path, processed: Path, reports: Path) -> pd.DataFrame:
    from pipeline.io.writers import write_json, write_table

    languages = {p.name: p.language for p in config.packs.packs}
    files = filled_worksheets(raw / WORKSHOP, languages, config.source)
    records: list[dict] = []
    for path in files:
        pack = path.stem
        blank = reports / "packs" / pack / f"{pack}_worksheet.xlsx"
        if not blank.is_file():
            raise UserError(blank, "", "not found: the packs stage has not run", "run packs first")
        current = current_findings(read_worksheet(blank, languages[pack]))
        rows = review_sheet(pack, languages[pack], read_worksheet(path, languages[pack]), current)
        log.info(
            "review %s: %d filled rows, %d to publish",
            path,
            len(rows),
            sum(r["published"] for r in rows),
        )
        records += rows
    table = to_table([r for r in records if r["published"]])
    write_table(table, processed, WORKSHOP)
    write_json(metrics(records, files), reports / "metrics" / "workshop.json")
    if not files:
        log.info("review: no filled worksheets in %s: empty workshop table", raw / WORKSHOP)
    return table
