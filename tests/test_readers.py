"""Reader edge cases: web-tool .sav without row count, hidden sheets, formulas, merged headers,
blank rows, mixed line endings, trailing separators."""

from __future__ import annotations

import struct
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from pipeline.errors import UserError
from pipeline.io.readers import read_export


def test_sav_without_row_count(tmp_path: Path) -> None:
    p = tmp_path / "web.sav"
    pyreadstat.write_sav(pd.DataFrame({"q": [1.0, 2.0, 9.0]}), str(p), missing_ranges={"q": [9]})
    data = bytearray(p.read_bytes())
    assert struct.unpack("<i", data[80:84]) == (3,)
    data[80:84] = struct.pack("<i", -1)  # as web tools write them: row count unknown
    p.write_bytes(bytes(data))
    t = read_export(p, ["q"])
    assert t.data["q"].tolist() == [1.0, 2.0, 9.0]


def _workbook(path: Path, hidden_first: bool = False, formula: bool = False) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first:
        ws.title = "Ohje"
        ws.append(["tämä on ohje"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Vastaukset")
    ws.append(["Kysymys A", None, "Paino"])  # merged-looking first header row
    ws.append(["Lapset", "Nuoret", None])
    ws.append([1, 2, 1.5])
    ws.append([None, None, None])  # blank row in the middle
    ws.append([3, 4, "=1+1" if formula else 2.0])
    wb.save(path)


def test_xlsx_hidden_sheet_blank_rows_and_header_names(tmp_path: Path) -> None:
    p = tmp_path / "x.xlsx"
    _workbook(p, hidden_first=True)
    t = read_export(p, ["Nuoret", 3], header_rows=2)
    assert t.data["Nuoret"].tolist() == [2, 4]
    assert t.data[3].tolist() == [1.5, 2.0]
    assert t.file_rows == [3, 5]
    assert t.blank_rows == 1


def test_xlsx_formula_without_value_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "f.xlsx"
    _workbook(p, formula=True)
    with pytest.raises(UserError, match=r"cell C5.*formula without a stored value"):
        read_export(p, [1, 3], header_rows=2)
    assert read_export(p, [1], header_rows=2).data[1].tolist() == [1, 3]  # unmapped: fine


def test_csv_mixed_line_endings_trailing_separator_and_bom(tmp_path: Path) -> None:
    p = tmp_path / "m.csv"
    p.write_bytes('\ufeffid;q;\r\n1;Melko hyvä;\n2;"rivi\r\nkaksi";\r3;x;\r\n'.encode())
    t = read_export(p, ["id", "q"])
    assert t.data["id"].tolist() == ["1", "2", "3"]
    assert t.data["q"].tolist() == ["Melko hyvä", "rivi\r\nkaksi", "x"]


def test_duplicate_header_names_need_positions(tmp_path: Path) -> None:
    p = tmp_path / "d.csv"
    p.write_text("id,Lapset,Lapset\n1,2,3\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"not unique \(columns \[2, 3\]\).*position"):
        read_export(p, ["Lapset"])
    assert read_export(p, [3]).data[3].tolist() == ["3"]
