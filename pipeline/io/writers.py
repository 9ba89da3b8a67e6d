"""Atomic writers: every output goes to a temporary file in the target folder and is moved into
place with ``os.replace``, so an interrupted stage leaves the previous file or none at all, never
a half-written one. Outputs are deterministic for the same inputs (no timestamps).

Inside :func:`output_set` (the command line wraps every stage in one) the writes of a whole
stage are all-or-nothing: each file is written into a temporary folder beside its target and
the files are moved into place only when the stage has finished; a stage that fails leaves
every previous output as it was."""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.io.parquet import FrameRows, RowSource, write_parquet, write_row_groups

log = logging.getLogger(__name__)


class OutputSet:
    """Files written by one stage, held in temporary folders until :meth:`commit`. Files may
    be written from several threads (:func:`in_background`)."""

    def __init__(self) -> None:
        self.staging: dict[Path, Path] = {}  # target folder -> its temporary folder
        self.pending: dict[Path, Path] = {}  # target -> staged file
        self.lock = threading.Lock()

    def stage_path(self, target: Path) -> Path:
        folder = target.parent
        with self.lock:  # one temporary folder per target folder, also across threads
            if folder not in self.staging:
                folder.mkdir(parents=True, exist_ok=True)
                self.staging[folder] = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
            return self.staging[folder] / target.name

    def add(self, target: Path, staged: Path) -> None:
        """``staged`` replaces ``target`` at commit (after the files added before it)."""
        with self.lock:
            self.pending.pop(target, None)
            self.pending[target] = staged

    def commit(self) -> None:
        for target, staged in self.pending.items():
            os.replace(staged, target)
        self.pending.clear()

    def discard(self) -> None:
        for folder in self.staging.values():
            shutil.rmtree(folder, ignore_errors=True)
        self.staging.clear()
        self.pending.clear()


_ACTIVE: contextvars.ContextVar[OutputSet | None] = contextvars.ContextVar(
    "output_set", default=None
)


@contextlib.contextmanager
def output_set() -> Iterator[OutputSet]:
    """Make the writes inside the block all-or-nothing (see the module docstring).

    Files are moved into place in the order they were written, after the block succeeded; on
    an exception (also KeyboardInterrupt) the staged files are deleted and nothing is
    replaced. Nested blocks join the outermost one."""
    current = _ACTIVE.get()
    if current is not None:
        yield current
        return
    out = OutputSet()
    token = _ACTIVE.set(out)
    try:
        yield out
        _ACTIVE.reset(token)
        out.commit()
    finally:
        if _ACTIVE.get() is out:
            _ACTIVE.reset(token)
        out.discard()


