"""Generate the synthetic example data under ``data/raw/``.

Run from the repository root::

    python tools/make_example_data.py

It (over)writes

* ``data/raw/reference/``: regions, municipalities with validity years, mergers, population
  counts per round x region x respondent group, municipal statistics (docs/raw-layout.md);
* ``data/raw/barometer/``: four rounds of the welfare barometer, each in the format it arrived
  in at the research institute:

  - ``barometri_2009.sav``: SPSS, Finnish labels, the older coding in which the rating scales
    run the other way (1 = erittäin hyvä / täysin riittävät), other variable names;
  - ``barometri_2012.sav``: SPSS, Finnish labels, today's coding;
  - ``barometri_2017_fi.xlsx`` and ``barometri_2017_sv.csv`` (cp1252): Webropol exports of the
    Finnish and Swedish forms with two header rows; an item (family carers) is new;
  - ``barometri_2021_fi.xlsx`` and ``barometri_2021_sv.csv`` (UTF-8 with BOM): Webropol
    exports with the municipality code from the invitation list (three answers still carry
    Jalasjärvi's code 164, merged into Kurikka in 2016), two exact double submissions, and
    one item (adult social work) no longer asked.

``data/raw/barometer/codebook.yaml`` and ``data/raw/README.md`` are hand-written and not
touched. Everything is drawn from seeded generators, so the output is byte-identical on every
run (the .sav and .xlsx time stamps are pinned as well). All people, answers, e-mail addresses
and names are invented. The model: respondent optimism + item level + region, group and
round effects + noise, cut into the answer scale (tools/example_data/questionnaire.py).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from example_data.exports import (
    SavLayout,
    WebLayout,
    double_submissions,
    pin_zip_times,
    vary_labels,
    web_headers,
    web_rows,
    write_sav,
    write_web_csv,
    write_xlsx,
)
from example_data.geography import (
    write_classification,
    write_municipal_stats,
    write_population,
)
from example_data.questionnaire import RATING_BLOCKS, items_in
from example_data.respondents import ExportPlan, RoundPlan, make_round

__all__ = ["ROUNDS", "SEED", "generate", "pin_zip_times"]

SEED = 20120917
SURVEY = "barometer"
ROOT = Path(__file__).resolve().parents[1]

E = ExportPlan
ROUNDS: dict[int, RoundPlan] = {
    2009: RoundPlan(
        2009,
        (
            E(
                "barometri_2009.sav",
                "fi",
                None,
                {"14": (50, 11, 55, 32, 16), "15": (26, 9, 62, 26, 12), "16": (38, 6, 22, 14, 7)},
                {"863": 4, "164": 5, "915": 4, "152": 7},
            ),
        ),
        tuple(items_in(2009)),
        {
            "14": (335, 47, 540, 245, 98),
            "15": (252, 41, 500, 192, 81),
            "16": (232, 25, 205, 112, 56),
        },
        dt.datetime(2009, 3, 9),
        35,
    ),
    2012: RoundPlan(
        2012,
        (
            E(
                "barometri_2012.sav",
                "fi",
                None,
                {"14": (55, 12, 65, 38, 20), "15": (30, 10, 75, 30, 15), "16": (45, 6, 25, 16, 8)},
                {"863": 4, "164": 6, "915": 4, "152": 7},
            ),
        ),
        tuple(items_in(2012)),
        {
            "14": (330, 46, 560, 240, 95),
            "15": (250, 40, 520, 190, 80),
            "16": (230, 24, 210, 110, 55),
        },
        dt.datetime(2012, 3, 5),
        40,
    ),
    2017: RoundPlan(
        2017,
        (
            E(
                "barometri_2017_fi.xlsx",
                "fi",
                "fi",
                {"14": (32, 9, 38, 20, 11), "15": (14, 5, 25, 10, 6), "16": (34, 5, 25, 12, 6)},
                {"152": 4},
            ),
            E(
                "barometri_2017_sv.csv",
                "sv",
                "sv",
                {"14": (2, 0, 3, 1, 0), "15": (16, 5, 38, 14, 8), "16": (5, 1, 5, 2, 1)},
            ),
        ),
        tuple(items_in(2017)),
        {
            "14": (320, 44, 580, 230, 90),
            "15": (240, 38, 540, 200, 78),
            "16": (225, 23, 220, 105, 52),
        },
        dt.datetime(2017, 3, 6),
        26,
    ),
    2021: RoundPlan(
        2021,
        (
            E(
                "barometri_2021_fi.xlsx",
                "fi",
                "fi",
                {"14": (30, 8, 40, 18, 10), "15": (13, 5, 24, 9, 5), "16": (30, 5, 24, 11, 6)},
                {"152": 5, "301": 4},
            ),
            E(
                "barometri_2021_sv.csv",
                "sv",
                "sv",
                {"14": (2, 0, 2, 1, 0), "15": (15, 4, 36, 13, 7), "16": (4, 1, 4, 2, 1)},
            ),
        ),
        tuple(items_in(2021)),
        {
            "14": (305, 42, 600, 220, 86),
            "15": (232, 36, 560, 205, 74),
            "16": (218, 22, 232, 100, 50),
        },
        dt.datetime(2021, 3, 8),
        28,
    ),
}

SAV_2009 = SavLayout(
    id="tunnus",
    time="pvm",
    group="ryhma",
    email=None,
    item_prefix="k",
    reversed_blocks=RATING_BLOCKS,
)
SAV_2012 = SavLayout()
WEB_2017 = WebLayout(("id", "time", "email", "group", "municipality"))
WEB_2021 = WebLayout(("id", "time", "email", "municipality_code", "group"))
N_VARIANT_CELLS = 14  # odd case / white space in the Finnish Excel exports
STALE_CODES = ("301", "164", 3)  # 3 Kurikka answers carry Jalasjärvi's old code in 2021
# (export, row to copy, rows later) of the two exact double submissions of 2021
DOUBLE_SUBMISSIONS = (("barometri_2021_fi.xlsx", 1), ("barometri_2021_sv.csv", 6))


def round_end(rnd: RoundPlan) -> dt.datetime:
    return rnd.field_start + dt.timedelta(days=rnd.field_days)


def web_export(
    folder: Path,
    rnd: RoundPlan,
    plan: ExportPlan,
    resp: pd.DataFrame,
    layout: WebLayout,
    rng: np.random.Generator,
    copies: int = 0,
) -> None:
    """A Webropol export: .xlsx for the Finnish form (with odd label cells), .csv for the
    Swedish one (cp1252 before 2021, UTF-8 with BOM from 2021); ``copies`` exact double
    submissions ``copies`` rows after a randomly chosen original."""
    headers = web_headers(layout, rnd.items, plan.language)
    rows = web_rows(resp, layout, rnd.items, plan.language)
    path = folder / plan.file
    if path.suffix == ".xlsx":
        vary_labels(rng, rows, len(layout.meta), len(rnd.items), N_VARIANT_CELLS)
    if copies:
        source = int(rng.integers(0, len(rows) - copies))
        double_submissions(rows, [(source, copies)])
    if path.suffix == ".xlsx":
        when = round_end(rnd) + dt.timedelta(days=5, hours=9)
        write_xlsx(path, headers, rows, f"Hyvinvointibarometri {rnd.year}", when)
    else:
        write_web_csv(path, headers, rows, "cp1252" if rnd.year < 2021 else "utf-8-sig")


def mark_stale_codes(resp: pd.DataFrame) -> None:
    """The 2021 invitation list still had the pre-merger code for some Kurikka respondents."""
    new, old, k = STALE_CODES
    resp["kunta_reported"] = resp["kunta"]
    rows = resp.index[resp["kunta"] == new][:k]
    if len(rows) < k:
        raise ValueError(f"2021: fewer than {k} answers from {new}")
    resp.loc[rows, "kunta_reported"] = old


def summary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Respondents per export x region (of the round year) x group."""
    parts = []
    for name, df in frames.items():
        counts = df.groupby(["maakunta", "group"]).size().unstack(fill_value=0)
        counts.insert(0, "file", name)
        parts.append(counts.reset_index())
    return pd.concat(parts, ignore_index=True).fillna(0)


