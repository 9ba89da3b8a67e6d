"""A cache of rendered charts, keyed by a fingerprint of everything a chart's picture depends on.

DVC deletes a stage's outputs before it reruns the stage, so the figures stage cannot reuse the
PNGs of the previous run; it keeps a copy of every rendered chart in a folder outside its
outputs (``figures.cache_dir``, by default ``.cache/charts`` beside the reports folder; git- and
DVC-ignored) and renders a chart only when its fingerprint is new.

The fingerprint of a job hashes its drawing function (module and name), its data (columns,
dtypes, category order and every value), its keyword arguments (titles, captions, colours,
limits: the texts of its language), the slide and print dpi, the source of the chart code
(``pipeline/charts/**`` and the i18n modules a drawing reads) and the versions of the libraries
that draw and encode the PNGs. Anything it does not know how to hash is an error, never a
silent collision.

One cache entry is one file ``<fp[:2]>/<fp>.chart`` holding both PNGs behind a header with their
lengths and SHA-256: an entry is written to a temporary file and renamed into place, so
concurrent workers never see a partial entry, and an entry whose checksums do not match (a
damaged disk, a truncated copy) is deleted and the chart rendered again. Reading an entry
touches its modification time; :meth:`ChartCache.evict` removes the least recently used
entries beyond ``figures.cache_max_mb``."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.charts.base import ChartJob

log = logging.getLogger(__name__)

FORMAT = b"welfare-barometer chart cache 1\n"
SUFFIX = ".chart"
TMP = ".tmp"
STALE_TMP_SECONDS = 3600
# Libraries whose version can change a chart's pixels or its PNG bytes.
LIBRARIES = ("plotnine", "matplotlib", "mizani", "pandas", "numpy")
_PIPELINE = Path(__file__).resolve().parents[1]
# The i18n modules read while a chart is drawn (number formats, chart texts); the other texts
# reach a chart through its keyword arguments, which are hashed.
I18N_SOURCES = ("__init__.py", "common.py", "numbers.py", "charts.py")


@cache
def code_version() -> str:
    """Hash of the chart code, the i18n modules it draws with, and the library versions."""
    digest = hashlib.sha256()
    files = sorted((_PIPELINE / "charts").rglob("*.py"))
    files += [_PIPELINE / "i18n" / name for name in I18N_SOURCES]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(_PIPELINE).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version};".encode())
    digest.update(f"python={sys.version_info[0]}.{sys.version_info[1]}".encode())
    # the PNGs are deflated by Python's zlib (pipeline/charts/png.py)
    digest.update(f"zlib={zlib.ZLIB_RUNTIME_VERSION}".encode())
    return digest.hexdigest()


def _frame(frame: pd.DataFrame, update: Callable[[bytes], None]) -> None:
    update(f"frame{frame.shape}".encode())
    _value(list(map(str, frame.columns)), update)
    if isinstance(frame.index, pd.RangeIndex):
        update(repr(frame.index).encode())
    else:
        _series(frame.index.to_series(), update)
    for name in frame.columns:
        _series(frame[name], update)


def _series(series: pd.Series, update: Callable[[bytes], None]) -> None:
    dtype = series.dtype
    update(f"series {series.name!s} {dtype!s} {len(series)};".encode())
    if isinstance(dtype, pd.CategoricalDtype):
        # hash_pandas_object hashes category values, not their order, which sets the axis order
        _value([str(c) for c in dtype.categories], update)
        update(f"ordered={dtype.ordered}".encode())
    hashed = pd.util.hash_pandas_object(series, index=False, categorize=False)
    update(hashed.to_numpy(dtype="uint64").tobytes())


def _value(value: Any, update: Callable[[bytes], None]) -> None:
    """Feed a canonical encoding of ``value`` (type tag + content) to ``update``."""
    if value is None or isinstance(value, bool | int | float | str):
        update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, np.generic):
        update(f"{value.dtype}:{value.item()!r};".encode())
    elif isinstance(value, pd.DataFrame):
        _frame(value, update)
    elif isinstance(value, pd.Series):
        _series(value, update)
    elif isinstance(value, np.ndarray):
        if value.dtype == object:
            _value(value.tolist(), update)
        else:
            update(f"array {value.dtype} {value.shape};".encode() + value.tobytes())
    elif isinstance(value, Mapping):
        # insertion order is kept: it is the legend order of a palette
        update(f"map{len(value)}(".encode())
        for key, item in value.items():
            _value(key, update)
            _value(item, update)
        update(b")")
    elif isinstance(value, list | tuple):
        update(f"{type(value).__name__}{len(value)}(".encode())
        for item in value:
            _value(item, update)
        update(b")")
    elif callable(value) and hasattr(value, "__qualname__"):
        update(f"callable:{value.__module__}.{value.__qualname__};".encode())
    else:
        raise TypeError(f"cannot fingerprint a {type(value).__name__} in a chart job")


def fingerprint(job: ChartJob, slide_dpi: int, print_dpi: int) -> str:
    """Hex SHA-256 of everything the two PNGs of ``job`` depend on (not its id or file names:
    two jobs that draw the same picture share one entry)."""
    digest = hashlib.sha256(code_version().encode())
    update = digest.update
    _value(("dpi", slide_dpi, print_dpi, job.language), update)
    _value(job.build, update)
    _value(job.data, update)
    _value(dict(job.kwargs), update)
    return digest.hexdigest()


def _pack(slide: bytes, print_: bytes) -> bytes:
    header = json.dumps(
        {
            "slide": [len(slide), hashlib.sha256(slide).hexdigest()],
            "print": [len(print_), hashlib.sha256(print_).hexdigest()],
        }
    ).encode()
    return FORMAT + header + b"\n" + slide + print_


def _unpack(blob: bytes) -> tuple[bytes, bytes] | None:
    """The two PNGs of an entry, or None when the entry is not intact."""
    if not blob.startswith(FORMAT):
        return None
    head, sep, body = blob[len(FORMAT) :].partition(b"\n")
    if not sep:
        return None
    try:
        meta = json.loads(head)
        (n_slide, sha_slide), (n_print, sha_print) = meta["slide"], meta["print"]
    except (ValueError, KeyError, TypeError):
        return None
    if len(body) != n_slide + n_print:
        return None
    slide, print_ = body[:n_slide], body[n_slide:]
    if hashlib.sha256(slide).hexdigest() != sha_slide:
        return None
    if hashlib.sha256(print_).hexdigest() != sha_print:
        return None
    return slide, print_


class ChartCache:
    """Rendered charts (slide and print PNG bytes) by fingerprint, in ``folder``; ``max_bytes``
    bounds its size (see :meth:`evict`)."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, key: str) -> tuple[bytes, bytes] | None:
        """The PNGs stored under ``key``; None when absent or damaged (a damaged entry is
        removed, so the chart is rendered and stored again)."""
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        pngs = _unpack(blob)
        if pngs is None:
            log.warning("chart cache: damaged entry %s ignored and removed", path)
            path.unlink(missing_ok=True)
            return None
        # least recently used = oldest modification time; an entry evicted meanwhile by
        # another run does not matter, its bytes are already read
        with contextlib.suppress(OSError):
            os.utime(path)
        return pngs

    def put(self, key: str, slide: bytes, print_: bytes) -> None:
        """Store an entry atomically. Written here, not with pipeline.io's atomic writers:
        those join the stage's output set, and the cache is never an output."""
        target = self.path(key)
        tmp = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TMP, dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_pack(slide, print_))
            os.replace(tmp, target)
        except OSError as error:  # a full disk or a read-only cache never fails the stage
            log.warning("chart cache: could not store %s: %s", target, error)
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)

    def entries(self) -> list[Path]:
        return sorted(self.folder.glob(f"??/*{SUFFIX}"))

    def evict(self) -> list[Path]:
        """Delete the least recently used entries until the cache holds at most ``max_bytes``
        (and left-over temporary files of interrupted writers). Returns what was deleted."""
        removed = []
        now = time.time()
        for tmp in self.folder.glob(f"??/.*{TMP}"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime > STALE_TMP_SECONDS:  # not a writer still at work
                    tmp.unlink()
                    removed.append(tmp)
        stats = []
        for path in self.entries():
            with contextlib.suppress(OSError):
                st = path.stat()
                stats.append((st.st_mtime, path.name, path, st.st_size))
        total = sum(s[3] for s in stats)
        for _, _, path, size in sorted(stats):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            removed.append(path)
            total -= size
        return removed
