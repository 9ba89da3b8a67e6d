"""Text and workbook exports before they become tables: decoding CSV text (UTF-8 or cp1252),
the separator (declared, Excel's ``sep=`` line, or detected) and the cells of an .xlsx sheet."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from pipeline.errors import UserError, mask_personal


def short_error(exc: Exception) -> str:
    text = mask_personal(" ".join(str(exc).split()))
    return text[:120] if text else type(exc).__name__


def decode_text(path: Path, encoding: str = "auto") -> str:
    """Decode a text export: UTF-8 (with or without BOM), else cp1252; or as declared."""
    raw = path.read_bytes()
    if not raw or raw.isspace():  # `not raw.strip()` without copying the file (10 ms at 28 MB)
        raise UserError(path, "", "the file is empty", "check that the right file was exported")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise UserError(
            path,
            "",
            "is in UTF-16 or another unsupported encoding",
            "save it as UTF-8 CSV (or set encoding in codebook.yaml)",
        )
    candidates = ["utf-8-sig", "cp1252"] if encoding == "auto" else [encoding]
    last: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            return raw.decode(enc)
        except LookupError:
            raise UserError(
                path, "", f"unknown encoding '{enc}' in codebook.yaml", "use auto, utf-8 or cp1252"
            ) from None
        except UnicodeDecodeError as exc:
            last = exc
    assert last is not None
    line = raw[: last.start].count(b"\n") + 1
    tried = " or ".join(candidates)
    raise UserError(
        path,
        f"line {line}",
        f"is not valid {tried} text (byte 0x{raw[last.start]:02x})",
        "save the file as UTF-8 CSV",
    ) from None


def sniff_separator(text: str) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {sep: _count_outside_quotes(first, sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda s: (counts[s], s == ";"))


def _count_outside_quotes(line: str, sep: str) -> int:
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            n += 1
    return n


_EXCEL_SEP = re.compile(r"\A\ufeff?\s*sep=(.)\s*?(\r\n|\n|\r)", re.IGNORECASE)


def csv_layout(text: str, separator: str | None) -> tuple[str, str, str]:
    """(text without BOM and ``sep=`` line, separator, how it was chosen, for messages)."""
    text = text.lstrip("\ufeff")
    hint = _EXCEL_SEP.match(text)
    if hint:
        text = text[hint.end() :]
    if separator:
        return text, separator, f"separator {separator!r} (codebook)"
    if hint:
        return text, hint.group(1), f"separator {hint.group(1)!r} (the file's sep= line)"
    sep = sniff_separator(text)
    return text, sep, f"separator {sep!r} detected from the first line"


def csv_rows(path: Path, text: str, separator: str | None) -> tuple[list[list[Any]], str]:
    """The rows of a CSV text and how its separator was chosen (for messages).

    Excel's ``sep=;`` first line names the separator; it is honoured and skipped."""
    text, sep, how = csv_layout(text, separator)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise UserError(
            path, "", f"is not a readable CSV file ({short_error(exc)})", "re-export it"
        ) from None
    return rows, how


def xlsx_rows(path: Path, sheet: str | None) -> tuple[list[list[Any]], set[tuple[int, int]], str]:
    """Cell values of the sheet, and the (row, column) of formulas that have no stored value.

    Values are read with ``data_only=True`` (the values Excel stored); a formula whose value was
    never stored (a file written by a script, never opened in Excel) reads as empty, so those
    cells are located in a second pass and reported if the codebook maps them."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UserError(
            path,
            "",
            f"cannot be read as an Excel workbook ({short_error(exc)})",
            "re-export it as .xlsx",
        ) from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise UserError(
                    path,
                    f"sheet {sheet!r}",
                    "not found",
                    f"use one of {wb.sheetnames} in codebook.yaml",
                )
            ws = wb[sheet]
        else:
            visible = [w for w in wb.worksheets if w.sheet_state == "visible"]
            if not visible:
                raise UserError(path, "", "has no visible sheet", "name the sheet in codebook.yaml")
            ws = visible[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        title = ws.title
    finally:
        wb.close()
    formulas: set[tuple[int, int]] = set()
    if any(v is None for r in rows for v in r):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            for i, r in enumerate(wb[title].iter_rows(values_only=True)):
                for j, v in enumerate(r):
                    if isinstance(v, str) and v.startswith("=") and rows[i][j] is None:
                        formulas.add((i, j))
        finally:
            wb.close()
    return rows, formulas, title
