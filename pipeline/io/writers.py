"""Atomic writers: every output goes to a temporary file in the target folder and is moved into
place with ``os.replace``, so an interrupted stage leaves the previous file or none at all, never
a half-written one. Outputs are deterministic for the same inputs (no timestamps)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

log = logging.getLogger(__name__)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success move it over ``target``."""
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
    parquet = write_atomic(
        folder / f"{name}.parquet",
        lambda p: df.to_parquet(p, index=False, engine="pyarrow", compression="zstd"),
    )
    csv = write_atomic(
        folder / f"{name}.csv",
        lambda p: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n"),
    )
    log.info("wrote %s (%d rows) as parquet and csv", folder / name, len(df))
    return [parquet, csv]


def write_json(data: Any, target: Path) -> Path:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    write_atomic(target, lambda p: p.write_text(text, encoding="utf-8"))
    log.info("wrote %s", target)
    return target


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
