"""The workshop worksheet of every pack (pipeline/packs/worksheet.py) on the packs fixture:
one locked row per finding with its text and numbers, open columns with drop-downs, hidden key
and fingerprint, print set-up, pack language, byte-identical reruns."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers.pack_fixture import write_fixture
from helpers.stage_run import run_stage
from openpyxl import load_workbook
from site_fixture import PACKS, blank_worksheet, write_params
from test_packs import fixture_tables, manifest

from pipeline.config import load_config
from pipeline.packs.findings import Finding, Number
from pipeline.packs.plan import plan_pack
from pipeline.packs.worksheet import COLUMNS, column_letter, fingerprint, header


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("worksheet")
    write_fixture(root / "processed", root / "reports" / "figures", ("fi", "en"))
    params = write_params(root / "params.yaml", ("fi", "en"))
    assert run_stage("packs", root, params=params) == 0
    return root


def plans(root: Path) -> dict:
    config = load_config(root / "params.yaml")
    tables = fixture_tables()
    return {s.name: plan_pack(s, manifest(root), tables) for s in config.packs.packs}


def col(name: str) -> int:
    return COLUMNS.index(name) + 1


def test_one_locked_row_per_finding_in_the_pack_language(built: Path) -> None:
    for name, plan in plans(built).items():
        ws = load_workbook(blank_worksheet(built, name)).worksheets[0]
        assert [c.value for c in ws[1]] == header(plan.language)
        findings = [(c, f) for c in plan.charts for f in c.findings]
        assert ws.max_row == len(findings) + 1
        for r, (chart, finding) in enumerate(findings, start=2):
            assert ws.cell(r, col("chart")).value == chart.title
            assert ws.cell(r, col("finding")).value == finding.text
            assert ws.cell(r, col("key")).value.startswith(f"{chart.id}#")
            assert ws.cell(r, col("fingerprint")).value == fingerprint(finding)
            for n in finding.numbers:
                assert n.text in ws.cell(r, col("numbers")).value
            assert ws.cell(r, col("finding")).protection.locked
            assert not ws.cell(r, col("interpretation")).protection.locked
            assert ws.cell(r, col("publish")).value == ("ei" if plan.language == "fi" else "no")
        keys = [ws.cell(r, col("key")).value for r in range(2, ws.max_row + 1)]
        assert len(set(keys)) == len(keys)


def test_drop_downs_hidden_columns_and_print_setup(built: Path) -> None:
    ws = load_workbook(blank_worksheet(built, "etela-pohjanmaa")).worksheets[0]
    last = ws.max_row
    lists = {
        str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
    }
    assert lists == {
        f"H2:H{last}": '"1,2,3"',
        f"J2:J{last}": '"Kokemusasiantuntija,Ammattilainen,Johtaja,Luottamushenkilö,Järjestö"',
        f"K2:K{last}": '"kyllä,ei"',
    }
    assert column_letter("priority") == "H"
    for name in ("key", "fingerprint"):
        assert ws.column_dimensions[column_letter(name)].hidden
    assert not ws.column_dimensions["E"].hidden
    assert ws.protection.sheet
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_area == f"'{ws.title}'!$A$1:$K${last}"
    assert ws.cell(2, col("finding")).alignment.wrap_text
    guide = load_workbook(blank_worksheet(built, "etela-pohjanmaa")).worksheets[1]
    assert "data/raw/workshop/etela-pohjanmaa.xlsx" in guide["A7"].value


def test_english_pack_worksheet(built: Path) -> None:
    ws = load_workbook(blank_worksheet(built, "ostrobothnia-en")).worksheets[0]
    assert ws.title == "Workshop"
    assert ws["E1"].value == "Interpretation: what explains this?"
    roles = [dv.formula1 for dv in ws.data_validations.dataValidation if "J2" in str(dv.sqref)]
    assert roles == ['"Lived-experience expert,Professional,Manager,Elected official,Organisation"']


def test_same_bytes_every_run(built: Path, tmp_path: Path) -> None:
    def digest(root: Path) -> str:
        return hashlib.sha256(blank_worksheet(root, "etela-pohjanmaa").read_bytes()).hexdigest()

    first = digest(built)
    assert run_stage("packs", built) == 0
    assert digest(built) == first


def test_fingerprint_follows_the_printed_numbers() -> None:
    a = Number("3,4", 3.41, "estimates", "wb_a", 2017, "mean", "14")
    same_print = Number("3,4", 3.38, "estimates", "wb_a", 2017, "mean", "14")
    other = Number("3,5", 3.46, "estimates", "wb_a", 2017, "mean", "14")
    assert fingerprint(Finding("k", "x", (a,))) == fingerprint(Finding("k", "y", (same_print,)))
    assert fingerprint(Finding("k", "x", (a,))) != fingerprint(Finding("k", "x", (other,)))
    assert fingerprint(Finding("k", "no numbers")) != fingerprint(Finding("k", "other words"))
    assert len(fingerprint(Finding("k", "x", (a,)))) == 16


def test_notes_pages_in_the_handout(built: Path, tmp_path: Path) -> None:
    from helpers.pack_text import pdf_pages

    root = tmp_path / "notes"
    write_fixture(root / "processed", root / "reports" / "figures", ("fi", "en"))
    packs = {name: dict(spec) for name, spec in PACKS.items()}
    packs["etela-pohjanmaa"]["notes_pages"] = True
    params = write_params(root / "params.yaml", ("fi", "en"), packs)
    assert run_stage("packs", root, params=params) == 0
    plan = plans(built)["etela-pohjanmaa"]
    name = "etela-pohjanmaa/etela-pohjanmaa.pdf"
    without = pdf_pages(built / "reports" / "packs" / name)
    with_notes = pdf_pages(root / "reports" / "packs" / name)
    assert len(without) == 2 + len(plan.charts)
    assert len(with_notes) == 2 + 2 * len(plan.charts)
    for i, chart in enumerate(plan.charts):
        notes = with_notes[2 + 2 * i + 1]
        assert f"Muistiinpanot: {chart.title}" in notes
        assert "Kehittämisehdotus" in notes and "Näkökulma" in notes
    other = "ostrobothnia-en/ostrobothnia-en.pdf"
    assert len(pdf_pages(root / "reports" / "packs" / other)) == len(
        pdf_pages(built / "reports" / "packs" / other)
    )
