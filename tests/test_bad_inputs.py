"""Runs the bad-input corpus in tests/bad_inputs/cases.yaml (format described there)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest
import yaml
from bad_input_runner import run_case
from minidata import RATING_FI, ROWS_2012, ROWS_2017, make_raw, write_csv, write_sav

HERE = Path(__file__).parent / "bad_inputs"
ALL_CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
# cases with `stage: activation` run in tests/test_activation_bad_inputs.py
CASES = [c for c in ALL_CASES if c.get("stage", "ingest") == "ingest"]
SAV = "raw/barometer/mini_2012.sav"
XLSX = "raw/barometer/mini_2017_fi.xlsx"
CSV = "raw/barometer/mini_2017_sv.csv"
SAV_FIELDS = ["id", "muni", "group", "w", "q1", "q2", "email", "text"]
CSV_FIELDS = ["id", "muni", "muni_sv", "group", "w", "q1", "q2", "email", "text"]


def _changed(rows: list[tuple], fields: list[str], row: int, values: dict[str, Any]) -> list:
    out = [list(r) for r in rows]
    for k, v in values.items():
        out[row][fields.index(k)] = v
    return [tuple(r) for r in out]


def _encoding(path: Path) -> str:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"  # the mini Swedish CSV, as Excel on Windows writes it
    return "utf-8"


def _relabel_sav(path: Path, labels: dict[str, dict[int, str]]) -> None:
    """Rewrite a .sav with other value labels for some variables (data unchanged)."""
    df, meta = pyreadstat.read_sav(str(path), user_missing=True)
    pyreadstat.write_sav(
        df,
        str(path),
        column_labels=dict(zip(meta.column_names, meta.column_labels, strict=True)),
        variable_value_labels={**meta.variable_value_labels, **labels},
        missing_ranges=meta.missing_ranges,
    )


def apply(root: Path, op: dict[str, Any]) -> None:
    ((name, arg),) = op.items()
    if name == "copy":
        shutil.copy(HERE / arg["from"], root / arg["to"])
    elif name == "duplicate":  # a copy of a file of the case root under another name
        shutil.copy(root / arg["from"], root / arg["to"])
    elif name == "write_bytes":  # a text file re-encoded, e.g. a codebook saved as cp1252
        p = root / arg["path"]
        p.write_bytes(p.read_text(encoding="utf-8").encode(arg["encoding"]))
    elif name == "delete":
        (root / arg).unlink()
    elif name == "truncate":
        p = root / arg["path"]
        p.write_bytes(p.read_bytes()[: arg["keep"]])
    elif name == "replace":
        p = root / arg["path"]
        encoding = arg.get("encoding") or _encoding(p)
        with p.open(encoding=_encoding(p), newline="") as fh:
            text = fh.read()
        assert arg["old"] in text, arg["old"]
        p.write_text(text.replace(arg["old"], arg["new"]), encoding=encoding, newline="")
    elif name == "sav_row":
        write_sav(root / SAV, _changed(ROWS_2012, SAV_FIELDS, arg["row"], arg["set"]))
    elif name == "sav_append_copy":
        write_sav(root / SAV, [*ROWS_2012, ROWS_2012[arg]])
    elif name == "csv_append_copy":  # I, or {row: I, set: {field: value}} for the copy
        row, values = (arg, {}) if isinstance(arg, int) else (arg["row"], arg["set"])
        copy = _changed(ROWS_2017, CSV_FIELDS, row, values)[row]
        write_csv(root / CSV, [*ROWS_2017, copy])
    elif name == "sav_reversed":
        # an older round's coding: 1 = "Erittäin hyvä" ... 5 = "Erittäin huono", labelled so
        rows = [
            tuple(6 - v if k == 4 and v in (1, 2, 3, 4, 5) else v for k, v in enumerate(r))
            for r in ROWS_2012
        ]
        labels = {6 - c if c <= 5 else c: t for c, t in RATING_FI.items()}
        write_sav(root / SAV, rows)
        _relabel_sav(root / SAV, {"q1": labels})
    elif name == "csv_row":
        write_csv(root / CSV, _changed(ROWS_2017, CSV_FIELDS, arg["row"], arg["set"]))
    elif name == "csv_bytes":
        p = root / CSV
        old, new = bytes.fromhex(arg["old"]), bytes.fromhex(arg["new"])
        assert old in p.read_bytes()
        p.write_bytes(p.read_bytes().replace(old, new, 1))
    elif name == "xlsx":
        wb = openpyxl.load_workbook(root / XLSX)
        wb.active[arg["cell"]] = arg["value"]
        wb.save(root / XLSX)
    elif name == "xlsx_hidden_first_sheet":
        wb = openpyxl.load_workbook(root / XLSX)
        info = wb.create_sheet("Ohje", 0)
        info.append(["Tämä välilehti on ohje"])
        info.sheet_state = "hidden"
        wb.active = 1
        wb.save(root / XLSX)
    elif name == "xlsx_blank_rows":
        wb = openpyxl.load_workbook(root / XLSX)
        wb.active.insert_rows(3, amount=arg)
        wb.save(root / XLSX)
    elif name == "xlsx_no_header":
        wb = openpyxl.load_workbook(root / XLSX)
        wb.active.delete_rows(1, amount=2)
        wb.save(root / XLSX)
    elif name == "sav_no_row_count":
        p = root / SAV
        data = bytearray(p.read_bytes())
        data[80:84] = struct.pack("<i", -1)
        p.write_bytes(bytes(data))
    elif name == "zsav":
        df, meta = pyreadstat.read_sav(str(root / SAV), user_missing=True)
        pyreadstat.write_sav(
            df,
            str(root / "raw/barometer/mini_2012.zsav"),
            compress=True,
            variable_value_labels=meta.variable_value_labels,
            missing_ranges=meta.missing_ranges,
        )
        (root / SAV).unlink()
        apply(
            root,
            {
                "replace": {
                    "path": "raw/barometer/codebook.yaml",
                    "old": "mini_2012.sav",
                    "new": "mini_2012.zsav",
                }
            },
        )
    else:  # pragma: no cover - a typo in cases.yaml
        raise AssertionError(f"unknown operation {name}")


def test_corpus_is_large_and_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: dict[str, Any]) -> None:
    root = make_raw(tmp_path)
    for op in case["ops"]:
        apply(root, op)
    if run_case("ingest", root, case, capsys) is None:
        return
    assert pd.read_parquet(root / "processed/responses.parquet").shape[0] > 0
