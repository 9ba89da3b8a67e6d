"""Raw folders of any round years for tests: the example's model, questionnaire and
classification, written for e.g. rounds 2011, 2013, 2015 or 2009, 2012, 2015, 2018, 2021.

``write_raw_rounds(folder, years)`` writes ``folder/barometer/`` (one export per round and a
generated codebook) and ``folder/reference/`` (regions, municipalities, mergers, population
for every round), laid out like ``data/raw/`` so that ``barometer run --raw folder`` reads it.
By default the item set differs a little between rounds, as in the example: family carers are
asked from the second round on, adult social work up to the second-to-last round."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from .exports import SavLayout, WebLayout, vary_labels, web_headers, web_rows, write_sav
from .exports import write_xlsx as write_web_xlsx
from .geography import FIRST_YEAR, write_classification, write_population
from .questionnaire import (
    BLOCKS,
    DONT_KNOW,
    DONT_KNOW_LABEL,
    GROUPS,
    ITEMS,
    QUESTIONS,
    SCALE_LABELS,
    SCALE_OF_BLOCK,
    THEME_OF_BLOCK,
    THEMES,
    ItemSpec,
    items_in,
)
from .respondents import ExportPlan, RoundPlan, make_round

SURVEY = "barometer"
# Respondents per region (of the round year) x group 1..5: 172 a round.
RESPONDENTS: dict[str, tuple[int, ...]] = {
    "14": (20, 6, 24, 12, 6),
    "15": (16, 5, 24, 10, 5),
    "16": (16, 4, 12, 8, 4),
}
# Target population in 2012 per region (classification 2021) x group; other years drift.
POPULATION_2012: dict[str, tuple[int, ...]] = {
    "14": (330, 46, 560, 240, 95),
    "15": (250, 40, 520, 190, 80),
    "16": (230, 24, 210, 110, 55),
}
NEW_ITEM = "wb_carers"
DROPPED_ITEM = "sv_adult_social_work"


def round_items(years: Sequence[int], vary_items: bool) -> tuple[ItemSpec, ...]:
    """Every item of the questionnaire, with the new and dropped item where rounds allow."""
    if not vary_items or len(years) < 2:
        return tuple(replace(i, since=None, until=None) for i in ITEMS)
    out = []
    for item in ITEMS:
        since = years[1] if item.id == NEW_ITEM else None
        until = years[-2] if item.id == DROPPED_ITEM else None
        out.append(replace(item, since=since, until=until))
    return tuple(out)


def population(year: int) -> dict[str, tuple[int, ...]]:
    factor = 1.0 - 0.004 * (year - 2012)
    return {r: tuple(round(n * factor) for n in ns) for r, ns in POPULATION_2012.items()}


def _text(texts: Sequence[str]) -> dict[str, str]:
    return {"fi": texts[0], "sv": texts[1], "en": texts[2]}


def _scale(block: str) -> dict[str, Any]:
    scale: dict[str, Any] = {
        "kind": "change" if block == "q2" else "rating",
        "codes": {c: _text(t) for c, t in SCALE_LABELS[block].items()},
        "dont_know": {DONT_KNOW: _text(DONT_KNOW_LABEL)},
    }
    if block == "q2":
        scale["improved"] = [1]
        scale["worsened"] = [3]
    return scale


def codebook(exports: Sequence[dict[str, Any]], items: Sequence[ItemSpec]) -> dict[str, Any]:
    """The codebook of a generated raw folder (the same ids and texts as the example's)."""
    ordered = sorted(items, key=lambda i: (BLOCKS.index(i.block), i.number))
    return {
        "survey": SURVEY,
        "title": {
            "fi": "Pohjanmaan maakuntien hyvinvointibarometri",
            "sv": "Välfärdsbarometern för Österbottens landskap",
            "en": "Welfare barometer of the Ostrobothnian regions",
        },
        "source": {
            "fi": "Lähde: synteettinen testiaineisto",
            "sv": "Källa: syntetiskt testdata",
            "en": "Source: synthetic test data",
        },
        "scales": {SCALE_OF_BLOCK[b]: _scale(b) for b in BLOCKS},
        "themes": {theme: _text(THEMES[theme]) for theme in THEME_OF_BLOCK.values()},
        "groups": {str(g): _text(t) for g, t in GROUPS.items()},
        "items": {
            i.id: {
                "scale": SCALE_OF_BLOCK[i.block],
                "theme": THEME_OF_BLOCK[i.block],
                "label": _text(i.statement),
                "question": _text(QUESTIONS[i.block]),
            }
            for i in ordered
        },
        "exports": list(exports),
    }


def _sav_export(folder: Path, rnd: RoundPlan, resp: pd.DataFrame) -> dict[str, Any]:
    layout = SavLayout()
    name = f"barometri_{rnd.year}.sav"
    end = rnd.field_start + dt.timedelta(days=rnd.field_days)
    write_sav(folder / name, resp, rnd.year, rnd.items, layout, end)
    return {
        "file": name,
        "round": rnd.year,
        "language": "fi",
        "respondent_id": layout.id,
        "weight": layout.weight,
        "municipality": layout.municipality,
        "region": layout.region,
        "group": layout.group,
        "personal": [layout.time, layout.text, layout.email],
        "items": {i.id: layout.var(i) for i in rnd.items},
    }


def _xlsx_export(
    folder: Path, rnd: RoundPlan, resp: pd.DataFrame, rng: np.random.Generator
) -> dict[str, Any]:
    layout = WebLayout()
    name = f"barometri_{rnd.year}_fi.xlsx"
    rows = web_rows(resp, layout, rnd.items, "fi")
    vary_labels(rng, rows, len(layout.meta), len(rnd.items), 6)
    when = dt.datetime(rnd.year, 5, 2, 9, 0)
    headers = web_headers(layout, rnd.items, "fi")
    write_web_xlsx(folder / name, headers, rows, f"Hyvinvointibarometri {rnd.year}", when)
    cols = layout.columns(rnd.items)
    return {
        "file": name,
        "round": rnd.year,
        "language": "fi",
        "header_rows": 2,
        "sheet": "Vastaukset",
        "respondent_id": cols["id"],
        "municipality": cols["municipality"],
        "group": cols["group"],
        "weight": cols["weight"],
        "personal": [cols["time"], cols["email"], cols["text"]],
        "items": {i.id: cols[i.id] for i in rnd.items},
    }


def write_raw_rounds(
    folder: Path,
    years: Sequence[int],
    *,
    seed: int = 20240611,
    vary_items: bool = True,
    web_years: Collection[int] = (),
    respondents: dict[str, tuple[int, ...]] | None = None,
) -> Path:
    """Write a raw folder with one round per year in ``years``; returns ``folder``.

    Rounds are SPSS .sav files (Finnish labels, don't-know 9 user-missing), except the years
    in ``web_years``, written as a Webropol .xlsx of the Finnish form (label texts, two header
    rows). ``respondents``: per region (of the round year) the respondents of groups 1..5
    (default 172 a round). The same seed and years give the same answers."""
    years = sorted(int(y) for y in years)
    if not years or len(set(years)) != len(years) or years[0] < FIRST_YEAR:
        raise ValueError(f"round years must be distinct and from {FIRST_YEAR} on: {years}")
    counts = respondents or RESPONDENTS
    items = round_items(years, vary_items)
    barometer = folder / "barometer"
    barometer.mkdir(parents=True, exist_ok=True)
    write_classification(folder / "reference")
    write_population(
        folder / "reference" / "population.csv", SURVEY, {y: population(y) for y in years}
    )
    exports = []
    for year in years:
        web = year in web_years
        plan = ExportPlan(f"round {year}", "fi", "fi" if web else None, counts)
        rnd = RoundPlan(
            year,
            (plan,),
            tuple(items_in(year, items)),
            population(year),
            dt.datetime(year, 3, 1),
            30,
        )
        rng = np.random.default_rng([seed, year])
        (resp,) = make_round(rng, rnd)
        if web:
            exports.append(_xlsx_export(barometer, rnd, resp, rng))
        else:
            exports.append(_sav_export(barometer, rnd, resp))
    text = yaml.safe_dump(codebook(exports, items), allow_unicode=True, sort_keys=False, width=100)
    header = f"# Generated by tools/example_data/shapes.py: rounds {', '.join(map(str, years))}\n"
    (barometer / "codebook.yaml").write_text(header + text, encoding="utf-8")
    return folder
