"""Words of answer labels in Finnish, Swedish and English: don't know, change, polarity.

The draft has no codes for a web export's answer texts and must also verify the order of an
SPSS file's codes, so it reads the labels the way a person does: "Erittäin huono" is the
negative end, "Melko hyvä" moderately positive, "Ei hyvä eikä huono" the middle. No library
does this for Finnish and Swedish survey labels, hence the small hand-kept word lists below
(prefixes, because Finnish words inflect: "riittämättömät", "riittämätön").
"""

from __future__ import annotations

import re

from pipeline.io.readers import fold

DONT_KNOW = (
    "en osaa sanoa",
    "ei osaa sanoa",
    "eos",
    "en tiedä",
    "ei tietoa",
    "ei kantaa",
    "kan inte säga",
    "kan ej säga",
    "vet inte",
    "vet ej",
    "ingen åsikt",
    "don't know",
    "dont know",
    "do not know",
    "can't say",
    "cannot say",
    "no opinion",
)
NO_ANSWER = (
    "ei vastausta",
    "ei vastannut",
    "ei koske",
    "ei sovellu",
    "inget svar",
    "ej tillämplig",
    "berör inte",
    "no answer",
    "not applicable",
    "n/a",
)

# change scales: improved / unchanged / worsened
IMPROVED = ("parantun", "parani", "parempi", "förbättr", "bättre", "improv", "better")
UNCHANGED = ("ennallaan", "ei muuttun", "ennallensa", "oförändr", "samma", "unchanged", "same")
WORSENED = ("heikentyn", "huonontun", "huononi", "huonompi", "försämr", "sämre", "worse")

# polarity of rating labels (matched as word prefixes; negatives are tried first because
# "riittämättömät" begins like "riittävät" and "otillräckliga" contains "tillräckliga")
NEGATIVE = (
    "huono",
    "heikko",
    "heikosti",
    "riittämät",
    "tyytymät",
    "epätyydyttäv",
    "epäonnistu",
    "vaikea",
    "hankala",
    "tarpeeton",
    "merkityksetön",
    "dålig",
    "dåligt",
    "otillräck",
    "otillfredsställ",
    "missnöjd",
    "svår",
    "oviktig",
    "poor",
    "bad",
    "inadequate",
    "insufficient",
    "dissatisf",
    "unsatisf",
    "difficult",
    "unimportant",
    "disagree",
    "low",
)
POSITIVE = (
    "hyvä",
    "hyvin",
    "riittäv",
    "tyytyväi",
    "tyydyttäv",
    "onnistu",
    "helppo",
    "tarpeelli",
    "tärkeä",
    "erinomai",
    "bra",
    "god",
    "goda",
    "tillräck",
    "tillfredsställ",
    "nöjd",
    "lätt",
    "viktig",
    "utmärkt",
    "good",
    "adequate",
    "sufficient",
    "satisf",
    "easy",
    "important",
    "excellent",
    "agree",
    "high",
)
# agreement: the opinion word decides ("täysin eri mieltä" is negative)
DISAGREE = ("eri mieltä", "av annan åsikt", "tar avstånd", "inte alls enig", "oenig", "disagree")
AGREE = ("samaa mieltä", "av samma åsikt", "instämmer", "enig", "agree")
STRONG = (
    "erittäin",
    "täysin",
    "todella",
    "hyvin",
    "aivan",
    "mycket",
    "helt",
    "väldigt",
    "very",
    "completely",
    "strongly",
    "totally",
    "fully",
    "extremely",
)
MODERATE = (
    "melko",
    "jokseenkin",
    "osittain",
    "jonkin verran",
    "ganska",
    "delvis",
    "något",
    "i viss mån",
    "fairly",
    "somewhat",
    "rather",
    "quite",
    "partly",
)
MIDDLE = (
    re.compile(r"\bei\b.*\beikä\b"),
    re.compile(r"\bvarken\b.*\beller\b"),
    re.compile(r"\bneither\b.*\bnor\b"),
    re.compile(r"^(kohtalai|neutraal|neutral|keskinkertai|medelmåtti|average|moderate)"),
)
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*(?:[=.):-]|\s)\s*(\S.*)$")

LANGUAGE_WORDS = {
    "fi": ("en osaa", "erittäin", "melko", "huono", "hyvä", "ja", "tai", "ei", "alueellasi"),
    "sv": ("kan inte", "mycket", "ganska", "dålig", "bra", "och", "eller", "inte", "din"),
    "en": ("don't know", "very", "fairly", "poor", "good", "and", "or", "not", "your"),
}


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(text == w or text.startswith(w + " ") or f" {w}" in f" {text}" for w in words)


def _prefix(text: str, stems: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?:^|[\s/(-]){re.escape(s)}", text) for s in stems)


def is_dont_know(label: str) -> bool:
    return _has(fold(label).rstrip("."), DONT_KNOW)


def is_no_answer(label: str) -> bool:
    return _has(fold(label).rstrip("."), NO_ANSWER)


def change_side(label: str) -> str | None:
    """'improved', 'unchanged', 'worsened' or None for one answer label."""
    text = fold(label)
    if _prefix(text, WORSENED):
        return "worsened"
    if _prefix(text, UNCHANGED):
        return "unchanged"
    if _prefix(text, IMPROVED):
        return "improved"
    return None


def is_change_set(labels: list[str]) -> bool:
    sides = {change_side(x) for x in labels}
    return "improved" in sides and "worsened" in sides


def rating_value(label: str) -> float | None:
    """Position of a rating label on a -2..2 line: sign from the polarity words, size from the
    intensity words (none: 1.5, so "hyvä" lies between "melko hyvä" and "erittäin hyvä");
    0 for a middle label; None when the words say nothing."""
    text = fold(label).rstrip(".")
    numbered = _NUMBERED.match(text)
    if numbered:
        text = numbered.group(2)
    if any(p.search(text) for p in MIDDLE):
        return 0.0
    if _has(text, DISAGREE):
        sign = -1.0
    elif _has(text, AGREE):
        sign = 1.0
    elif _prefix(text, NEGATIVE):
        sign = -1.0
    elif _prefix(text, POSITIVE):
        sign = 1.0
    else:
        return None
    # "hyvin" is an intensity word only in front of another word ("hyvin huono")
    rest = text.split(" ", 1)
    strong = _has(text, STRONG) and not (rest[0] == "hyvin" and len(rest) == 1)
    size = 2.0 if strong else 1.0 if _has(text, MODERATE) else 1.5
    return sign * size


def label_number(label: str) -> int | None:
    """The number of a numbered answer label ("1 = Erittäin huono", "5. Hyvä"), else None."""
    m = _NUMBERED.match(str(label))
    return int(m.group(1)) if m else None


def guess_language(texts: list[str]) -> str | None:
    """fi, sv or en from the words of some texts; None when nothing is recognised."""
    counts = dict.fromkeys(LANGUAGE_WORDS, 0)
    for t in texts:
        f = f" {fold(t)} "
        for lang, words in LANGUAGE_WORDS.items():
            counts[lang] += sum(f" {w} " in f for w in words)
        counts["fi"] += sum(ch in f for ch in "äö") and not any(ch in f for ch in "å")
        counts["sv"] += "å" in f
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else None
