"""A small workshop loop on the packs fixture (tests/pack_fixture.py: synthetic tables,
manifest and placeholder PNGs): packs -> a filled worksheet -> review -> site, in a temp folder,
without the ingest, analyse and chart stages. Shared by the worksheet, review and site tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from helpers.pack_fixture import MIN_CELL, write_fixture
from helpers.stage_run import run_stage

PACKS: dict[str, dict[str, Any]] = {
    "etela-pohjanmaa": {
        "title": {"fi": "Etelä-Pohjanmaan työpaja", "sv": "Södra Österbotten", "en": "SO"},
        "language": "fi",
        "region": "14",
    },
    "ostrobothnia-en": {"title": "All regions", "language": "en", "activation": True},
}

# Filled rows of the Finnish pack: (row in the sheet, column -> value). Column names are
# pipeline.packs.worksheet.COLUMNS.
FILLS: dict[str, list[tuple[int, dict[str, Any]]]] = {
    "etela-pohjanmaa": [
        (
            2,
            {
                "interpretation": "Lasten palveluissa on ollut pitkään henkilöstöpulaa.",
                "lived": "Perheet saavat apua vasta, kun tilanne on jo vaikea.",
                "proposal": "Perhekeskuksen matalan kynnyksen palvelut koko maakuntaan.",
                "priority": 1,
                "who": "Hyvinvointialueen perhepalvelut",
                "perspective": "Kokemusasiantuntija",
                "publish": "kyllä",
            },
        ),
        (
            3,
            {
                "interpretation": "Ero selittyy osin palveluverkon muutoksilla.",
                "proposal": "Seurataan palveluverkon muutosten vaikutuksia vuosittain.",
                "priority": 2,
                "who": "Aluevaltuusto <ja> kunnat & järjestöt",
                "perspective": "Luottamushenkilö",
                "publish": "kyllä",
            },
        ),
        (
            6,
            {
                "proposal": "Järjestöjen vertaistukiryhmät osaksi palveluketjua.",
                "perspective": "Järjestö",
                "publish": "kyllä",
            },
        ),
        (
            4,
            {
                "interpretation": "Tätä riviä ei julkaista: SALAINEN-LUONNOS.",
                "priority": 3,
                "perspective": "Johtaja",
                "publish": "ei",
            },
        ),
    ],
}


def write_params(path: Path, languages: tuple[str, ...], packs: dict | None = None) -> Path:
    params = {
        "classification_year": 2021,
        "ingest": {"pseudonym_salt": "test-salt"},
        "designs": {"weighted": {"weights": True}},
        "analyse": {"design": "weighted", "ci_methods": ["logit"], "min_cell": MIN_CELL},
        "figures": {"languages": list(languages)},
        "packs": packs or PACKS,
    }
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


def blank_worksheet(root: Path, pack: str) -> Path:
    return root / "reports" / "packs" / pack / f"{pack}_worksheet.xlsx"


def fill_worksheet(blank: Path, target: Path, rows: list[tuple[int, dict[str, Any]]]) -> Path:
    """A filled copy of ``blank``, as a workshop would return it (saved by openpyxl, as by an
    office program)."""
    from openpyxl import load_workbook

    from pipeline.packs.worksheet import COLUMNS

    wb = load_workbook(blank)
    ws = wb.worksheets[0]
    for row, values in rows:
        for name, value in values.items():
            ws.cell(row=row, column=COLUMNS.index(name) + 1).value = value
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def build(root: Path, languages: tuple[str, ...] = ("fi", "sv", "en"), fills=None) -> Path:
    """packs -> filled worksheets -> review -> site under ``root``; returns the params file."""
    write_fixture(root / "processed", root / "reports" / "figures", languages)
    params = write_params(root / "params.yaml", languages)
    assert run_stage("packs", root, params=params) == 0
    for pack, rows in (FILLS if fills is None else fills).items():
        fill_worksheet(
            blank_worksheet(root, pack), root / "raw" / "workshop" / f"{pack}.xlsx", rows
        )
    assert run_stage("review", root, params=params) == 0
    assert run_stage("site", root, params=params) == 0
    return params
