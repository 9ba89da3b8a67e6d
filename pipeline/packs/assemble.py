"""Write every declared pack: ``packs/<pack>/`` (PDF handout, PPTX deck, the slide and print PNGs
it uses) and ``tables/<pack>.xlsx``. Every file is written atomically; files and folders of packs
no longer declared, and files a pack no longer uses, are removed, so the outputs always equal
what params declare."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.io.writers import atomic_path
from pipeline.packs.config import PacksConfig
from pipeline.packs.deck import write_deck
from pipeline.packs.findings import Tables
from pipeline.packs.pdf import write_pdf
from pipeline.packs.plan import PackPlan, plan_pack
from pipeline.packs.workbook import write_workbook
from pipeline.packs.worksheet import write_worksheet

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackResult:
    name: str
    charts: int
    pages: int
    slides: int
    sheets: int
    files: tuple[Path, ...]


def _copy(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return  # unchanged: keep the file (and its mtime) as it is
    with atomic_path(target) as tmp:
        shutil.copyfile(source, tmp)


def write_pack(
    plan: PackPlan,
    tables: Tables,
    figures: Path,
    packs_dir: Path,
    tables_dir: Path,
    when: dt.datetime,
) -> PackResult:
    name = plan.spec.name
    folder = packs_dir / name
    written: list[Path] = []
    for page in plan.charts:
        for src, dst in ((page.png, page.pack_png), (page.png_print, page.pack_png_print)):
            source = figures / src
            if not source.is_file():
                from pipeline.errors import UserError

                raise UserError(
                    source,
                    f"chart {page.id}",
                    "listed in the figures manifest but missing",
                    "rerun the figures stage",
                )
            _copy(source, folder / dst)
            written.append(folder / dst)
    pdf = folder / f"{name}.pdf"
    with atomic_path(pdf) as tmp:
        pages = write_pdf(plan, folder, tmp, when)
    deck = folder / f"{name}.pptx"
    with atomic_path(deck) as tmp:
        slides = write_deck(plan, folder, tmp, when)
    xlsx = tables_dir / f"{name}.xlsx"
    with atomic_path(xlsx) as tmp:
        sheets = write_workbook(plan, tables, tmp, when)
    worksheet = folder / f"{name}_worksheet.xlsx"
    with atomic_path(worksheet) as tmp:
        write_worksheet(plan, tables, tmp, when)
    written += [pdf, deck, worksheet]
    _remove_other_files(folder, set(written))
    log.info(
        "pack %s (%s, region %s): %d charts, PDF %d pages, deck %d slides, workbook %d sheets",
        name,
        plan.language,
        plan.spec.region,
        len(plan.charts),
        pages,
        slides,
        sheets,
    )
    return PackResult(name, len(plan.charts), pages, slides, sheets, (*written, xlsx))


def _remove_other_files(folder: Path, keep: set[Path]) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            log.info("removed %s (no longer in the pack)", path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def remove_undeclared(packs_dir: Path, tables_dir: Path, names: Sequence[str]) -> None:
    """Remove pack folders and workbooks of packs no longer declared in params."""
    if packs_dir.is_dir():
        for path in sorted(packs_dir.iterdir()):
            if path.is_dir() and path.name not in names:
                shutil.rmtree(path)
                log.info("removed %s (pack no longer declared)", path)
    if tables_dir.is_dir():
        for path in sorted(tables_dir.glob("*.xlsx")):
            if path.stem not in names:
                path.unlink()
                log.info("removed %s (pack no longer declared)", path)


def build_packs(
    config: PacksConfig,
    manifest: Sequence[Mapping[str, Any]],
    tables: Tables,
    figures: Path,
    packs_dir: Path,
    tables_dir: Path,
    when: dt.datetime,
    params: str = "params.yaml",
) -> list[PackResult]:
    """Plan every pack first (so a params problem stops before anything is written), then write
    them and remove what is no longer declared."""
    plans = [plan_pack(spec, manifest, tables, params) for spec in config.packs]
    results = [write_pack(p, tables, figures, packs_dir, tables_dir, when) for p in plans]
    remove_undeclared(packs_dir, tables_dir, config.names)
    return results
