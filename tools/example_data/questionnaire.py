"""The barometer questionnaire of the synthetic example and its latent answer model.

Every item has a level in 2012, regional effects and a trend: shifts at anchor years, linearly
interpolated in between (and held constant outside), so any round year gets a level. Items
may be asked only from or up to a round (``since`` / ``until``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

DONT_KNOW = 9
BLOCKS = ("q1", "q2", "q3")
SCALE_OF_BLOCK = {"q1": "wellbeing5", "q2": "change3", "q3": "adequacy5"}
THEME_OF_BLOCK = {"q1": "wellbeing", "q2": "change", "q3": "services"}
RATING_BLOCKS = ("q1", "q3")  # the blocks whose 2009 coding runs the other way

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

# block -> code -> (fi, sv, en)
SCALE_LABELS: dict[str, dict[int, tuple[str, str, str]]] = {
    "q1": {
        1: ("Erittäin huono", "Mycket dålig", "Very poor"),
        2: ("Melko huono", "Ganska dålig", "Fairly poor"),
        3: ("Ei hyvä eikä huono", "Varken bra eller dålig", "Neither good nor poor"),
        4: ("Melko hyvä", "Ganska bra", "Fairly good"),
        5: ("Erittäin hyvä", "Mycket bra", "Very good"),
    },
    "q2": {
        1: ("Parantunut", "Förbättrats", "Improved"),
        2: ("Pysynyt ennallaan", "Oförändrat", "Unchanged"),
        3: ("Heikentynyt", "Försämrats", "Worsened"),
    },
    "q3": {
        1: ("Täysin riittämättömät", "Helt otillräckliga", "Completely inadequate"),
        2: ("Melko riittämättömät", "Ganska otillräckliga", "Fairly inadequate"),
        3: (
            "Ei riittävät eikä riittämättömät",
            "Varken tillräckliga eller otillräckliga",
            "Neither adequate nor inadequate",
        ),
        4: ("Melko riittävät", "Ganska tillräckliga", "Fairly adequate"),
        5: ("Täysin riittävät", "Helt tillräckliga", "Completely adequate"),
    },
}
DONT_KNOW_LABEL = ("En osaa sanoa", "Kan inte säga", "Don't know")
LANG_INDEX = {"fi": 0, "sv": 1, "en": 2}


def scale_label(block: str, code: int, language: str) -> str:
    """Label of an answer code (don't-know included) in the standard coding."""
    texts = DONT_KNOW_LABEL if code == DONT_KNOW else SCALE_LABELS[block][code]
    return texts[LANG_INDEX[language]]


QUESTIONS: dict[str, tuple[str, str, str]] = {
    "q1": (
        "Arvioi seuraavien väestöryhmien hyvinvointia alueellasi",
        "Bedöm välfärden för följande befolkningsgrupper i din region",
        "Rate the well-being of the following population groups in your region",
    ),
    "q2": (
        "Miten seuraavien väestöryhmien hyvinvointi on muuttunut alueellasi viimeisen vuoden "
        "aikana?",
        "Hur har välfärden för följande befolkningsgrupper i din region förändrats under det "
        "senaste året?",
        "How has the well-being of the following population groups in your region changed "
        "during the last year?",
    ),
    "q3": (
        "Arvioi seuraavien palvelujen riittävyyttä alueellasi",
        "Bedöm hur tillräckliga följande tjänster är i din region",
        "Rate the adequacy of the following services in your region",
    ),
    "open": (
        "Mitä muuta haluat sanoa alueesi hyvinvoinnista?",
        "Vad vill du i övrigt säga om välfärden i din region?",
        "What else would you like to say about well-being in your region?",
    ),
}
THEMES: dict[str, tuple[str, str, str]] = {
    "wellbeing": (
        "Väestöryhmien hyvinvointi",
        "Befolkningsgruppernas välfärd",
        "Well-being of population groups",
    ),
    "change": ("Hyvinvoinnin muutos", "Förändring i välfärden", "Change in well-being"),
    "services": ("Palvelujen riittävyys", "Tjänsternas tillräcklighet", "Adequacy of services"),
}

# id suffix -> (fi, sv, en); the same population groups in q1 (wb_) and q2 (ch_)
POPULATION_GROUPS: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("children", ("Lapset", "Barn", "Children")),
    ("young", ("Nuoret", "Unga", "Young people")),
    ("families", ("Lapsiperheet", "Barnfamiljer", "Families with children")),
    ("working_age", ("Työikäiset", "Personer i arbetsför ålder", "Working-age people")),
    (
        "unemployed",
        (
            "Työttömät / pitkäaikaistyöttömät",
            "Arbetslösa / långtidsarbetslösa",
            "Unemployed / long-term unemployed",
        ),
    ),
    ("older", ("Ikäihmiset", "Äldre", "Older people")),
    ("disabled", ("Vammaiset", "Personer med funktionsnedsättning", "Disabled people")),
    (
        "mental_substance",
        (
            "Päihde- ja mielenterveyskuntoutujat",
            "Rehabiliteringsklienter inom missbruks- och mentalvård",
            "People in mental-health or substance-abuse rehabilitation",
        ),
    ),
    ("immigrants", ("Maahanmuuttajat", "Invandrare", "Immigrants")),
    ("low_income", ("Pienituloiset", "Låginkomsttagare", "Low-income people")),
)
CARERS = ("carers", ("Omaishoitajat", "Närståendevårdare", "Family carers"))
SERVICES: tuple[tuple[str, tuple[str, str, str]], ...] = (
    ("child_welfare", ("Lastensuojelu", "Barnskydd", "Child welfare")),
    ("adult_social_work", ("Aikuissosiaalityö", "Socialt arbete för vuxna", "Adult social work")),
    ("older", ("Vanhuspalvelut", "Äldreomsorg", "Services for older people")),
    ("disability", ("Vammaispalvelut", "Handikappservice", "Disability services")),
    ("mental_health", ("Mielenterveyspalvelut", "Mentalvårdstjänster", "Mental-health services")),
    ("substance_abuse", ("Päihdepalvelut", "Missbrukarvård", "Substance-abuse services")),
)
PREFIX = {"q1": "wb", "q2": "ch", "q3": "sv"}


