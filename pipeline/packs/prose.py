"""The fixed prose of a pack filled from the codebook and the config: the "how to read" page,
the discussion prompts of a chart family and the scale words of the workbook. The templates are
texts of :mod:`pipeline.i18n.packs`; scale ranges, top-2 codes and the confidence level come
from the codebook snapshot and ``analyse.confidence``, never from literals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pipeline.i18n import join_or, numbers, t

# The "how to read" page, in the order printed (keys packs.how.<name>.heading / .text).
HOW_TO_READ = ("who", "mean", "shares", "balance", "interval", "clear", "groups", "n")
PROMPTS = 2  # default discussion prompts per chart family (packs.prompt.<family>.<1..2>)


def prompts(family: str, language: str) -> list[str]:
    """The default discussion prompts of a chart family."""
    base = "activation" if family.startswith("activation") else family
    return [t(f"packs.prompt.{base}.{i}", language) for i in range(1, PROMPTS + 1)]


def _scale(snapshot: Mapping[str, Any], item: str) -> Mapping[str, Any]:
    return snapshot["scales"][snapshot["items"][item]["scale"]]


def scale_range(snapshot: Mapping[str, Any], item: str) -> str:
    """'1–5': the range of the item's valid answer codes."""
    codes = [int(c) for c in _scale(snapshot, item)["codes"]]
    return numbers.span(min(codes), max(codes))


def top_codes(snapshot: Mapping[str, Any], item: str) -> str:
    return numbers.codes_span(_scale(snapshot, item).get("top", []))


def bottom_codes(snapshot: Mapping[str, Any], item: str) -> str:
    return numbers.codes_span(_scale(snapshot, item).get("bottom", []))


def rating_items(snapshot: Mapping[str, Any], items: Iterable[str] | None = None) -> list[str]:
    """The rating items among ``items`` (all of the codebook's when None), codebook order."""
    wanted = None if items is None else set(items)
    return [
        i
        for i, spec in snapshot["items"].items()
        if (wanted is None or i in wanted)
        and snapshot["scales"][spec["scale"]].get("kind") != "change"
    ]


def distinct(values: Iterable[str], language: str) -> str:
    """The distinct non-empty ``values`` joined ('1–5', or '1–5 or 1–7' for several scales)."""
    return join_or([v for v in dict.fromkeys(values) if v], language)


def scale_words(
    snapshot: Mapping[str, Any], language: str, items: Iterable[str] | None = None
) -> dict[str, str]:
    """``scale``, ``top`` and ``bottom`` of the rating items (e.g. '1–5', '4–5', '1–2')."""
    rating = rating_items(snapshot, items) or rating_items(snapshot)
    return {
        "scale": distinct((scale_range(snapshot, i) for i in rating), language),
        "top": distinct((top_codes(snapshot, i) for i in rating), language),
        "bottom": distinct((bottom_codes(snapshot, i) for i in rating), language),
    }


def how_to_read(
    snapshot: Mapping[str, Any],
    language: str,
    min_cell: int,
    confidence: float,
    items: Iterable[str] | None = None,
) -> list[tuple[str, str]]:
    """(heading, text) pairs of the "how to read these charts" page."""
    fields = {
        "k": min_cell,
        "level": numbers.confidence(confidence, language),
        **scale_words(snapshot, language, items),
    }
    return [
        (
            t(f"packs.how.{name}.heading", language, **fields),
            t(f"packs.how.{name}.text", language, **fields),
        )
        for name in HOW_TO_READ
    ]
