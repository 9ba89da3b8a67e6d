"""Row digests of exports: exact double submissions are found by comparing one digest per row
over every column (mapped or not), so personal columns are never held whole in memory."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import UserError
from pipeline.io.textfiles import short_error

# the characters Python's str.strip() removes from an ASCII text (for pyarrow's utf8_trim)
ASCII_STRIP = " \t\n\v\f\r\x1c\x1d\x1e\x1f"


def sav_digests(path: Path, read_kw: dict[str, Any]) -> list[bytes]:
    """Digests of every case over all variables, read in chunks so that the unmapped columns
    are never held whole in memory."""
    import pyreadstat

    out: list[bytes] = []
    try:
        for chunk, _ in pyreadstat.read_file_in_chunks(
            pyreadstat.read_sav, str(path), chunksize=20000, **read_kw
        ):
            out.extend(row_digest(r) for r in chunk.itertuples(index=False, name=None))
    except Exception as exc:  # pyreadstat raises several types for broken files
        raise unreadable_sav(
            path, exc, "the file may be damaged in its unmapped variables: re-export it"
        ) from None
    return out


def row_digest(values: Sequence[Any]) -> bytes:
    """A digest of one row's cells; blank cells and trailing blanks do not count."""
    cells = [_digest_text(v) for v in values]
    while cells and not cells[-1]:
        cells.pop()
    return hashlib.blake2b("\x1f".join(cells).encode("utf-8"), digest_size=16).digest()


def _digest_text(value: Any) -> str:
    if blank(value):
        return ""
    return str(value).strip()


def blank(value: Any) -> bool:
    """An empty cell: None, NaN or white space only."""
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and value != value)
    )


def unreadable_sav(path: Path, exc: Exception, fix: str) -> UserError:
    """The error for an SPSS file that pyreadstat cannot read (it raises several types)."""
    return UserError(path, "", f"cannot be read as an SPSS file ({short_error(exc)})", fix)
