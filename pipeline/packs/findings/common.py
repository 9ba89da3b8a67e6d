"""What the finding families share: the rules for "clear", names, numbers and the notes that
close a chart's findings. Pure.

- A difference between regions is called clear only when its test's Benjamini-Hochberg adjusted
  p-value (``tests.p_adjusted``) is below :data:`ALPHA`; a change between rounds only when
  ``changes.p_adjusted`` (adjusted by the analyse stage) is.
- Every number comes from ``estimates`` (or ``changes``/``activation_regions``) through
  :func:`number`, which gives nothing for a suppressed cell."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.i18n import join_words, t
from pipeline.i18n.numbers import value_text
from pipeline.packs.findings.tables import Finding, Number, Tables
from pipeline.stats.types import ALL

ALPHA = 0.05
DONT_KNOW_NOTE = 20.0  # a don't-know share from this percentage on is worth a sentence
# The test that decides "clear difference between regions" for each statistic.
REGION_TEST = {
    "mean": "wald_means",
    "top2_share": "rao_scott_F",
    "bottom2_share": "rao_scott_F",
    "balance": "rao_scott_F",
    "distribution": "rao_scott_F",
}
ADJUSTED_TEST = "wald_means_adjusted_group"

Entry = Mapping[str, Any]  # one chart of the figures manifest


def finding(key: str, text_key: str, language: str, numbers=(), **fields: Any) -> Finding:
    """A finding from the text ``findings.<text_key>``."""
    return Finding(key, t(f"findings.{text_key}", language, **fields), tuple(numbers))


def region(tables: Tables, code: str, language: str) -> str:
    return tables.codebook.region_name(code, language)


def where(tables: Tables, code: str, language: str) -> str:
    """The region's name inside a sentence ("all regions" in lower case)."""
    name = region(tables, code, language)
    return name[:1].lower() + name[1:] if code == ALL else name


def item(tables: Tables, item_id: str, language: str) -> str:
    return tables.codebook.item_label(item_id, language)


def number(
    tables: Tables,
    item_id: str,
    rnd: int,
    statistic: str,
    region_code: str,
    language: str,
    group: str = ALL,
) -> Number | None:
    """The published estimate as a :class:`Number`, or None when suppressed or absent."""
    value = tables.estimate(item_id, rnd, statistic, region_code, group)
    if value is None:
        return None
    text = value_text(value, statistic, language)
    return Number(text, value, "estimates", item_id, rnd, statistic, region_code, group)


def statistic(entry: Entry, tables: Tables, item_id: str) -> str:
    """The statistic a chart shows for ``item_id`` (balance for change items)."""
    stat = entry.get("statistic", "")
    if stat in ("mean", "top2_share", "bottom2_share", "balance"):
        return stat
    return "balance" if tables.kind(item_id) == "change" else "mean"


def latest_round(entry: Entry, tables: Tables) -> int:
    rounds = entry.get("rounds") or tables.rounds
    return int(max(rounds))


def items(entry: Entry, tables: Tables, rnd: int | None = None) -> list[str]:
    """The chart's items that the codebook has (and that were asked in ``rnd`` when given:
    an item dropped from a round is not described, not called "not tested", in it)."""
    known = [i for i in entry.get("items", []) if i in tables.codebook.items]
    return known if rnd is None else [i for i in known if tables.asked(i, rnd)]


def suppressed_note(entry: Entry, tables: Tables, language: str) -> list[Finding]:
    if int(entry.get("suppressed_cells", 0)) <= 0:
        return []
    if entry["family"].startswith("activation"):
        k = tables.activation_min_cell
        return [finding("suppressed", "suppressed_activation", language, k=k)]
    return [finding("suppressed", "suppressed", language, k=tables.min_cell)]


def dont_know(
    tables: Tables, item_ids: list[str], rnd: int, focus: str, language: str
) -> list[Finding]:
    """A sentence on the items of which many could not say (in ``focus``)."""
    nums = [
        n
        for i in item_ids
        if (n := number(tables, i, rnd, "dont_know_share", focus, language))
        and n.value >= DONT_KNOW_NOTE
    ]
    if not nums:
        return []
    listed = [f"{item(tables, n.item, language)} {n.text}" for n in nums]
    key = f"dont_know:{focus}" if len(item_ids) == 1 else "dont_know"
    return [
        finding(
            key,
            "dont_know",
            language,
            nums,
            where=where(tables, focus, language),
            items=join_words(listed, language),
        )
    ]
