"""Generate the synthetic example data under ``data/raw/``.

Run from the repository root::

    python tools/make_example_data.py

It (over)writes

* ``data/raw/reference/``: regions, municipalities with validity years, mergers, population
  counts per region x respondent group, municipal statistics (formats: docs/raw-layout.md);
* ``data/raw/barometer/``: two rounds of the welfare barometer as a research institute would
  receive them: ``barometri_2012.sav`` (SPSS, Finnish labels), ``barometri_2017_fi.xlsx`` and
  ``barometri_2017_sv.csv`` (Webropol-style web-survey exports with two header rows).

``data/raw/barometer/codebook.yaml`` and ``data/raw/README.md`` are hand-written and not
touched. Everything is drawn from one seeded generator, so the output is the same on every run
(the .sav and .xlsx timestamps are pinned as well). All people, answers, e-mail addresses and
names are invented.

Answers come from a latent model: respondent optimism + item level + region, group and round
effects + noise, cut into the answer scale. Some items differ between regions, others do not;
don't-know shares depend on item and respondent group.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20120917
CLASSIFICATION_YEAR = 2021
STATS_YEARS = (2012, 2014, 2017, 2019)
SURVEY = "barometer"
DONT_KNOW = 9
ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------- classification

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

FIRST_YEAR = 2009
# code -> (first year in the new region, new region)
REGION_MOVES: dict[str, tuple[int, str]] = {"152": (2021, "14")}
# old code -> (new code, first year of the merged municipality)
MERGERS: dict[str, tuple[str, int]] = {
    "863": ("010", 2013),
    "915": ("905", 2013),
    "164": ("301", 2016),
}


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


# --------------------------------------------------------------------------- questionnaire

GROUPS: dict[int, tuple[str, str, str]] = {
    1: ("Kunnan luottamushenkilö", "Kommunal förtroendevald", "Municipal elected official"),
    2: (
        "Sosiaali- ja terveysjohto",
        "Social- och hälsovårdsledning",
        "Social and health management",
    ),
    3: (
        "Sosiaali- ja terveysalan työntekijä",
        "Anställd inom social- och hälsovården",
        "Social and health care professional",
    ),
    4: ("Järjestön edustaja", "Representant för organisation", "NGO representative"),
    5: ("Seurakunnan edustaja", "Representant för församling", "Parish representative"),
}

SCALE_LABELS: dict[str, dict[str, dict[int, str]]] = {
    "q1": {
        "fi": {
            1: "Erittäin huono",
            2: "Melko huono",
            3: "Ei hyvä eikä huono",
            4: "Melko hyvä",
            5: "Erittäin hyvä",
        },
        "sv": {
            1: "Mycket dålig",
            2: "Ganska dålig",
            3: "Varken bra eller dålig",
            4: "Ganska bra",
            5: "Mycket bra",
        },
    },
    "q2": {
        "fi": {1: "Parantunut", 2: "Pysynyt ennallaan", 3: "Heikentynyt"},
        "sv": {1: "Förbättrats", 2: "Oförändrat", 3: "Försämrats"},
    },
    "q3": {
        "fi": {
            1: "Täysin riittämättömät",
            2: "Melko riittämättömät",
            3: "Ei riittävät eikä riittämättömät",
            4: "Melko riittävät",
            5: "Täysin riittävät",
        },
        "sv": {
            1: "Helt otillräckliga",
            2: "Ganska otillräckliga",
            3: "Varken tillräckliga eller otillräckliga",
            4: "Ganska tillräckliga",
            5: "Helt tillräckliga",
        },
    },
}
DONT_KNOW_LABEL = {"fi": "En osaa sanoa", "sv": "Kan inte säga"}

QUESTIONS: dict[str, dict[str, str]] = {
    "q1": {
        "fi": "1. Arvioi seuraavien väestöryhmien hyvinvointia alueellasi",
        "sv": "1. Bedöm välfärden för följande befolkningsgrupper i din region",
    },
    "q2": {
        "fi": "2. Miten seuraavien väestöryhmien hyvinvointi on muuttunut alueellasi "
        "viimeisen vuoden aikana?",
        "sv": "2. Hur har välfärden för följande befolkningsgrupper i din region förändrats "
        "under det senaste året?",
    },
    "q3": {
        "fi": "3. Arvioi seuraavien palvelujen riittävyyttä alueellasi",
        "sv": "3. Bedöm hur tillräckliga följande tjänster är i din region",
    },
    "open": {
        "fi": "4. Mitä muuta haluat sanoa alueesi hyvinvoinnista?",
        "sv": "4. Vad vill du i övrigt säga om välfärden i din region?",
    },
}

POPULATION_GROUPS: tuple[tuple[str, str], ...] = (
    ("Lapset", "Barn"),
    ("Nuoret", "Unga"),
    ("Lapsiperheet", "Barnfamiljer"),
    ("Työikäiset", "Personer i arbetsför ålder"),
    ("Työttömät / pitkäaikaistyöttömät", "Arbetslösa / långtidsarbetslösa"),
    ("Ikäihmiset", "Äldre"),
    ("Vammaiset", "Personer med funktionsnedsättning"),
    (
        "Päihde- ja mielenterveyskuntoutujat",
        "Rehabiliteringsklienter inom missbruks- och mentalvård",
    ),
    ("Maahanmuuttajat", "Invandrare"),
    ("Pienituloiset", "Låginkomsttagare"),
)
SERVICES: tuple[tuple[str, str], ...] = (
    ("Lastensuojelu", "Barnskydd"),
    ("Aikuissosiaalityö", "Socialt arbete för vuxna"),
    ("Vanhuspalvelut", "Äldreomsorg"),
    ("Vammaispalvelut", "Handikappservice"),
    ("Mielenterveyspalvelut", "Mentalvårdstjänster"),
    ("Päihdepalvelut", "Missbrukarvård"),
)


@dataclass(frozen=True)
class ItemSpec:
    """One answer column and its latent model."""

    var: str  # q1_1 ...
    block: str  # q1 (well-being), q2 (change), q3 (services)
    statement: tuple[str, str]  # (fi, sv) matrix row text
    base: float  # latent level in 2012
    dont_know: float  # base probability of "en osaa sanoa"
    region: dict[str, float] = field(default_factory=dict)  # region (2021) -> effect
    round_2017: float = 0.0  # shift from 2012 to 2017


def _block(
    block: str,
    statements: Sequence[tuple[str, str]],
    spec: Sequence[tuple[float, float, dict[str, float], float]],
) -> list[ItemSpec]:
    return [
        ItemSpec(f"{block}_{i}", block, text, base, dk, region, shift)
        for i, (text, (base, dk, region, shift)) in enumerate(zip(statements, spec, strict=True), 1)
    ]


# (base, don't know, region effects, change 2012 -> 2017). Well-being and adequacy are on the
# 1..5 scale; change items are on a latent scale where > +0.55 is "improved", < -0.55 "worsened".
ITEMS: tuple[ItemSpec, ...] = (
    *_block(
        "q1",
        POPULATION_GROUPS,
        [
            (3.65, 0.03, {}, 0.0),  # children: no regional differences
            (3.25, 0.05, {"14": -0.2}, 0.0),
            (3.45, 0.04, {}, 0.05),
            (3.60, 0.04, {}, 0.05),
            (2.40, 0.06, {"15": 0.45, "16": -0.25}, 0.2),  # unemployed
            (3.10, 0.04, {"16": -0.3}, -0.1),
            (2.95, 0.10, {}, 0.0),
            (2.20, 0.12, {"14": -0.15}, 0.0),
            (2.85, 0.17, {"15": 0.35}, -0.25),  # immigrants
            (2.40, 0.08, {}, -0.1),
        ],
    ),
    *_block(
        "q2",
        POPULATION_GROUPS,
        [
            (-0.10, 0.06, {}, 0.1),
            (-0.25, 0.08, {}, 0.1),
            (-0.10, 0.07, {}, 0.1),
            (0.00, 0.07, {}, 0.3),
            (-0.55, 0.08, {"15": 0.25}, 0.65),  # unemployed: worse in 2012, better in 2017
            (-0.35, 0.07, {"16": -0.3}, -0.1),
            (-0.20, 0.13, {}, 0.0),
            (-0.40, 0.15, {}, 0.0),
            (-0.10, 0.20, {"15": 0.2}, -0.3),
            (-0.50, 0.11, {}, 0.1),
        ],
    ),
    *_block(
        "q3",
        SERVICES,
        [
            (2.80, 0.08, {}, -0.15),  # child welfare
            (3.00, 0.12, {}, 0.0),
            (3.00, 0.06, {"16": 0.35}, -0.2),  # services for older people
            (3.20, 0.11, {}, 0.0),
            (2.50, 0.09, {"14": -0.45, "16": 0.2}, -0.1),  # mental health
            (2.60, 0.12, {"15": -0.3}, 0.0),  # substance abuse
        ],
    ),
)

# Group effects on the latent level (elected officials see things brighter, NGO staff darker).
GROUP_EFFECT = {1: 0.25, 2: 0.10, 3: -0.20, 4: -0.30, 5: -0.05}
# Multipliers of the don't-know probability: NGO and parish staff know less about services.
DONT_KNOW_FACTOR = {
    "q1": {1: 1.2, 2: 0.6, 3: 0.8, 4: 1.3, 5: 1.3},
    "q2": {1: 1.2, 2: 0.6, 3: 0.8, 4: 1.3, 5: 1.4},
    "q3": {1: 1.1, 2: 0.4, 3: 0.7, 4: 2.2, 5: 2.4},
}
ITEM_NONRESPONSE = 0.03
BREAK_OFF = 0.02  # whole q3 block (and the free text after it) empty
CHANGE_CUT = 0.55

# --------------------------------------------------------------------------- survey design

# Respondents per region (of the round year) x group 1..5.
RESPONDENTS: dict[str, dict[str, tuple[int, ...]]] = {
    "2012": {"14": (55, 12, 65, 38, 20), "15": (30, 10, 75, 30, 15), "16": (45, 6, 25, 16, 8)},
    "2017_fi": {"14": (32, 9, 38, 20, 11), "15": (14, 5, 25, 10, 6), "16": (34, 5, 25, 12, 6)},
    "2017_sv": {"14": (2, 0, 3, 1, 0), "15": (16, 5, 38, 14, 8), "16": (5, 1, 5, 2, 1)},
}
# Municipalities that must have answers (exercise mergers and the Isokyrö move).
FORCED: dict[str, dict[str, int]] = {
    "2012": {"863": 4, "164": 6, "915": 4, "152": 7},
    "2017_fi": {"152": 4},
    "2017_sv": {},
}
# Target population per region (classification 2021) x group 1..5.
POPULATION: dict[int, dict[str, tuple[int, ...]]] = {
    2012: {
        "14": (330, 46, 560, 240, 95),
        "15": (250, 40, 520, 190, 80),
        "16": (230, 24, 210, 110, 55),
    },
    2017: {
        "14": (320, 44, 580, 230, 90),
        "15": (240, 38, 540, 200, 78),
        "16": (225, 23, 220, 105, 52),
    },
}
FIELD_PERIOD: dict[int, tuple[dt.datetime, int]] = {  # start, length in days
    2012: (dt.datetime(2012, 3, 5), 40),
    2017: (dt.datetime(2017, 3, 6), 26),
}

# --------------------------------------------------------------------------- people and texts

FIRST_FI = ("Anna", "Minna", "Tiina", "Sari", "Päivi", "Jari", "Mikko", "Timo", "Juha", "Kaisa")
LAST_FI = ("Korhonen", "Laaksonen", "Mäkelä", "Virtanen", "Heikkilä", "Hakala", "Koskinen")
FIRST_SV = ("Maria", "Johan", "Anna-Lena", "Mikael", "Karin", "Peter", "Ulla", "Kristian")
LAST_SV = ("Nyström", "Back", "Granholm", "Sundqvist", "Lindholm", "Björklund", "Snellman")
SWEDISH_DOMAIN = {"280", "287", "288", "440", "475", "499", "545", "598", "599", "893", "946"}

FREE_TEXT: dict[str, tuple[str, ...]] = {
    "fi": (
        "Sosiaalityöntekijä {name} tekee erinomaista työtä lastensuojelussa, mutta "
        "työntekijöitä on liian vähän.",
        "Kotihoidon esimies {name} ei ehdi vastata omaisten yhteydenottoihin.",
        "Nuorten syrjäytyminen huolestuttaa; etsivää nuorisotyötä tarvitaan lisää.",
        "Ikäihmisten palveluasumiseen on pitkät jonot.",
        "Mielenterveyspalveluihin pääsee liian hitaasti, erityisesti nuoret.",
        "Päihdepalvelut pitäisi koota yhteen paikkaan.",
        "Järjestöjen rooli on tärkeä, mutta rahoitus on epävarmaa.",
        "Pitkäaikaistyöttömien kuntouttava työtoiminta toimii meillä hyvin.",
        'Hanke "Perhekeskus" on ollut onnistunut, toivottavasti se jatkuu.',
        "Kaksi asiaa:\n1) lastensuojelun jonot\n2) vanhusten yksinäisyys",
        "Kysely oli pitkä; osaan kysymyksistä en osannut vastata.",
        "Perhetyöntekijä {name} on ollut korvaamaton apu monelle perheelle.",
    ),
    "sv": (
        "Socialarbetaren {name} gör ett fantastiskt jobb med barnfamiljerna, men resurserna "
        "räcker inte.",
        "Vi behöver fler platser inom missbrukarvården; köerna är långa.",
        'Projektet "Unga vuxna" borde fortsätta.',
        "Två saker:\n1) äldreomsorgen på landsbygden\n2) service på svenska",
        "Det är svårt att få mentalvårdstjänster på svenska.",
        "Föreningarnas arbete är viktigt men finansieringen är osäker.",
        "Hemvårdens förman {name} svarar aldrig i telefon.",
        "Integrationen fungerar bra tack vare frivilliga; språkkurserna räcker dock inte.",
    ),
}
FREE_TEXT_SHARE = 0.3
EMAIL_SHARE = 0.4

# Cell texts in the Finnish web export get these variants now and then (tolerant matching).
LABEL_VARIANTS: tuple[Callable[[str], str], ...] = (
    lambda s: s.lower() + " ",
    lambda s: " " + s.upper(),
    lambda s: s.replace(" ", "\u00a0"),
    lambda s: "  " + s + "  ",
    lambda s: s.replace(" ", "  "),
)
N_VARIANT_CELLS = 14

# --------------------------------------------------------------------------- respondents


def municipality_weights(codes: Sequence[str], year: int, language: str | None) -> np.ndarray:
    """Sampling weights of municipalities: damped size, for the language of the form."""
    sizes = []
    for code in codes:
        m = BY_CODE[code]
        share = {None: 1.0, "fi": 1.0 - m.sv_share, "sv": m.sv_share}[language]
        sizes.append(residents(code, year) * share)
    w = np.asarray(sizes, dtype=float) ** 0.6
    return w / w.sum()


def draw_respondents(
    rng: np.random.Generator, key: str, year: int, language: str | None
) -> pd.DataFrame:
    """Municipality, region (of ``year``) and group of every respondent of one export."""
    frames = []
    for region, counts in RESPONDENTS[key].items():
        n = sum(counts)
        codes = [c for c in valid_codes(year) if region_in(c, year) == region]
        forced = [c for c, k in FORCED[key].items() if c in codes for _ in range(k)]
        drawn = rng.choice(
            codes, size=n - len(forced), p=municipality_weights(codes, year, language)
        )
        munis = rng.permutation(np.asarray(forced + list(drawn), dtype=object))
        groups = rng.permutation(np.repeat(np.arange(1, 6), counts))
        frames.append(pd.DataFrame({"kunta": munis, "maakunta": region, "group": groups}))
    df = pd.concat(frames, ignore_index=True)
    df["region_2021"] = [region_2021(c) for c in df["kunta"]]
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df["time"] = draw_times(rng, len(df), year)
    return df


def draw_times(rng: np.random.Generator, n: int, year: int) -> list[dt.datetime]:
    """Sorted answer times in the field period: office hours mostly, some evenings."""
    start, days = FIELD_PERIOD[year]
    day = rng.integers(0, days, size=n)
    office = rng.uniform(8 * 60, 16 * 60, size=n)
    evening = rng.uniform(16 * 60, 22 * 60, size=n)
    minute = np.where(rng.random(n) < 0.8, office, evening).astype(int)
    second = rng.integers(0, 60, size=n)
    times = [
        start + dt.timedelta(days=int(d), minutes=int(m), seconds=int(s))
        for d, m, s in zip(day, minute, second, strict=True)
    ]
    return sorted(times)


# --------------------------------------------------------------------------- answers


def draw_answers(rng: np.random.Generator, resp: pd.DataFrame, year: int) -> pd.DataFrame:
    """Answer codes (1..5 / 1..3, 9 = don't know, NaN = no answer) of every item."""
    n = len(resp)
    optimism = rng.normal(0.0, 0.4, size=n)
    group = resp["group"].to_numpy()
    region = resp["region_2021"].to_numpy()
    out: dict[str, np.ndarray] = {}
    for item in ITEMS:
        level = item.base + (item.round_2017 if year == 2017 else 0.0)
        level = level + np.array([item.region.get(r, 0.0) for r in region])
        gfx = np.array([GROUP_EFFECT[g] for g in group])
        if item.block == "q2":
            latent = level + 0.3 * gfx + 0.5 * optimism + rng.normal(0.0, 0.8, size=n)
            codes = np.where(latent > CHANGE_CUT, 1.0, np.where(latent < -CHANGE_CUT, 3.0, 2.0))
        else:
            latent = level + gfx + optimism + rng.normal(0.0, 0.8, size=n)
            codes = np.clip(np.rint(latent), 1, 5)
        factor = np.array([DONT_KNOW_FACTOR[item.block][g] for g in group])
        p_dk = np.clip(item.dont_know * factor, 0.03, 0.25)
        codes[rng.random(n) < p_dk] = DONT_KNOW
        codes[rng.random(n) < ITEM_NONRESPONSE] = np.nan
        out[item.var] = codes
    answers = pd.DataFrame(out)
    broke_off = rng.random(n) < BREAK_OFF
    answers.loc[broke_off, [i.var for i in ITEMS if i.block == "q3"]] = np.nan
    answers["broke_off"] = broke_off
    return answers


def draw_free_text(
    rng: np.random.Generator, n: int, language: str, broke_off: np.ndarray
) -> list[str]:
    first, last = (FIRST_FI, LAST_FI) if language == "fi" else (FIRST_SV, LAST_SV)
    texts = []
    for i in range(n):
        if broke_off[i] or rng.random() >= FREE_TEXT_SHARE:
            texts.append("")
            continue
        template = FREE_TEXT[language][rng.integers(len(FREE_TEXT[language]))]
        name = f"{first[rng.integers(len(first))]} {last[rng.integers(len(last))]}"
        texts.append(template.format(name=name))
    return texts


def ascii_fold(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", " ": "", "-": ""})
    return text.lower().translate(table)


def draw_emails(rng: np.random.Generator, resp: pd.DataFrame, language: str) -> list[str]:
    first, last = (FIRST_FI, LAST_FI) if language == "fi" else (FIRST_SV, LAST_SV)
    emails = []
    for code, group in zip(resp["kunta"], resp["group"], strict=True):
        if rng.random() >= EMAIL_SHARE:
            emails.append("")
            continue
        m = BY_CODE[code]
        domain = (
            "evl.fi"
            if group == 5
            else ascii_fold(m.name_sv if code in SWEDISH_DOMAIN else m.name_fi) + ".fi"
        )
        person = f"{first[rng.integers(len(first))]}.{last[rng.integers(len(last))]}"
        emails.append(f"{ascii_fold(person)}@{domain}")
    return emails


def add_weights(rng: np.random.Generator, frames: Sequence[pd.DataFrame], year: int) -> None:
    """paino = N_h / n_h x nonresponse factor, strata region (2021) x group, over the round."""
    allresp = pd.concat(frames, ignore_index=True)
    n_h = allresp.groupby(["region_2021", "group"]).size()
    for df in frames:
        big_n = np.array(
            [
                POPULATION[year][r][g - 1]
                for r, g in zip(df["region_2021"], df["group"], strict=True)
            ]
        )
        small_n = np.array(
            [n_h[(r, g)] for r, g in zip(df["region_2021"], df["group"], strict=True)]
        )
        factor = rng.uniform(0.8, 1.25, size=len(df))
        df["paino"] = np.round(big_n / small_n * factor, 6)


def check_population(frames: Iterable[pd.DataFrame], year: int) -> None:
    n_h = pd.concat(list(frames)).groupby(["region_2021", "group"]).size()
    for (region, group), n in n_h.items():
        big_n = POPULATION[year][region][group - 1]
        if big_n < 3 * n:
            raise ValueError(f"{year} stratum {region}/{group}: N={big_n} < 3 x n={n}")


def make_round(
    rng: np.random.Generator, year: int, exports: Sequence[tuple[str, str | None, str]]
) -> list[pd.DataFrame]:
    """One data frame per export (key, sampling language, label language) of a round."""
    frames = []
    for key, sample_language, language in exports:
        resp = draw_respondents(rng, key, year, sample_language)
        answers = draw_answers(rng, resp, year)
        resp = pd.concat([resp, answers], axis=1)
        resp["avoin"] = draw_free_text(rng, len(resp), language, resp["broke_off"].to_numpy())
        resp["sahkoposti"] = draw_emails(rng, resp, language)
        resp.insert(0, "id", np.arange(1, len(resp) + 1))
        frames.append(resp)
    check_population(frames, year)
    add_weights(rng, frames, year)
    return frames


# --------------------------------------------------------------------------- reference files


def residents(code: str, year: int) -> int:
    """Residents at the end of ``year``, including municipalities merged in by then."""
    m = BY_CODE[code]
    total = m.residents_2012 * (1.0 + m.yearly_growth()) ** (year - 2012)
    for old, (new, since) in MERGERS.items():
        if new == code and since <= year:
            total += residents(old, year)
    return round(total)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_reference(folder: Path, rng: np.random.Generator) -> None:
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
    write_csv(
        folder / "population.csv",
        ["survey", "round", "region_code", "group_code", "N"],
        [
            (SURVEY, year, region, group, n)
            for year, regions in POPULATION.items()
            for region, counts in regions.items()
            for group, n in enumerate(counts, 1)
        ],
    )
    write_csv(
        folder / "municipal_stats.csv",
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


# Long-term unemployed per resident by year (the 2015-2017 peak), before municipal factors.
LTU_RATE = {2012: 0.011, 2014: 0.016, 2017: 0.018, 2019: 0.012}
LTU_REGION = {"14": 1.0, "15": 0.8, "16": 1.1}


def municipal_stats(rng: np.random.Generator) -> list[tuple[object, ...]]:
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


# --------------------------------------------------------------------------- 2012: SPSS


def _item_labels(block: str) -> dict[int, str]:
    return {**SCALE_LABELS[block]["fi"], DONT_KNOW: DONT_KNOW_LABEL["fi"]}


def _sav_frame(resp: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "id": resp["id"].astype("int64"),
            "vastausaika": pd.to_datetime(resp["time"]),
            "maakunta": resp["maakunta"].astype("int64"),
            "kunta": resp["kunta"].astype("int64"),
            "vastaajaryhma": resp["group"].astype("int64"),
        }
    )
    for item in ITEMS:
        df[item.var] = resp[item.var].astype("float64")
    df["avoin"] = resp["avoin"]
    df["sahkoposti"] = resp["sahkoposti"]
    df["paino"] = resp["paino"]
    return df


def write_sav(path: Path, resp: pd.DataFrame, year: int) -> None:
    import pyreadstat

    df = _sav_frame(resp)
    labels = {
        "id": "Vastaajan tunniste",
        "vastausaika": "Vastausaika",
        "maakunta": "Maakunta",
        "kunta": "Kunta",
        "vastaajaryhma": "Vastaajaryhmä",
        "avoin": QUESTIONS["open"]["fi"],
        "sahkoposti": "Sähköpostiosoite",
        "paino": "Painokerroin (N/n x vastaamattomuuskorjaus)",
    }
    for item in ITEMS:
        labels[item.var] = f"{QUESTIONS[item.block]['fi']}: {item.statement[0]}"
    value_labels: dict[str, dict[int | float, str]] = {
        "maakunta": {int(c): names[0] for c, names in REGIONS.items()},
        "kunta": {int(c): BY_CODE[c].name_fi for c in valid_codes(year)},
        "vastaajaryhma": {g: names[0] for g, names in GROUPS.items()},
    }
    for item in ITEMS:
        value_labels[item.var] = dict(_item_labels(item.block))
    pyreadstat.write_sav(
        df,
        str(path),
        file_label=f"Hyvinvointibarometri {year} (synteettinen esimerkkiaineisto)",
        column_labels=[labels[c] for c in df.columns],
        variable_value_labels=value_labels,
        missing_ranges={item.var: [DONT_KNOW] for item in ITEMS},
        variable_measure={
            **{c: "nominal" for c in ("id", "maakunta", "kunta", "vastaajaryhma")},
            **{item.var: "ordinal" for item in ITEMS},
            "paino": "scale",
        },
        variable_format={
            **{item.var: "F1.0" for item in ITEMS},
            "id": "F4.0",
            "maakunta": "F2.0",
            "kunta": "F3.0",
            "vastaajaryhma": "F1.0",
            "paino": "F12.6",
        },
        row_compress=True,
    )
    pin_sav_timestamp(path, FIELD_PERIOD[year][0] + dt.timedelta(days=FIELD_PERIOD[year][1]))


def pin_sav_timestamp(path: Path, when: dt.datetime) -> None:
    """Overwrite the creation date and time in the .sav header (ReadStat writes 'now')."""
    raw = bytearray(path.read_bytes())
    if raw[:4] != b"$FL2":
        raise ValueError(f"{path} is not an SPSS .sav file")
    raw[92:101] = when.strftime("%d %b %y").encode("ascii")
    raw[101:109] = when.strftime("%H:%M:%S").encode("ascii")
    path.write_bytes(bytes(raw))


# --------------------------------------------------------------------------- 2017: web exports

META_HEADERS = {
    "fi": ("Vastaajan numero", "Vastausaika", "Sähköposti", "Vastaajaryhmä", "Kunta"),
    "sv": ("Respondentnummer", "Svarstid", "E-post", "Respondentgrupp", "Kommun"),
}
WEIGHT_HEADER = {"fi": "Paino", "sv": "Vikt"}


def web_headers(language: str) -> tuple[list[str], list[str]]:
    """The two header rows of a Webropol export: question texts, then statement texts."""
    lang = 0 if language == "fi" else 1
    row1 = list(META_HEADERS[language])
    row2 = [""] * len(row1)
    for block in ("q1", "q2", "q3"):
        items = [i for i in ITEMS if i.block == block]
        row1 += [QUESTIONS[block][language]] + [""] * (len(items) - 1)
        row2 += [i.statement[lang] for i in items]
    row1 += [QUESTIONS["open"][language], WEIGHT_HEADER[language]]
    row2 += ["", ""]
    return row1, row2


def web_rows(resp: pd.DataFrame, language: str) -> list[list[object]]:
    """Data rows with label texts; the weight stays a float (formatted by the writer)."""
    lang = 0 if language == "fi" else 1
    rows = []
    for rec in resp.itertuples(index=False):
        m = BY_CODE[rec.kunta]
        row: list[object] = [
            int(rec.id),
            rec.time.strftime("%d.%m.%Y %H:%M"),
            rec.sahkoposti,
            GROUPS[rec.group][lang],
            m.name_fi if language == "fi" else m.name_sv,
        ]
        for item in ITEMS:
            code = getattr(rec, item.var)
            if np.isnan(code):
                row.append("")
            elif code == DONT_KNOW:
                row.append(DONT_KNOW_LABEL[language])
            else:
                row.append(SCALE_LABELS[item.block][language][int(code)])
        row += [rec.avoin, float(rec.paino)]
        rows.append(row)
    return rows


def vary_labels(rng: np.random.Generator, rows: list[list[object]]) -> None:
    """Give a few answer cells odd case or white space, as hand-edited exports have.

    A third of them are don't-know cells, the rest scale labels."""
    first = len(META_HEADERS["fi"])
    answered = [
        (i, j)
        for i, row in enumerate(rows)
        for j in range(first, first + len(ITEMS))
        if row[j] != ""
    ]
    dont_know = [c for c in answered if rows[c[0]][c[1]] == DONT_KNOW_LABEL["fi"]]
    labels = [c for c in answered if rows[c[0]][c[1]] != DONT_KNOW_LABEL["fi"]]
    n_dk = N_VARIANT_CELLS // 3
    picks = [dont_know[p] for p in rng.choice(len(dont_know), size=n_dk, replace=False)]
    picks += [labels[p] for p in rng.choice(len(labels), N_VARIANT_CELLS - n_dk, replace=False)]
    for k, (i, j) in enumerate(picks):
        text = str(rows[i][j])
        varied = LABEL_VARIANTS[k % len(LABEL_VARIANTS)](text)
        rows[i][j] = varied if varied != text else LABEL_VARIANTS[0](text)


def write_xlsx(path: Path, resp: pd.DataFrame, rng: np.random.Generator) -> None:
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    rows = web_rows(resp, "fi")
    vary_labels(rng, rows)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vastaukset"
    for header in web_headers("fi"):
        ws.append([h or None for h in header])
    for row in rows:
        ws.append([v if v != "" else None for v in row])
    when = dt.datetime(2017, 4, 1, 9, 0, 0)
    wb.properties.creator = "Webropol"
    wb.properties.lastModifiedBy = "Webropol"
    wb.properties.title = "Hyvinvointibarometri 2017"
    wb.properties.created = when
    wb.properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # save_workbook() would stamp 'modified' with now
    path.write_bytes(pin_zip_times(buffer.getvalue(), when))


def pin_zip_times(data: bytes, when: dt.datetime) -> bytes:
    """The same zip archive with every member dated ``when`` (byte-identical reruns)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_web_csv(path: Path, resp: pd.DataFrame, language: str) -> None:
    """Semicolon-separated, cp1252, CRLF, decimal comma: a Finnish Excel-friendly CSV."""
    rows = web_rows(resp, language)
    for row in rows:
        row[-1] = f"{row[-1]:.6f}".replace(".", ",")
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerows(web_headers(language))
        writer.writerows(rows)


# --------------------------------------------------------------------------- main


def summary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Respondents per export x region (of the round year) x group."""
    parts = []
    for name, df in frames.items():
        counts = df.groupby(["maakunta", "group"]).size().unstack(fill_value=0)
        counts.insert(0, "file", name)
        parts.append(counts.reset_index())
    return pd.concat(parts, ignore_index=True)


def generate(out_dir: Path) -> pd.DataFrame:
    """Write every example file under ``out_dir`` (laid out like data/raw/).

    Returns the respondent counts per export, region and group."""
    rng = np.random.default_rng(SEED)
    ref_rng, rng_2012, rng_2017, xlsx_rng = rng.spawn(4)
    write_reference(out_dir / "reference", ref_rng)
    barometer = out_dir / "barometer"
    barometer.mkdir(parents=True, exist_ok=True)
    (b2012,) = make_round(rng_2012, 2012, [("2012", None, "fi")])
    write_sav(barometer / "barometri_2012.sav", b2012, 2012)
    fi, sv = make_round(rng_2017, 2017, [("2017_fi", "fi", "fi"), ("2017_sv", "sv", "sv")])
    write_xlsx(barometer / "barometri_2017_fi.xlsx", fi, xlsx_rng)
    write_web_csv(barometer / "barometri_2017_sv.csv", sv, "sv")
    return summary(
        {
            "barometri_2012.sav": b2012,
            "barometri_2017_fi.xlsx": fi,
            "barometri_2017_sv.csv": sv,
        }
    )


def main() -> None:
    counts = generate(ROOT / "data" / "raw")
    print("respondents per file, region (of the round year) and group 1..5:")
    print(counts.to_string(index=False))


if __name__ == "__main__":
    main()
