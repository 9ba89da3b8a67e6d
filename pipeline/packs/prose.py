"""The fixed prose of a pack filled from the codebook and the config: the "how to read" page,
the discussion prompts of a chart family and the scale words of the workbook. The templates are
texts of :mod:`pipeline.i18n.packs`; scale ranges, top-2 codes and the confidence level come
from the codebook snapshot and ``analyse.confidence``, never from literals."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.codebook import Codebook
from pipeline.i18n import join_or, numbers, t

# The "how to read" page, in the order printed (keys packs.how.<name>.heading / .text).
HOW_TO_READ = ("who", "mean", "shares", "balance", "interval", "clear", "groups", "n")
PROMPTS = 2  # default discussion prompts per chart family (prompts.<family>.<1..2>)


def prompts(family: str, language: str) -> list[str]:
    """The default discussion prompts of a chart family."""
    base = "activation" if family.startswith("activation") else family
    return [t(f"prompts.{base}.{i}", language) for i in range(1, PROMPTS + 1)]


def scale_range(codebook: Codebook, item: str) -> str:
    """'1–5': the range of the item's valid answer codes."""
    return numbers.span(*codebook.scale_of(item).range)


def top_codes(codebook: Codebook, item: str) -> str:
    return numbers.codes_span(codebook.scale_of(item).top)


def bottom_codes(codebook: Codebook, item: str) -> str:
    return numbers.codes_span(codebook.scale_of(item).bottom)


def rating_items(codebook: Codebook, items: Iterable[str] | None = None) -> list[str]:
    """The rating items among ``items`` (all of the codebook's when None), codebook order."""
    chosen = codebook.items if items is None else codebook.item_order(items)
    return [i for i in chosen if codebook.kind(i) != "change"]


def distinct(values: Iterable[str], language: str) -> str:
    """The distinct non-empty ``values`` joined ('1–5', or '1–5 or 1–7' for several scales)."""
    return join_or([v for v in dict.fromkeys(values) if v], language)


def scale_words(
    codebook: Codebook, language: str, items: Iterable[str] | None = None
) -> dict[str, str]:
    """``scale``, ``top`` and ``bottom`` of the rating items (e.g. '1–5', '4–5', '1–2')."""
    rating = rating_items(codebook, items) or rating_items(codebook)
    return {
        "scale": distinct((scale_range(codebook, i) for i in rating), language),
        "top": distinct((top_codes(codebook, i) for i in rating), language),
        "bottom": distinct((bottom_codes(codebook, i) for i in rating), language),
    }


def how_to_read(
    codebook: Codebook,
    language: str,
    min_cell: int,
    confidence: float,
    items: Iterable[str] | None = None,
) -> list[tuple[str, str]]:
    """(heading, text) pairs of the "how to read these charts" page."""
    fields = {
        "k": min_cell,
        "level": numbers.confidence(confidence, language),
        **scale_words(codebook, language, items),
    }
    return [
        (
            t(f"packs.how.{name}.heading", language, **fields),
            t(f"packs.how.{name}.text", language, **fields),
        )
        for name in HOW_TO_READ
    ]


def statistic_label(codebook: Codebook, item: str, statistic: str, language: str) -> str:
    """'Mean (1–5)', 'Positive (4–5), %' ...: the statistic with the item's own scale codes."""
    fields = {
        "mean": {"scale": scale_range(codebook, item)},
        "top2_share": {"codes": top_codes(codebook, item)},
        "bottom2_share": {"codes": bottom_codes(codebook, item)},
    }.get(statistic, {})
    return t(f"workbook.{statistic}", language, **fields)