@dataclass(frozen=True)
class ItemSpec:
    """One questionnaire item (a matrix row) and its latent model."""

    id: str  # harmonised item id, as in the codebook (wb_children ...)
    block: str  # q1 (well-being), q2 (change), q3 (services)
    number: int  # row of the matrix: variable q1_<number> in the .sav files
    statement: tuple[str, str, str]  # (fi, sv, en) matrix row text
    base: float  # latent level in 2012
    dont_know: float  # base probability of "en osaa sanoa"
    region: dict[str, float] = field(default_factory=dict)  # region (2021) -> effect
    trend: dict[int, float] = field(default_factory=dict)  # anchor year -> shift from 2012
    since: int | None = None  # first round the item was asked
    until: int | None = None  # last round the item was asked

    @property
    def var(self) -> str:
        return f"{self.block}_{self.number}"

    def asked_in(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )

    def shift(self, year: int) -> float:
        """Change of the latent level from 2012 to ``year`` (interpolated between anchors)."""
        anchors = {2012: 0.0, **self.trend}
        years = sorted(anchors)
        return float(np.interp(year, years, [anchors[y] for y in years]))


Spec = tuple[float, float, dict[str, float], dict[int, float]]


def _block(
    block: str, rows: Sequence[tuple[str, tuple[str, str, str]]], specs: Sequence[Spec]
) -> list[ItemSpec]:
    return [
        ItemSpec(f"{PREFIX[block]}_{key}", block, number, text, base, dk, region, trend)
        for number, ((key, text), (base, dk, region, trend)) in enumerate(
            zip(rows, specs, strict=True), 1
        )
    ]