def generate(out_dir: Path) -> pd.DataFrame:
    """Write every example file under ``out_dir`` (laid out like data/raw/).

    Returns the respondent counts per export, region and group (double submissions not
    counted)."""
    # The reference generator is the first child of the seed, as before the rounds were
    # added: municipal_stats.csv (and the activation example built on it) stays the same.
    (ref_rng,) = np.random.default_rng(SEED).spawn(1)
    reference = out_dir / "reference"
    write_classification(reference)
    write_population(
        reference / "population.csv",
        SURVEY,
        {year: rnd.population for year, rnd in ROUNDS.items()},
    )
    write_municipal_stats(reference / "municipal_stats.csv", ref_rng)

    barometer = out_dir / "barometer"
    barometer.mkdir(parents=True, exist_ok=True)
    written: dict[str, pd.DataFrame] = {}
    for year, rnd in ROUNDS.items():
        rng = np.random.default_rng([SEED, year])
        frames = make_round(rng, rnd)
        if year == 2021:
            mark_stale_codes(frames[0])
        for plan, resp in zip(rnd.exports, frames, strict=True):
            written[plan.file] = resp
            if plan.file.endswith(".sav"):
                layout = SAV_2009 if year == 2009 else SAV_2012
                write_sav(barometer / plan.file, resp, year, rnd.items, layout, round_end(rnd))
                continue
            copies = dict(DOUBLE_SUBMISSIONS).get(plan.file, 0)
            layout = WEB_2021 if year >= 2021 else WEB_2017
            web_export(barometer, rnd, plan, resp, layout, rng, copies)
    return summary(written)


def main() -> None:
    counts = generate(ROOT / "data" / "raw")
    print("respondents per file, region (of the round year) and group 1..5:")
    print(counts.to_string(index=False))


if __name__ == "__main__":
    main()
