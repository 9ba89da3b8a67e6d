"""Bad input to ingest: each case exits 2 with one line naming file and place, and writes
nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
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


def utf16_csv(root: Path) -> None:
    p = root / BARO / "mini_2017_sv.csv"
    p.write_bytes(p.read_text(encoding="cp1252").encode("utf-16"))


def undecodable_csv(root: Path) -> None:
    p = root / BARO / "mini_2017_sv.csv"
    p.write_bytes(p.read_bytes().replace(b"Karleby", b"Karl\x81by"))


def empty_csv(root: Path) -> None:
    (root / BARO / "mini_2017_sv.csv").write_bytes(b"")


def header_only_csv(root: Path) -> None:
    csv_rows(root, [])


def with_row(rows: list[tuple], i: int, **changes: object) -> list[tuple]:
    fields = ["id", "muni", "muni_sv", "group", "w", "q1", "q2", "email", "text"]
    if len(rows[0]) == 8:
        fields = ["id", "muni", "group", "w", "q1", "q2", "email", "text"]
    out = [list(r) for r in rows]
    for k, v in changes.items():
        out[i][fields.index(k)] = v
    return [tuple(r) for r in out]


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "missing file": (
        lambda r: (r / BARO / "mini_2017_fi.xlsx").unlink(),
        ["mini_2017_fi.xlsx", "does not exist"],
    ),
    "truncated sav": (truncate_sav, ["mini_2012.sav", "cannot be read as an SPSS file"]),
    "csv in UTF-16": (utf16_csv, ["mini_2017_sv.csv", "UTF-16"]),
    "csv undecodable": (undecodable_csv, ["mini_2017_sv.csv", "line", "cp1252"]),
    "absent sav variable": (
        lambda r: codebook(r, "ch_children: q2}", "ch_children: q7}"),
        ["mini_2012.sav", "variable q7", "not found"],
    ),
    "absent web column": (
        lambda r: codebook(
            r,
            "weight: 8\n    personal: [2, 7]\n    items: {wb_children: 5, "
            "ch_children: 6}\n  - file: mini_2017_sv.csv",
            "weight: 12\n    personal: [2, 7]\n    items: {wb_children: 5, "
            "ch_children: 6}\n  - file: mini_2017_sv.csv",
        ),
        ["mini_2017_fi.xlsx", "column 12", "only 8 columns"],
    ),
    "code not on scale": (
        lambda r: sav_rows(r, with_row(ROWS_2012, 2, q1=7)),
        ["mini_2012.sav", "variable q1", "case 3", "'7'", "not on the scale"],
    ),
    "misspelt label": (
        lambda r: edit(r / BARO / "mini_2017_sv.csv", "Mycket bra", "Myket bra"),
        ["mini_2017_sv.csv", "column 5", "row 7", "Myket bra", "not on the scale"],
    ),
    "unknown municipality for the year": (
        lambda r: sav_rows(r, with_row(ROWS_2012, 4, muni=999)),
        ["mini_2012.sav", "variable kunta", "case 5", "999", "not valid in 2012"],
    ),
    "merged municipality used after merger": (
        lambda r: csv_rows(r, with_row(ROWS_2017, 0, muni_sv="Töysä")),
        ["mini_2017_sv.csv", "column 3", "row 3", "Töysä"],
    ),
    "duplicate respondent ids": (
        lambda r: sav_rows(r, with_row(ROWS_2012, 3, id=101)),
        ["mini_2012.sav", "variable id", "case 4", "duplicate respondent id '101'", "case 1"],
    ),
    "empty export": (empty_csv, ["mini_2017_sv.csv", "empty"]),
    "export without data rows": (header_only_csv, ["mini_2017_sv.csv", "no respondents"]),
    "codebook unknown key": (
        lambda r: codebook(r, "    round: 2012\n", "    round: 2012\n    wieght: paino\n"),
        ["codebook.yaml", "exports[0].wieght", "unknown key", "weight"],
    ),
    "codebook missing required key": (
        lambda r: codebook(r, "    kind: change\n", ""),
        ["codebook.yaml", "scales.change3.kind", "required key is missing"],
    ),
    "codebook not YAML": (
        lambda r: codebook(r, "survey: minibaro", "survey: [minibaro"),
        ["codebook.yaml", "not valid YAML"],
    ),
    "negative weight": (
        lambda r: sav_rows(r, with_row(ROWS_2012, 1, w=-2.0)),
        ["mini_2012.sav", "variable paino", "case 2", "not positive"],
    ),
    "zero weight": (
        lambda r: csv_rows(r, with_row(ROWS_2017, 5, w="0")),
        ["mini_2017_sv.csv", "column 8", "row 8", "not positive"],
    ),
    "missing weight": (
        lambda r: csv_rows(r, with_row(ROWS_2017, 2, w="")),
        ["mini_2017_sv.csv", "column 8", "row 5", "weight is missing"],
    ),
    "weight as text": (
        lambda r: csv_rows(r, with_row(ROWS_2017, 2, w="seitsemän")),
        ["mini_2017_sv.csv", "column 8", "row 5", "not a number"],
    ),
    "unknown respondent group": (
        lambda r: sav_rows(r, with_row(ROWS_2012, 0, group=7)),
        ["mini_2012.sav", "variable ryhma", "case 1", "respondent group '7'"],
    ),
    "params typo": (
        lambda r: edit(r / "params.yaml", "min_cell", "min_cel"),
        ["params.yaml", "analyse.min_cel", "unknown key", "min_cell"],
    ),
    "reference file missing": (
        lambda r: (r / "raw/reference/mergers.csv").unlink(),
        ["mergers.csv", "not found"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    root = make_raw(tmp_path)
    mutate, fragments = CASES[case]
    mutate(root)
    assert run_ingest(root) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: ")
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert not (root / "processed").exists() or not any((root / "processed").iterdir())
    assert not (root / "reports").exists()


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
