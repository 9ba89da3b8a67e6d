"""User-facing labels from the codebook snapshot (data/processed/codebook.json) in fi, sv, en.

Charts, packs and tables take every name they print from here, so a new export with its own
codebook is labelled in its own words."""

from __future__ import annotations

from typing import Any

ALL_CODE = "ALL"
ALL_REGIONS = {"fi": "Kaikki alueet", "sv": "Alla regioner", "en": "All regions"}
ALL_GROUPS = {"fi": "Kaikki vastaajat", "sv": "Alla svarande", "en": "All respondents"}


def _pick(texts: dict[str, str] | None, language: str, fallback: str) -> str:
    if not texts:
        return fallback
    return texts.get(language) or texts.get("fi") or fallback


def region_name(snapshot: dict[str, Any], code: str, language: str) -> str:
    if code == ALL_CODE:
        return ALL_REGIONS[language]
    return _pick(snapshot.get("regions", {}).get(code), language, code)


def group_name(snapshot: dict[str, Any], code: str, language: str) -> str:
    if code == ALL_CODE:
        return ALL_GROUPS[language]
    return _pick(snapshot.get("groups", {}).get(code), language, code)


def item_label(snapshot: dict[str, Any], item: str, language: str) -> str:
    return _pick(snapshot["items"].get(item, {}).get("label"), language, item)


def item_question(snapshot: dict[str, Any], item: str, language: str) -> str:
    return _pick(snapshot["items"].get(item, {}).get("question"), language, item)


def theme_name(snapshot: dict[str, Any], theme: str, language: str) -> str:
    """Name of a codebook theme; items without a theme go under the survey's title (so a
    codebook without themes gives "National barometer: mean by region", not ": mean ...")."""
    if not theme:
        return title(snapshot, language)
    return _pick(snapshot.get("themes", {}).get(theme), language, theme)


def code_label(snapshot: dict[str, Any], item: str, code: int | str, language: str) -> str:
    """Label of an answer code (valid or don't-know) of ``item``'s scale."""
    scale = snapshot["scales"][snapshot["items"][item]["scale"]]
    key = str(int(float(code)))
    texts = scale["codes"].get(key) or scale["dont_know"].get(key)
    return _pick(texts, language, key)


def title(snapshot: dict[str, Any], language: str) -> str:
    return _pick(snapshot.get("title"), language, snapshot.get("survey", ""))


def source(snapshot: dict[str, Any], language: str) -> str:
    return _pick(snapshot.get("source"), language, title(snapshot, language))
