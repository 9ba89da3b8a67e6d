"""Write every declared pack: ``packs/<pack>/`` (PDF handout, PPTX deck, the slide and print PNGs
it uses) and ``tables/<pack>.xlsx``. Every file is written atomically; files and folders of packs
no longer declared, and files a pack no longer uses, are removed, so the outputs always equal
what params declare. The PDFs, decks and workbooks are written by parallel jobs
(:mod:`pipeline.parallel`), each from its pack's plan alone, so their bytes do not depend on
the number of workers."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
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
from pipeline.parallel import run_jobs

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


# The files of a pack that are written from its plan, each an independent job; the cost is
# the share of the stage's time per chart measured on the example (PDF image embedding
# dominates), used to start the longest jobs first.
PARTS: dict[str, float] = {"pdf": 1.0, "deck": 0.2, "workbook": 0.08, "worksheet": 0.06}


@dataclass(frozen=True)
class _Part:
    plan: PackPlan
    part: str  # a key of PARTS
    target: Path  # the final path (for the log and the file list)
    tmp: Path  # where the job writes it (moved into place by the parent)


def _part_target(plan: PackPlan, part: str, packs_dir: Path, tables_dir: Path) -> Path:
    name = plan.spec.name
    if part == "workbook":
        return tables_dir / f"{name}.xlsx"
    if part == "worksheet":
        return packs_dir / name / f"{name}_worksheet.xlsx"
    return packs_dir / name / f"{name}.{'pdf' if part == 'pdf' else 'pptx'}"


def _writer(tables: Tables, packs_dir: Path, when: dt.datetime) -> Callable[[_Part], int]:
    """The job function: write one part; returns its pages, slides or sheets (0 for the
    worksheet)."""

    def write(job: _Part) -> int:
        folder = packs_dir / job.plan.spec.name
        if job.part == "pdf":
            return write_pdf(job.plan, folder, job.tmp, when)
        if job.part == "deck":
            return write_deck(job.plan, folder, job.tmp, when)
        if job.part == "workbook":
            return write_workbook(job.plan, tables, job.tmp, when)
        write_worksheet(job.plan, tables, job.tmp, when)
        return 0

    return write


def _copy_pngs(plan: PackPlan, figures: Path, folder: Path) -> list[Path]:
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
    return written


def write_packs(
    plans: Sequence[PackPlan],
    tables: Tables,
    figures: Path,
    packs_dir: Path,
    tables_dir: Path,
    when: dt.datetime,
    workers: int = 0,
) -> list[PackResult]:
    """Copy each pack's PNGs, then write the PDFs, decks, workbooks and worksheets of all packs
    as parallel jobs (:mod:`pipeline.parallel`; ``workers`` 0 = one per core). Every file is
    written to a temporary path and moved into place only when all jobs have succeeded."""
    pngs = {p.spec.name: _copy_pngs(p, figures, packs_dir / p.spec.name) for p in plans}
    order = sorted(
        ((plan, part) for plan in plans for part in PARTS),
        key=lambda pair: -PARTS[pair[1]] * max(1, len(pair[0].charts)),
    )
    tables.warm()  # build the lookups once here, not once per worker
    with contextlib.ExitStack() as stack:
        jobs = []
        for plan, part in order:
            target = _part_target(plan, part, packs_dir, tables_dir)
            jobs.append(_Part(plan, part, target, stack.enter_context(atomic_path(target))))
        counts = run_jobs(_writer(tables, packs_dir, when), jobs, workers)
    done = {(job.plan.spec.name, job.part): n for job, n in zip(jobs, counts, strict=True)}
    targets = {(job.plan.spec.name, job.part): job.target for job in jobs}
    results = []
    for plan in plans:
        name = plan.spec.name
        own = [targets[name, part] for part in ("pdf", "deck", "worksheet")]
        _remove_other_files(packs_dir / name, {*pngs[name], *own})
        log.info(
            "pack %s (%s, region %s): %d charts, PDF %d pages, deck %d slides, workbook %d sheets",
            name,
            plan.language,
            plan.spec.region,
            len(plan.charts),
            done[name, "pdf"],
            done[name, "deck"],
            done[name, "workbook"],
        )
        files = (*pngs[name], *own, targets[name, "workbook"])
        results.append(
            PackResult(
                name,
                len(plan.charts),
                done[name, "pdf"],
                done[name, "deck"],
                done[name, "workbook"],
                files,
            )
        )
    return results


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
    workers: int = 0,
) -> list[PackResult]:
    """Plan every pack first (so a params problem stops before anything is written), then write
    them and remove what is no longer declared."""
    plans = [plan_pack(spec, manifest, tables, params) for spec in config.packs]
    results = write_packs(plans, tables, figures, packs_dir, tables_dir, when, workers)
    remove_undeclared(packs_dir, tables_dir, config.names)
    return results
