"""Ingest behaviour on bad input beyond the corpus of tests/bad_inputs/: declared missing
values, dropped rows, and the exit status of a real process (no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from minidata import ROWS_2012, ROWS_2017, make_raw, write_csv, write_sav
from test_ingest import run_ingest

BARO = Path("raw/barometer")


def edit(path: Path, old: str, new: str) -> None:
    encoding = "cp1252" if path.suffix == ".csv" else "utf-8"  # the mini CSV is cp1252
    text = path.read_text(encoding=encoding)
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding=encoding, newline="")


def codebook(root: Path, old: str, new: str) -> None:
    edit(root / BARO / "codebook.yaml", old, new)


def sav_rows(root: Path, rows: list[tuple]) -> None:
    write_sav(root / BARO / "mini_2012.sav", rows)


def csv_rows(root: Path, rows: list[tuple]) -> None:
    write_csv(root / BARO / "mini_2017_sv.csv", rows)


def truncate_sav(root: Path) -> None:
    p = root / BARO / "mini_2012.sav"
    p.write_bytes(p.read_bytes()[:700])


def with_row(rows: list[tuple], i: int, **changes: object) -> list[tuple]:
    fields = ["id", "muni", "muni_sv", "group", "w", "q1", "q2", "email", "text"]
    if len(rows[0]) == 8:
        fields = ["id", "muni", "group", "w", "q1", "q2", "email", "text"]
    out = [list(r) for r in rows]
    for k, v in changes.items():
        out[i][fields.index(k)] = v
    return [tuple(r) for r in out]


def test_declared_missing_continues_and_is_counted(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    sav_rows(root, with_row(ROWS_2012, 2, q1=99))
    edit(root / BARO / "mini_2017_sv.csv", "Ganska bra", "Ei vastausta")
    assert run_ingest(root) == 0
    import json

    m = json.loads((root / "reports/metrics/ingest.json").read_text())
    assert m["files"]["mini_2012.sav"]["declared_missing_values"] == 1
    assert m["files"]["mini_2017_sv.csv"]["declared_missing_values"] == 1
    df = pd.read_parquet(root / "processed/responses.parquet")
    r = df[(df["round"] == 2012) & (df["item"] == "wb_children")]
    assert r["status"].tolist()[2] == "missing"


def test_rows_without_group_are_dropped_with_reason(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    csv_rows(root, with_row(ROWS_2017, 1, group=None))
    assert run_ingest(root) == 0
    dropped = pd.read_csv(root / "processed/dropped_rows.csv")
    assert dropped.to_dict("records") == [
        {"file": "mini_2017_sv.csv", "row": 4, "reason": "no respondent group"}
    ]


def test_cli_exit_code_without_traceback(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    truncate_sav(root)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "ingest",
            "--params",
            "params.yaml",
            "--raw",
            "raw",
            "--processed",
            "processed",
            "--reports",
            "reports",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: raw/barometer/mini_2012.sav")
