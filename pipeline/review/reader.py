"""Read a workshop worksheet (a pack's blank one or a filled copy) into plain rows. The header
must be the pack's worksheet header (pipeline.packs.worksheet.COLUMNS in the pack's language),
so that a file that is not a worksheet, or one of another language, is refused by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import UserError
from pipeline.i18n import t
from pipeline.packs.worksheet import COLUMNS, column_letter, header


@dataclass(frozen=True)
class SheetRow:
    row: int  # row number in the sheet (1 = header)
    values: dict[str, Any]  # column name -> cell value (None when empty)

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def cell(self, column: str) -> str:
        """The cell's address, e.g. ``E7``."""
        return f"{column_letter(column)}{self.row}"


@dataclass(frozen=True)
class Sheet:
    path: Path
    name: str  # worksheet (tab) name
    rows: tuple[SheetRow, ...]


def read_worksheet(path: Path, language: str) -> Sheet:
    """Every row under the header of the worksheet tab of ``path``."""
    from openpyxl import load_workbook

    name = t("workshop.sheet", language)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError, ...
        raise UserError(
            path,
            "",
            f"cannot be read as an Excel workbook ({type(exc).__name__})",
            "save the worksheet as .xlsx (Excel or LibreOffice: Save as, Excel 2007-365)",
        ) from None
    try:
        if name not in wb.sheetnames:
            raise UserError(
                path,
                "",
                f"has no sheet {name!r}: not a workshop worksheet of a {language!r} pack",
                "return the pack's own worksheet (reports/packs/<pack>/<pack>_worksheet.xlsx)",
            )
        ws = wb[name]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    expected = header(language)
    found = [str(v).strip() if v is not None else "" for v in (rows[0] if rows else ())]
    found = (found + [""] * len(expected))[: len(expected)]
    for i, (want, got) in enumerate(zip(expected, found, strict=True)):
        if want != got:
            raise UserError(
                path,
                f"sheet {name!r}, cell {column_letter(COLUMNS[i])}1",
                f"header {got!r} where the worksheet has {want!r}",
                "do not add, move or delete columns; copy the texts into the pack's current "
                "worksheet if the layout was changed",
            )
    out = []
    for number, values in enumerate(rows[1:], start=2):
        cells = (list(values) + [None] * len(COLUMNS))[: len(COLUMNS)]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
            continue
        out.append(SheetRow(number, dict(zip(COLUMNS, cells, strict=True))))
    return Sheet(path, name, tuple(out))
