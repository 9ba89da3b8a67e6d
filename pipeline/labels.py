"""User-facing names from the codebook snapshot (data/processed/codebook.json) in fi, sv, en.

Charts, packs and tables take every name of an item, scale answer, theme, region or group
from here, so a new export with its own codebook is labelled in its own words; the names of
the all-regions and all-respondents domains are texts of :mod:`pipeline.i18n.common`."""

from __future__ import annotations

from typing import Any

from pipeline.i18n import t
from pipeline.stats.domains import ALL


def pick(texts: dict[str, str] | None, language: str, fallback: str) -> str:
    """The ``language`` text of a codebook name, else the Finnish one, else ``fallback``."""
    if not texts:
        return fallback
    return texts.get(language) or texts.get("fi") or fallback


def region_name(snapshot: dict[str, Any], code: str, language: str) -> str:
    if code == ALL:
        return t("common.all_regions", language)
    return pick(snapshot.get("regions", {}).get(code), language, code)


def group_name(snapshot: dict[str, Any], code: str, language: str) -> str:
    if code == ALL:
        return t("common.all_groups", language)
    return pick(snapshot.get("groups", {}).get(code), language, code)


def item_label(snapshot: dict[str, Any], item: str, language: str) -> str:
    return pick(snapshot["items"].get(item, {}).get("label"), language, item)


def item_question(snapshot: dict[str, Any], item: str, language: str) -> str:
    return pick(snapshot["items"].get(item, {}).get("question"), language, item)


def theme_name(snapshot: dict[str, Any], theme: str, language: str) -> str:
    """Name of a codebook theme; items without a theme go under the survey's title (so a
    codebook without themes gives "National barometer: mean by region", not ": mean ...")."""
    if not theme:
        return title(snapshot, language)
    return pick(snapshot.get("themes", {}).get(theme), language, theme)


def code_label(snapshot: dict[str, Any], item: str, code: int | str, language: str) -> str:
    """Label of an answer code (valid or don't-know) of ``item``'s scale."""
    scale = snapshot["scales"][snapshot["items"][item]["scale"]]
    key = str(int(float(code)))
    texts = scale["codes"].get(key) or scale["dont_know"].get(key)
    return pick(texts, language, key)


def title(snapshot: dict[str, Any], language: str) -> str:
    return pick(snapshot.get("title"), language, snapshot.get("survey", ""))


def source(snapshot: dict[str, Any], language: str) -> str:
    return pick(snapshot.get("source"), language, title(snapshot, language))
