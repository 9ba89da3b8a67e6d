"""Respondents of one round: municipality, group, answer time, answers from the latent model,
free text, e-mail addresses and weights. All names and addresses are invented."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .geography import BY_CODE, SWEDISH_DOMAIN, region_2021, region_in, residents, valid_codes
from .questionnaire import (
    BREAK_OFF,
    CHANGE_CUT,
    DONT_KNOW,
    DONT_KNOW_FACTOR,
    GROUP_EFFECT,
    ITEM_NONRESPONSE,
    ItemSpec,
)


@dataclass(frozen=True)
class ExportPlan:
    """One export file of a round and who answered through it."""

    file: str
    language: str  # language of the labels in the file: fi | sv
    sample_language: str | None  # language of the form (None: anyone, by residents)
    respondents: dict[str, tuple[int, ...]]  # region of the round year -> n per group 1..5
    forced: dict[str, int] = field(default_factory=dict)  # municipality -> answers from it


@dataclass(frozen=True)
class RoundPlan:
    """One survey round: its exports, items, field period and target population."""

    year: int
    exports: tuple[ExportPlan, ...]
    items: tuple[ItemSpec, ...]
    population: dict[str, tuple[int, ...]]  # region (classification 2021) -> N per group
    field_start: dt.datetime
    field_days: int


# --------------------------------------------------------------------------- people and texts

FIRST_FI = ("Anna", "Minna", "Tiina", "Sari", "Päivi", "Jari", "Mikko", "Timo", "Juha", "Kaisa")
LAST_FI = ("Korhonen", "Laaksonen", "Mäkelä", "Virtanen", "Heikkilä", "Hakala", "Koskinen")
FIRST_SV = ("Maria", "Johan", "Anna-Lena", "Mikael", "Karin", "Peter", "Ulla", "Kristian")
LAST_SV = ("Nyström", "Back", "Granholm", "Sundqvist", "Lindholm", "Björklund", "Snellman")

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


def draw_respondents(rng: np.random.Generator, plan: ExportPlan, rnd: RoundPlan) -> pd.DataFrame:
    """Municipality, region (of the round year) and group of every respondent of one export."""
    frames = []
    for region, counts in plan.respondents.items():
        n = sum(counts)
        codes = [c for c in valid_codes(rnd.year) if region_in(c, rnd.year) == region]
        forced = [c for c, k in plan.forced.items() if c in codes for _ in range(k)]
        weights = municipality_weights(codes, rnd.year, plan.sample_language)
        drawn = rng.choice(codes, size=n - len(forced), p=weights)
        munis = rng.permutation(np.asarray(forced + list(drawn), dtype=object))
        groups = rng.permutation(np.repeat(np.arange(1, 6), counts))
        frames.append(pd.DataFrame({"kunta": munis, "maakunta": region, "group": groups}))
    df = pd.concat(frames, ignore_index=True)
    df["region_2021"] = [region_2021(c) for c in df["kunta"]]
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df["time"] = draw_times(rng, len(df), rnd.field_start, rnd.field_days)
    return df


def draw_times(
    rng: np.random.Generator, n: int, start: dt.datetime, days: int
) -> list[dt.datetime]:
    """Sorted answer times in the field period: office hours mostly, some evenings."""
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


def draw_answers(
    rng: np.random.Generator, resp: pd.DataFrame, year: int, items: Sequence[ItemSpec]
) -> pd.DataFrame:
    """Answer codes (1..5 / 1..3, 9 = don't know, NaN = no answer) of every item asked."""
    n = len(resp)
    optimism = rng.normal(0.0, 0.4, size=n)
    group = resp["group"].to_numpy()
    region = resp["region_2021"].to_numpy()
    gfx = np.array([GROUP_EFFECT[g] for g in group])
    out: dict[str, np.ndarray] = {}
    for item in items:
        level = item.base + item.shift(year)
        level = level + np.array([item.region.get(r, 0.0) for r in region])
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
    answers = pd.DataFrame(out, index=resp.index)
    broke_off = rng.random(n) < BREAK_OFF
    answers.loc[broke_off, [i.var for i in items if i.block == "q3"]] = np.nan
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


# --------------------------------------------------------------------------- weights


def check_population(frames: Sequence[pd.DataFrame], rnd: RoundPlan) -> None:
    n_h = pd.concat(list(frames)).groupby(["region_2021", "group"]).size()
    for (region, group), n in n_h.items():
        big_n = rnd.population[region][group - 1]
        if big_n < 3 * n:
            raise ValueError(f"{rnd.year} stratum {region}/{group}: N={big_n} < 3 x n={n}")


def add_weights(rng: np.random.Generator, frames: Sequence[pd.DataFrame], rnd: RoundPlan) -> None:
    """paino = N_h / n_h x nonresponse factor, strata region (2021) x group, over the round."""
    n_h = pd.concat(list(frames), ignore_index=True).groupby(["region_2021", "group"]).size()
    for df in frames:
        keys = list(zip(df["region_2021"], df["group"], strict=True))
        big_n = np.array([rnd.population[r][g - 1] for r, g in keys])
        small_n = np.array([n_h[(r, g)] for r, g in keys])
        factor = rng.uniform(0.8, 1.25, size=len(df))
        df["paino"] = np.round(big_n / small_n * factor, 6)


def make_round(rng: np.random.Generator, rnd: RoundPlan) -> list[pd.DataFrame]:
    """One data frame per export of a round: respondents, answers, personal data, weight."""
    frames = []
    for plan in rnd.exports:
        resp = draw_respondents(rng, plan, rnd)
        answers = draw_answers(rng, resp, rnd.year, rnd.items)
        resp = pd.concat([resp, answers], axis=1)
        broke_off = resp["broke_off"].to_numpy()
        resp["avoin"] = draw_free_text(rng, len(resp), plan.language, broke_off)
        resp["sahkoposti"] = draw_emails(rng, resp, plan.language)
        resp.insert(0, "id", np.arange(1, len(resp) + 1))
        frames.append(resp)
    check_population(frames, rnd)
    add_weights(rng, frames, rnd)
    return frames
