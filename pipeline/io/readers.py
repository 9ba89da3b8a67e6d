"""Readers for survey exports: SPSS (.sav/.zsav) and web-survey tables (.xlsx, .csv).

Every reader returns a :class:`RawTable` holding only the columns the caller asks for, so
columns that the codebook does not map (e-mail, names, free text, timestamps) are never kept in
memory past the read. Problems become :class:`~pipeline.errors.UserError` naming the file.

Over 300 lines: the header matching and the cell checks of a web table (position or header
text, blank and formula cells, field counts) belong to one reader and are each short; the text
and workbook parsing itself is in :mod:`pipeline.io.textfiles`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.errors import UserError, quote
from pipeline.io.digests import blank as _is_blank
from pipeline.io.digests import row_digest, sav_digests, unreadable_sav
from pipeline.io.textfiles import csv_rows, decode_text, xlsx_rows

__all__ = ["ColumnRef", "RawTable", "decode_text", "fold", "read_export"]

ColumnRef = str | int
_WS = re.compile(r"\s+")


def fold(text: Any) -> str:
    """Case- and white-space-insensitive form of a label or header (NBSP counts as space)."""
    if text is None:
        return ""
    s = str(text).replace("\u00a0", " ").replace("\ufeff", "")
    return _WS.sub(" ", s).strip().casefold()


@dataclass
class RawTable:
    """The requested columns of one export, values as the file holds them."""

    path: Path
    data: pd.DataFrame  # columns are the requested refs, in request order
    names: dict[ColumnRef, str]  # ref -> human name of the column ("q1_1", "column 9 'Lapset'")
    file_rows: list[int]  # for each data row, its 1-based row (or case) number in the file
    row_word: str = "row"
    value_labels: dict[ColumnRef, dict[Any, str]] = field(default_factory=dict)
    blank_rows: int = 0
    header_cells: dict[ColumnRef, list[Any]] = field(default_factory=dict)  # web exports
    # per data row, a digest of *all* its cells (mapped or not), to find double submissions
    # without keeping the unmapped (personal) columns in memory: bytes (SPSS, .xlsx) or, from
    # the fast CSV reader, an integer array whose values are equal exactly when rows are
    row_digests: list[bytes] | np.ndarray = field(default_factory=list)
    sheet: str | None = None  # .xlsx: the sheet that was read
    separator: str | None = None  # .csv: the separator used

    @property
    def rows_read(self) -> int:
        return len(self.data)

    def exact_duplicates(self) -> dict[int, int]:
        """row index -> index of the earlier row it repeats cell for cell (vectorised: one
        factorisation of the row keys, no loop per row)."""
        if len(self.row_digests) == 0:
            return {}
        keys = self.row_digests
        codes = pd.factorize(
            np.asarray(keys) if isinstance(keys, np.ndarray) else pd.Series(list(keys))
        )[0]
        # first row of each key, without sorting: assigned in reverse row order, the earliest
        # row of a repeated key is written last (numpy assigns fancy indices in order)
        first_of = np.empty(int(codes.max()) + 1, dtype=np.int64)
        first_of[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
        first = first_of[codes]
        repeats = np.flatnonzero(first != np.arange(len(codes)))
        return {int(i): int(first[i]) for i in repeats}

    def without_rows(self, rows: Sequence[int]) -> RawTable:
        """A copy without the given row indices (positions in ``data``)."""
        keep_mask = np.ones(self.rows_read, dtype=bool)
        keep_mask[np.asarray(list(rows), dtype=np.int64)] = False
        keep = np.flatnonzero(keep_mask)
        digests: list[bytes] | np.ndarray = []
        if isinstance(self.row_digests, np.ndarray):
            digests = self.row_digests[keep]
        elif self.row_digests:
            digests = [self.row_digests[i] for i in keep]
        return replace(
            self,
            data=self.data.iloc[keep].reset_index(drop=True),
            file_rows=[self.file_rows[i] for i in keep],
            row_digests=digests,
        )

    def place(self, ref: ColumnRef | None, row_index: int | None = None) -> str:
        where = f"{self.col_word} {self.names[ref]}" if ref is not None else ""
        if row_index is not None:
            sep = ", " if where else ""
            where += f"{sep}{self.row_word} {self.file_rows[row_index]}"
        return where

    @property
    def col_word(self) -> str:
        return "variable" if self.row_word == "case" else "column"


def read_export(
    path: Path,
    refs: Sequence[ColumnRef],
    *,
    header_rows: int = 1,
    sheet: str | None = None,
    separator: str | None = None,
    encoding: str = "auto",
    numeric: Sequence[ColumnRef] = (),
) -> RawTable:
    """Read the columns ``refs`` (names or 1-based positions) of one export.

    ``numeric``: refs of item columns; a CSV export may give their cells as integer codes
    instead of texts when every cell is one (:mod:`pipeline.io.fastcsv`)."""
    if not path.is_file():
        raise UserError(
            path,
            "",
            "file listed in the codebook does not exist",
            "copy the export there or fix 'file' in codebook.yaml",
        )
    suffix = path.suffix.lower()
    if suffix in (".sav", ".zsav"):
        return read_sav(path, refs, encoding)
    if suffix in (".xlsx", ".xlsm"):
        rows, formulas, title = xlsx_rows(path, sheet)
        table = _web_table(path, rows, refs, header_rows, formulas, f"sheet {title!r} was read")
        table.sheet = title
        return table
    if suffix in (".csv", ".txt", ".tsv"):
        from pipeline.io.fastcsv import read_csv_fast

        text = decode_text(path, encoding)
        fast = read_csv_fast(path, text, separator, refs, header_rows, numeric)
        if fast is not None:
            return fast
        rows, how = csv_rows(path, text, separator)
        table = _web_table(path, rows, refs, header_rows, set(), how, csv_fields=True)
        table.separator = how
        return table
    raise UserError(
        path, "", f"unsupported file type '{suffix}'", "export as .sav, .zsav, .xlsx or .csv"
    )


# --------------------------------------------------------------------------- SPSS


def read_sav(path: Path, refs: Sequence[ColumnRef], encoding: str = "auto") -> RawTable:
    """Read the mapped variables of an SPSS file. ``encoding`` (codebook key) overrides the
    code page the file declares, for legacy files whose labels read as mojibake."""
    import pyreadstat

    read_kw: dict[str, Any] = {"user_missing": True, "apply_value_formats": False}
    if encoding != "auto":
        read_kw["encoding"] = encoding
    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True, **read_kw)
    except Exception as exc:  # pyreadstat raises several types for broken files
        raise unreadable_sav(path, exc, "re-export it from SPSS or the survey tool") from None
    columns = list(meta.column_names)
    lower = {c.casefold(): c for c in columns}
    wanted: dict[ColumnRef, str] = {}
    for ref in refs:
        if isinstance(ref, int):
            if ref > len(columns):
                raise UserError(
                    path,
                    f"column {ref}",
                    f"the file has only {len(columns)} variables",
                    "fix the position in codebook.yaml",
                )
            wanted[ref] = columns[ref - 1]
        elif ref in columns or ref.casefold() in lower:
            wanted[ref] = ref if ref in columns else lower[ref.casefold()]
        else:
            raise UserError(
                path,
                f"variable {ref}",
                "not found in the file",
                f"fix the name in codebook.yaml (the file has e.g. {columns[:6]})",
            )
    usecols = sorted(set(wanted.values()), key=columns.index)
    try:
        df, meta = pyreadstat.read_sav(str(path), usecols=usecols, **read_kw)
    except Exception as exc:
        raise unreadable_sav(path, exc, "the file may be truncated: re-export it") from None
    if len(df) == 0:
        raise UserError(
            path,
            "",
            "the export has no respondents (0 cases)",
            "check that the right file was exported",
        )
    data = pd.DataFrame({ref: df[var].to_numpy() for ref, var in wanted.items()})
    labels = {ref: dict(meta.variable_value_labels.get(var, {})) for ref, var in wanted.items()}
    table = RawTable(path, data, dict(wanted), list(range(1, len(df) + 1)), "case", labels)
    table.row_digests = sav_digests(path, read_kw)
    return table


def _web_table(
    path: Path,
    rows: list[list[Any]],
    refs: Sequence[ColumnRef],
    header_rows: int,
    formulas: set[tuple[int, int]],
    source: str = "",
    csv_fields: bool = False,
) -> RawTable:
    """``source`` says how the file was read (sheet, separator), for messages whose real cause
    may be there; ``csv_fields`` checks that no data row has more fields than the header."""
    # Leading completely blank rows are skipped (some tools write one); the header follows.
    lead = 0
    while lead < len(rows) and all(_is_blank(v) for v in rows[lead]):
        lead += 1
    rows = rows[lead:]
    if len(rows) < header_rows:
        raise UserError(
            path,
            "",
            f"has fewer than the {header_rows} header row(s) the codebook declares"
            + (f" ({source})" if source else ""),
            "check header_rows in codebook.yaml",
        )
    width = max(len(r) for r in rows)
    headers = [list(r) + [None] * (width - len(r)) for r in rows[:header_rows]]
    body = rows[header_rows:]
    first_row = lead + header_rows + 1
    names = _header_names(headers)
    positions = column_positions(path, names, width, refs, source)
    if csv_fields:
        _check_field_counts(path, headers, body, first_row)
    keep_idx: list[int] = []
    blank = 0
    for i, r in enumerate(body):
        if all(_is_blank(v) for v in r):
            blank += 1
            continue
        keep_idx.append(i)
    if not keep_idx:
        raise UserError(
            path,
            "",
            "the export has no respondents (no data rows under the header)",
            "check that the right file was exported",
        )
    for i, j in sorted(formulas):
        if j in positions.values() and i >= lead + header_rows:
            raise UserError(
                path,
                f"cell {_cell_name(i, j)}",
                "holds a formula without a stored value",
                "open the file in Excel and save it, or paste the values over the formulas",
            )
    cols = {ref: [_cell(body[i], j) for i in keep_idx] for ref, j in positions.items()}
    data = pd.DataFrame(cols, columns=list(positions), dtype=object)
    named = {
        ref: f"{j + 1} '{names[j][:40]}'" if names[j] else f"{j + 1}"
        for ref, j in positions.items()
    }
    file_rows = [first_row + i for i in keep_idx]
    header_cells = {ref: [h[j] for h in headers] for ref, j in positions.items()}
    return RawTable(
        path,
        data,
        named,
        file_rows,
        blank_rows=blank,
        header_cells=header_cells,
        row_digests=[row_digest(body[i]) for i in keep_idx],
    )


def _check_field_counts(
    path: Path, headers: list[list[Any]], body: list[list[Any]], first_row: int
) -> None:
    """A row with more (non-empty) fields than the header was split by a separator inside an
    unquoted text: its cells would be read one column off."""
    width = max(_used_width(h) for h in headers)
    for i, r in enumerate(body):
        used = _used_width(r)
        if used > width:
            raise UserError(
                path,
                f"row {first_row + i}",
                f"has {used} fields but the header has {width}: a separator inside an "
                "unquoted text (e.g. free text with ';') shifts the columns",
                "quote the texts or remove the stray separator, and re-export the file",
            )


def _used_width(row: list[Any]) -> int:
    n = len(row)
    while n and _is_blank(row[n - 1]):
        n -= 1
    return n


def _cell_name(i: int, j: int) -> str:
    """Excel name of a 0-based (row, column): (4, 2) -> "C5"."""
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{i + 1}"


def _cell(row: list[Any], j: int) -> Any:
    return row[j] if j < len(row) else None


def _header_names(headers: list[list[Any]]) -> list[str]:
    """One name per column: the last header row where it is not empty, else the first."""
    names = []
    for j in range(len(headers[0])):
        texts = [str(h[j]).strip() if not _is_blank(h[j]) else "" for h in headers]
        names.append(next((t for t in reversed(texts) if t), ""))
    return names


def column_positions(
    path: Path, names: list[str], width: int, refs: Sequence[ColumnRef], source: str = ""
) -> dict[ColumnRef, int]:
    """0-based column of each ref (a 1-based position or a header text) in a web export."""
    folded = [fold(n) for n in names]
    positions: dict[ColumnRef, int] = {}
    for ref in refs:
        if isinstance(ref, int):
            if ref > width:
                raise UserError(
                    path,
                    f"column {ref}",
                    f"the file has only {width} columns ({source})"
                    if source
                    else f"the file has only {width} columns",
                    "fix the position in codebook.yaml, or the sheet or separator"
                    if source
                    else "fix the position in codebook.yaml",
                )
            positions[ref] = ref - 1
            continue
        wanted = fold(ref)  # once per ref, not once per column (64 x 64 folds: 5 ms)
        hits = [j for j, f in enumerate(folded) if f and f == wanted]
        if not hits:
            raise UserError(
                path,
                f"column {quote(ref)}",
                f"not found in the header ({source})" if source else "not found in the header",
                "fix the name in codebook.yaml, or map the column by its position",
            )
        if len(hits) > 1:
            raise UserError(
                path,
                f"column '{ref}'",
                f"the header text is not unique (columns {[h + 1 for h in hits]})",
                "map the column by its 1-based position in codebook.yaml",
            )
        positions[ref] = hits[0]
    return positions
