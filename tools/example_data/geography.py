"""Regions, municipalities (with the 2013 and 2016 mergers and Isokyrö's 2021 region move),
resident counts and the reference CSV files of the synthetic example."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CLASSIFICATION_YEAR = 2021
FIRST_YEAR = 2009
STATS_YEARS = (2012, 2014, 2017, 2019)

REGIONS: dict[str, tuple[str, str, str]] = {
    "14": ("Etelä-Pohjanmaa", "Södra Österbotten", "South Ostrobothnia"),
    "15": ("Pohjanmaa", "Österbotten", "Ostrobothnia"),
    "16": ("Keski-Pohjanmaa", "Mellersta Österbotten", "Central Ostrobothnia"),
}


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    region: str  # region in 2009
    residents_2012: int
    sv_share: float = 0.003  # share of Swedish speakers (drives the Swedish export)
    valid_to: int | None = None  # last year of a municipality that merged away
    growth: float | None = None  # yearly population change; None = by size

    def yearly_growth(self) -> float:
        if self.growth is not None:
            return self.growth
        if self.residents_2012 >= 40_000:
            return 0.006
        return 0.0 if self.residents_2012 >= 10_000 else -0.009


M = Municipality
MUNICIPALITIES: tuple[Municipality, ...] = (
    M("005", "Alajärvi", "Alajärvi", "14", 10_250),
    M("010", "Alavus", "Alavus", "14", 9_150),
    M("052", "Evijärvi", "Evijärvi", "14", 2_650),
    M("145", "Ilmajoki", "Ilmola", "14", 12_150, growth=0.004),
    M("151", "Isojoki", "Storå", "14", 2_200),
    M("218", "Karijoki", "Bötom", "14", 1_450),
    M("232", "Kauhajoki", "Kauhajoki", "14", 14_100, growth=-0.006),
    M("233", "Kauhava", "Kauhava", "14", 17_150, growth=-0.005),
    M("300", "Kuortane", "Kuortane", "14", 3_850),
    M("301", "Kurikka", "Kurikka", "14", 14_350, growth=-0.004),
    M("403", "Lappajärvi", "Lappajärvi", "14", 3_250),
    M("408", "Lapua", "Lappo", "14", 14_550, growth=0.001),
    M("743", "Seinäjoki", "Seinäjoki", "14", 59_500, 0.004, growth=0.010),
    M("759", "Soini", "Soini", "14", 2_300),
    M("846", "Teuva", "Östermark", "14", 5_600),
    M("934", "Vimpeli", "Vindala", "14", 3_150),
    M("989", "Ähtäri", "Etseri", "14", 6_250),
    M("863", "Töysä", "Töysä", "14", 3_000, valid_to=2012),
    M("164", "Jalasjärvi", "Jalasjärvi", "14", 8_050, valid_to=2015),
    M("152", "Isokyrö", "Storkyro", "15", 4_850, 0.01),
    M("231", "Kaskinen", "Kaskö", "15", 1_350, 0.30),
    M("280", "Korsnäs", "Korsnäs", "15", 2_200, 0.97),
    M("287", "Kristiinankaupunki", "Kristinestad", "15", 7_050, 0.56),
    M("288", "Kruunupyy", "Kronoby", "15", 6_700, 0.72),
    M("399", "Laihia", "Laihela", "15", 7_950, 0.01, growth=0.003),
    M("440", "Luoto", "Larsmo", "15", 4_900, 0.92, growth=0.015),
    M("475", "Maalahti", "Malax", "15", 5_550, 0.86, growth=0.0),
    M("499", "Mustasaari", "Korsholm", "15", 18_900, 0.69, growth=0.004),
    M("545", "Närpiö", "Närpes", "15", 9_350, 0.90, growth=0.0),
    M("598", "Pietarsaari", "Jakobstad", "15", 19_650, 0.56, growth=-0.002),
    M("599", "Pedersöre", "Pedersöre", "15", 10_900, 0.90, growth=0.008),
    M("893", "Uusikaarlepyy", "Nykarleby", "15", 7_500, 0.90, growth=0.001),
    M("905", "Vaasa", "Vasa", "15", 61_000, 0.23),
    M("946", "Vöyri", "Vörå", "15", 6_700, 0.80, growth=-0.003),
    M("915", "Vähäkyrö", "Lillkyro", "15", 4_850, 0.01, valid_to=2012),
    M("074", "Halsua", "Halsua", "16", 1_250),
    M("217", "Kannus", "Kannus", "16", 5_650, growth=-0.004),
    M("236", "Kaustinen", "Kaustby", "16", 4_300, growth=0.0),
    M("272", "Kokkola", "Karleby", "16", 46_700, 0.13, growth=0.004),
    M("421", "Lestijärvi", "Lestijärvi", "16", 820),
    M("584", "Perho", "Perho", "16", 2_900),
    M("849", "Toholampi", "Toholampi", "16", 3_400),
    M("924", "Veteli", "Vetil", "16", 3_350),
)
BY_CODE = {m.code: m for m in MUNICIPALITIES}

# code -> (first year in the new region, new region)
REGION_MOVES: dict[str, tuple[int, str]] = {"152": (2021, "14")}
# old code -> (new code, first year of the merged municipality)
MERGERS: dict[str, tuple[str, int]] = {
    "863": ("010", 2013),
    "915": ("905", 2013),
    "164": ("301", 2016),
}
# Municipalities whose e-mail domain uses the Swedish name.
SWEDISH_DOMAIN = {"280", "287", "288", "440", "475", "499", "545", "598", "599", "893", "946"}


def periods(m: Municipality) -> list[tuple[str, int, int | None]]:
    """(region, valid_from, valid_to) rows of one municipality."""
    if m.code in REGION_MOVES:
        year, new_region = REGION_MOVES[m.code]
        return [(m.region, FIRST_YEAR, year - 1), (new_region, year, m.valid_to)]
    return [(m.region, FIRST_YEAR, m.valid_to)]


def region_in(code: str, year: int) -> str | None:
    """Region of a municipality code in ``year``, or None if it did not exist then."""
    for region, start, end in periods(BY_CODE[code]):
        if start <= year and (end is None or year <= end):
            return region
    return None


def valid_codes(year: int) -> list[str]:
    return [m.code for m in MUNICIPALITIES if region_in(m.code, year) is not None]


def successor(code: str, year: int) -> str:
    """The code of ``code`` in the classification of ``year`` (follows mergers)."""
    while code in MERGERS and MERGERS[code][1] <= year:
        code = MERGERS[code][0]
    return code


def region_2021(code: str) -> str:
    region = region_in(successor(code, CLASSIFICATION_YEAR), CLASSIFICATION_YEAR)
    assert region is not None
    return region


def residents(code: str, year: int) -> int:
    """Residents at the end of ``year``, including municipalities merged in by then."""
    m = BY_CODE[code]
    total = m.residents_2012 * (1.0 + m.yearly_growth()) ** (year - 2012)
    for old, (new, since) in MERGERS.items():
        if new == code and since <= year:
            total += residents(old, year)
    return round(total)


# --------------------------------------------------------------------------- reference files


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_classification(folder: Path) -> None:
    """regions.csv, municipalities.csv (validity years) and mergers.csv."""
    write_csv(
        folder / "regions.csv",
        ["region_code", "name_fi", "name_sv", "name_en"],
        [(code, *names) for code, names in REGIONS.items()],
    )
    rows = [
        (m.code, m.name_fi, m.name_sv, region, start, "" if end is None else end)
        for m in sorted(MUNICIPALITIES, key=lambda m: m.code)
        for region, start, end in periods(m)
    ]
    write_csv(
        folder / "municipalities.csv",
        ["code", "name_fi", "name_sv", "region_code", "valid_from", "valid_to"],
        rows,
    )
    write_csv(
        folder / "mergers.csv",
        ["old_code", "new_code", "year"],
        [(old, new, year) for old, (new, year) in MERGERS.items()],
    )


def write_population(
    path: Path, survey: str, population: dict[int, dict[str, tuple[int, ...]]]
) -> None:
    """population.csv: N per round x region (classification 2021) x group 1..5."""
    write_csv(
        path,
        ["survey", "round", "region_code", "group_code", "N"],
        [
            (survey, year, region, group, n)
            for year, regions in sorted(population.items())
            for region, counts in regions.items()
            for group, n in enumerate(counts, 1)
        ],
    )


# Long-term unemployed per resident by year (the 2015-2017 peak), before municipal factors.
LTU_RATE = {2012: 0.011, 2014: 0.016, 2017: 0.018, 2019: 0.012}
LTU_REGION = {"14": 1.0, "15": 0.8, "16": 1.1}


def municipal_stats(rng: np.random.Generator) -> list[tuple[object, ...]]:
    """Residents, working-age residents, long-term unemployed and benefit-day counts per
    municipality and statistics year, each year in that year's classification."""
    codes = sorted(BY_CODE)
    ltu_factor = dict(zip(codes, rng.uniform(0.75, 1.35, size=len(codes)), strict=True))
    b300_factor = dict(zip(codes, rng.uniform(0.9, 1.3, size=len(codes)), strict=True))
    b1000_factor = dict(zip(codes, rng.uniform(0.38, 0.52, size=len(codes)), strict=True))
    rows: list[tuple[object, ...]] = []
    for year in STATS_YEARS:
        for code in valid_codes(year):
            if successor(code, year) != code:
                continue
            total = residents(code, year)
            working_age_share = (0.655 if total >= 40_000 else 0.60) - 0.003 * (year - 2012)
            working_age = round(total * working_age_share * rng.uniform(0.97, 1.03))
            region = region_in(code, year)
            assert region is not None
            city = 1.3 if total >= 40_000 else 1.0
            rate = LTU_RATE[year] * LTU_REGION[region] * city * ltu_factor[code]
            ltu = round(total * rate)
            b300 = round(ltu * b300_factor[code])
            b1000 = round(b300 * b1000_factor[code])
            rows.append((year, code, total, working_age, ltu, b300, b1000))
    return rows


def write_municipal_stats(path: Path, rng: np.random.Generator) -> None:
    write_csv(
        path,
        [
            "year",
            "municipality_code",
            "residents",
            "residents_15_64",
            "long_term_unemployed",
            "benefit_days_300",
            "benefit_days_1000",
        ],
        municipal_stats(rng),
    )