# (level 2012, don't know, region effects, trend). Well-being and adequacy are on the 1..5
# scale; change items on a latent scale where > +0.55 is "improved" and < -0.55 "worsened".
# Trends: 2009 before the crisis years, the 2015-2017 unemployment peak and the 2015 asylum
# seekers, 2021 after the first Covid year (young people, older people and mental-health
# services worse).
ITEMS: tuple[ItemSpec, ...] = (
    *_block(
        "q1",
        POPULATION_GROUPS,
        [
            (3.65, 0.03, {}, {2009: 0.05, 2021: 0.0}),  # children: no regional differences
            (3.25, 0.05, {"14": -0.2}, {2009: 0.1, 2017: 0.0, 2021: -0.4}),  # young
            (3.45, 0.04, {}, {2017: 0.05, 2021: 0.0}),
            (3.60, 0.04, {}, {2009: 0.05, 2017: 0.05, 2021: 0.1}),
            (2.40, 0.06, {"15": 0.45, "16": -0.25}, {2009: 0.55, 2017: 0.0, 2021: -0.05}),
            (3.10, 0.04, {"16": -0.3}, {2009: 0.1, 2017: -0.1, 2021: -0.35}),  # older
            (2.95, 0.10, {}, {}),
            (2.20, 0.12, {"14": -0.15}, {2009: -0.1, 2021: 0.05}),
            (2.85, 0.17, {"15": 0.35}, {2009: -0.05, 2017: -0.3, 2021: 0.1}),  # immigrants
            (2.40, 0.08, {}, {2009: 0.15, 2017: -0.1, 2021: -0.3}),  # low income
        ],
    ),
    ItemSpec("wb_carers", "q1", 11, CARERS[1], 2.75, 0.09, {"16": -0.2}, {2021: -0.3}, since=2017),
    *_block(
        "q2",
        POPULATION_GROUPS,
        [
            (-0.10, 0.06, {}, {2009: 0.1, 2017: 0.1, 2021: -0.1}),
            (-0.25, 0.08, {}, {2017: 0.1, 2021: -0.45}),
            (-0.10, 0.07, {}, {2017: 0.1, 2021: 0.0}),
            (0.00, 0.07, {}, {2009: -0.2, 2017: 0.3, 2021: -0.1}),
            (-0.55, 0.08, {"15": 0.25}, {2009: -0.5, 2017: 0.65, 2021: -0.1}),  # unemployed
            (-0.35, 0.07, {"16": -0.3}, {2017: -0.1, 2021: -0.45}),
            (-0.20, 0.13, {}, {}),
            (-0.40, 0.15, {}, {2021: -0.2}),
            (-0.10, 0.20, {"15": 0.2}, {2009: 0.0, 2017: -0.3, 2021: 0.1}),
            (-0.50, 0.11, {}, {2017: 0.1, 2021: -0.2}),
        ],
    ),
    *_block(
        "q3",
        SERVICES,
        [
            (2.80, 0.08, {}, {2009: 0.25, 2017: -0.15, 2021: -0.3}),  # child welfare
            (3.00, 0.12, {}, {2009: 0.1}),  # adult social work (not asked after 2017)
            (3.00, 0.06, {"16": 0.35}, {2009: 0.15, 2017: -0.2, 2021: -0.15}),
            (3.20, 0.11, {}, {2021: 0.1}),
            (2.50, 0.09, {"14": -0.45, "16": 0.2}, {2009: 0.3, 2017: -0.1, 2021: -0.4}),
            (2.60, 0.12, {"15": -0.3}, {}),  # substance abuse
        ],
    ),
)


def drop_item(items: tuple[ItemSpec, ...], item_id: str, until: int) -> tuple[ItemSpec, ...]:
    """The items with ``item_id`` asked only up to ``until``."""
    return tuple(replace(i, until=until) if i.id == item_id else i for i in items)


# The example: adult social work was left out of the 2021 questionnaire.
EXAMPLE_ITEMS = drop_item(ITEMS, "sv_adult_social_work", 2017)


def items_in(year: int, items: Sequence[ItemSpec] = EXAMPLE_ITEMS) -> list[ItemSpec]:
    """The items of a round, in questionnaire order (blocks, then matrix rows)."""
    asked = [i for i in items if i.asked_in(year)]
    return sorted(asked, key=lambda i: (BLOCKS.index(i.block), i.number))


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