@contextlib.contextmanager
def in_background(job: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[Future[Any]]:
    """Run ``job`` in a thread (inside the caller's :func:`output_set`, whose staged files it
    joins) while the block runs; leaving the block waits for it and raises its error. If the
    block fails, the job is still waited for (its staged file must not be written while the
    output set is discarded) and the block's error is raised."""
    context = contextvars.copy_context()  # the output set is a context variable
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="background") as pool:
        future = pool.submit(context.run, job, *args, **kwargs)
        try:
            yield future
        finally:
            wait([future])
        future.result()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target`` (inside
    an :func:`output_set`, when the set is committed)."""
    active = _ACTIVE.get()
    if active is not None:
        staged = active.stage_path(target)
        yield staged
        os.chmod(staged, 0o644)
        active.add(target, staged)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_atomic(target: Path, writer: Callable[[Path], Any]) -> Path:
    with atomic_path(target) as tmp:
        writer(tmp)
    return target


def write_table(df: pd.DataFrame, folder: Path, name: str) -> list[Path]:
    """Write ``name.parquet`` and ``name.csv`` (UTF-8, comma, dot decimal) atomically."""
    parquet = write_atomic(folder / f"{name}.parquet", lambda p: write_parquet(df, p))
    csv = write_atomic(
        folder / f"{name}.csv",
        lambda p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n"),
    )
    log.info("wrote %s (%d rows) as parquet and csv", folder / name, len(df))
    return [parquet, csv]


# Rows of an Excel or LibreOffice sheet, the header row included
SPREADSHEET_ROWS = 1_048_576


def responses_csv_wanted(rows: int, policy: str) -> bool:
    """Whether ingest writes the full ``responses.csv`` (params ``ingest.responses_csv``):
    ``always``, ``never``, or ``auto``: while the table fits a spreadsheet (header + rows)."""
    return policy == "always" or (policy == "auto" and rows + 1 <= SPREADSHEET_ROWS)


def write_responses(
    table: RowSource | pd.DataFrame,
    folder: Path,
    policy: str,
    check: Callable[[pd.DataFrame], None] | None = None,
) -> list[Path]:
    """``responses.parquet`` (dictionary-encoded text columns, as the categoricals are; row
    group by row group, :func:`write_row_groups`, each range checked with ``check``) and
    ``responses.csv``: the table when :func:`responses_csv_wanted`, else a one-cell note
    that says where the rows are and how to get the CSV (the file always exists, so that it
    stays a DVC output of the ingest stage and no stale copy of an earlier table is left)."""
    source = FrameRows(table) if isinstance(table, pd.DataFrame) else table
    rows = source.rows
    parquet = write_atomic(
        folder / "responses.parquet", lambda p: write_row_groups(p, source, check)
    )
    if responses_csv_wanted(rows, policy):
        csv = folder / "responses.csv"
        whole = source.frame()
        write_atomic(csv, lambda p: whole.to_csv(p, index=False, lineterminator="\n"))
        log.info(
            "wrote %s (%d rows) as parquet and csv (ingest.responses_csv: %s)",
            folder / "responses",
            rows,
            policy,
        )
        return [parquet, csv]
    why = (
        f"more than a spreadsheet holds ({SPREADSHEET_ROWS:,} rows)"
        if policy == "auto"
        else "ingest.responses_csv is never"
    )
    note = pd.DataFrame(
        {
            "note": [
                f"responses has {rows:,} rows, {why}: the rows are in responses.parquet. "
                "Set ingest.responses_csv: always in params.yaml to write them here as CSV."
            ]
        }
    )
    csv = write_csv(note, folder / "responses.csv")
    log.info(
        "wrote %s (%d rows) as parquet; responses.csv holds only a note (%s; "
        "ingest.responses_csv: %s)",
        folder / "responses",
        rows,
        why,
        policy,
    )
    return [parquet, csv]


def write_csv(df: pd.DataFrame, target: Path) -> Path:
    """One CSV file (UTF-8, comma, dot decimal, LF) written atomically."""
    write_atomic(target, lambda p: df.to_csv(p, index=False, lineterminator="\n"))
    log.info("wrote %s (%d rows)", target, len(df))
    return target


def write_json(data: Any, target: Path) -> Path:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(target, lambda p: p.write_text(text, encoding="utf-8"))
    log.info("wrote %s", target)
    return target


def read_responses(folder: Path) -> pd.DataFrame:
    """``responses.parquet`` with its text columns as categoricals (as ingest wrote them).

    Read with pyarrow directly: ``self_destruct`` frees each Arrow column as soon as it is
    converted and ``split_blocks`` skips consolidating the columns into 2-D blocks, so the
    36-million-row national table is not held twice (and is read 15 % faster)."""
    path = folder / "responses.parquet"
    if not path.is_file():
        return read_table(folder, "responses")  # the same message as any missing table
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    return table.to_pandas(split_blocks=True, self_destruct=True)


def read_table(folder: Path, name: str) -> pd.DataFrame:
    path = folder / f"{name}.parquet"
    if not path.is_file():
        from pipeline.errors import UserError

        raise UserError(
            path,
            "",
            "not found: an earlier stage has not run",
            "run `dvc repro` or `barometer run` (or the earlier stage) first",
        )
    return pd.read_parquet(path)


@contextlib.contextmanager
def staged_dirs(*targets: Path) -> Iterator[list[Path]]:
    """All-or-nothing replacement of whole output folders (figures, packs, tables).

    Yields one temporary folder beside each target, starting as a copy of it (hard links, so
    unchanged files cost nothing and keep their bytes; writers replace files, never write into
    them). When the block succeeds each target is swapped for its temporary folder; when it
    fails the temporary folders are deleted and the targets are untouched."""
    staged: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
            if target.is_dir():
                tmp.rmdir()
                shutil.copytree(target, tmp, copy_function=_link_or_copy, symlinks=True)
            staged.append(tmp)
        yield staged
        for target, tmp in zip(targets, staged, strict=True):
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            if target.exists():
                os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        for tmp in staged:
            shutil.rmtree(tmp, ignore_errors=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # file system without hard links
        shutil.copy2(src, dst)
