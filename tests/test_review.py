"""The review stage on the packs fixture: a filled worksheet read back (published rows only,
roles as codes, priority), metrics, an empty table without worksheets, numbers changed since
the workshop (warning, flag), every kind of bad worksheet stopped with one line that names the
cell and never echoes personal data; the personal-data screen itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers.stage_run import run_stage
from openpyxl import load_workbook
from site_fixture import FILLS, blank_worksheet, build, fill_worksheet

from pipeline.packs.worksheet import COLUMNS
from pipeline.privacy import find_personal_data, hetu_valid
from pipeline.review.validate import TABLE_COLUMNS

PACK = "etela-pohjanmaa"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review")
    build(root, ("fi", "en"))
    return root


def copy(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(built, root)
    return root


def refill(root: Path, rows) -> Path:
    return fill_worksheet(
        blank_worksheet(root, PACK), root / "raw" / "workshop" / f"{PACK}.xlsx", rows
    )


def blank_key(root: Path, row: int) -> str:
    ws = load_workbook(blank_worksheet(root, PACK)).worksheets[0]
    return ws.cell(row, COLUMNS.index("key") + 1).value


def test_published_rows_only(built: Path) -> None:
    table = pd.read_parquet(built / "processed" / "workshop.parquet")
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert len(table) == 3
    first, second, third = table.iloc[0], table.iloc[1], table.iloc[2]
    assert first["finding_key"] == blank_key(built, 2)
    assert first["chart_id"] == first["finding_key"].split("#")[0]
    assert first["proposal"] == FILLS[PACK][0][1]["proposal"]
    assert first["lived_experience"] == FILLS[PACK][0][1]["lived"]
    assert (first["priority"], first["perspective"]) == (1, "lived")
    assert (second["priority"], second["perspective"]) == (2, "elected")
    assert pd.isna(third["priority"]) and third["perspective"] == "organisation"
    assert third["chart_id"] != first["chart_id"]
    assert table["published"].all() and not table["numbers_changed"].any()
    for path in (built / "processed").glob("workshop.*"):
        assert "SALAINEN-LUONNOS" not in path.read_bytes().decode("utf-8", "replace")
    csv = pd.read_csv(built / "processed" / "workshop.csv")
    assert csv["proposal"].tolist() == table["proposal"].tolist()


def test_metrics(built: Path) -> None:
    metrics = json.loads((built / "reports" / "metrics" / "workshop.json").read_text())
    assert metrics == {
        "worksheets": 1,
        "rows": 4,
        "published": 3,
        "numbers_changed": 0,
        "proposals_by_priority": {"1": 1, "2": 1, "3": 0, "none": 1},
        "packs": {PACK: {"rows": 4, "published": 3}},
    }


def test_no_worksheets_gives_an_empty_table(built: Path, tmp_path: Path) -> None:
    root = copy(built, tmp_path)
    shutil.rmtree(root / "raw" / "workshop")
    assert run_stage("review", root) == 0
    table = pd.read_parquet(root / "processed" / "workshop.parquet")
    assert table.empty and list(table.columns) == list(TABLE_COLUMNS)
    assert json.loads((root / "reports" / "metrics" / "workshop.json").read_text())["rows"] == 0
    assert run_stage("site", root) == 0


def test_changed_numbers_warn_and_flag(built: Path, tmp_path: Path, capsys) -> None:
    root = copy(built, tmp_path)
    rows = [(r, dict(v)) for r, v in FILLS[PACK]]
    rows[0][1]["fingerprint"] = "0123456789abcdef"  # as if filled against earlier numbers
    refill(root, rows)
    assert run_stage("review", root) == 0  # -q: warnings only
    key = blank_key(root, 2)
    warnings = capsys.readouterr().err.strip().splitlines()
    assert len(warnings) == 1 and "WARNING" in warnings[0], warnings
    assert f"row 2: the numbers of finding {key}" in warnings[0]
    assert "changed since the workshop" in warnings[0]
    table = pd.read_parquet(root / "processed" / "workshop.parquet")
    assert table["numbers_changed"].tolist() == [True, False, False]
    assert run_stage("site", root) == 0
    page = (root / "reports" / "site" / "fi" / f"{PACK}.html").read_text(encoding="utf-8")
    assert page.count("Tulkittu aiempien lukujen pohjalta") == 2  # the note and its proposal


EMAIL = "matti.meikalainen@example.fi"
BAD = {
    "priority": ({"priority": 5}, "H2", "priority '5' is out of range"),
    "priority_text": ({"priority": "kiire"}, "H2", "priority 'kiire' is out of range"),
    "perspective": ({"perspective": "Matti Meikäläinen"}, "J2", "not one of the perspective"),
    "publish": ({"publish": "ehkä"}, "K2", "not one of the publish"),
    "email": ({"interpretation": f"kysy {EMAIL}"}, "E2", "looks like a e-mail address"),
    "phone": ({"proposal": "soita 040 123 4567"}, "G2", "looks like a phone number"),
    "hetu": ({"lived": "asiakas 131052-308T kertoi"}, "F2", "personal identity code"),
    "unknown_key": ({"key": "dots_wellbeing_2017#99"}, "row 2", "unknown finding key"),
    "no_key": ({"key": None}, "row 2", "has no finding key"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_worksheet_stops_with_one_line(built: Path, tmp_path: Path, capsys, case) -> None:
    change, where, what = BAD[case]
    root = copy(built, tmp_path)
    values = dict(FILLS[PACK][0][1]) | change
    refill(root, [(2, values)])
    before = (root / "processed" / "workshop.parquet").read_bytes()
    assert run_stage("review", root) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"{PACK}.xlsx" in err and where in err and what in err, err
    for secret in (EMAIL, "040 123 4567", "131052-308T", "Matti"):
        assert secret not in err
    assert (root / "processed" / "workshop.parquet").read_bytes() == before


def test_file_problems(built: Path, tmp_path: Path, capsys) -> None:
    root = copy(built, tmp_path)
    folder = root / "raw" / "workshop"
    (folder / f"{PACK}.xlsx").rename(folder / "lappi.xlsx")
    assert run_stage("review", root) == 2
    assert "no pack named 'lappi'" in capsys.readouterr().err
    (folder / "lappi.xlsx").unlink()
    (folder / f"{PACK}.ods").write_bytes(b"x")
    assert run_stage("review", root) == 2
    assert "is not an .xlsx workbook" in capsys.readouterr().err
    (folder / f"{PACK}.ods").unlink()
    (folder / f"{PACK}.xlsx").write_bytes(b"not a zip")
    assert run_stage("review", root) == 2
    assert "cannot be read as an Excel workbook" in capsys.readouterr().err
    # an English pack's worksheet returned under the Finnish pack's name
    shutil.copyfile(blank_worksheet(root, "ostrobothnia-en"), folder / f"{PACK}.xlsx")
    assert run_stage("review", root) == 2
    assert "has no sheet 'Työpaja'" in capsys.readouterr().err
    # office lock files are ignored
    (folder / f"{PACK}.xlsx").unlink()
    (folder / f"~${PACK}.xlsx").write_bytes(b"lock")
    assert run_stage("review", root) == 0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ota yhteyttä matti@example.fi", "e-mail address"),
        ("puh. 040 123 4567", "phone number"),
        ("+358 40 1234567", "phone number"),
        ("(06) 416 4111", "phone number"),
        ("131052-308T", "personal identity code"),
        ("010594Y9032", "personal identity code"),
        ("hetu 131052a308t", "personal identity code"),
        ("131052-308U", None),  # wrong check character
        ("keskiarvo 3,4 vuosina 2012–2017", None),
        ("N = 1 234 vastaajaa, 10 000 euroa", None),
        ("vuodet 2012 2017 2019", None),
        ("", None),
    ],
)
def test_personal_data_screen(text: str, kind: str | None) -> None:
    assert find_personal_data(text) == kind


def test_hetu_check_character() -> None:
    assert hetu_valid("131052", "308", "T")
    assert not hetu_valid("131052", "308", "A")
    assert not hetu_valid("321352", "308", "T")  # no 32nd day
