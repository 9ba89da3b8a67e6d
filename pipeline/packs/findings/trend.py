"""Findings of the ``trend`` family, for any number of rounds. Per item (in the focus region or
all regions): the change since the previous round and since the first round the item was
asked, each read from ``changes`` (``p_adjusted`` as the analyse stage adjusted it):

- a clear change is named with its direction, both years and both numbers
  ("Työttömät: heikentynyt 2009–2021 (2,9 → 2,4); 2017–2021 ei selvää muutosta");
- a change that is not clear is only said to be not clear (no direction, no numbers);
- items with no clear change over any span are listed together in one sentence.

An item missing from some rounds is compared over the rounds it was asked; a span that
``changes`` does not hold (or holds suppressed) is not mentioned. Pure."""

from __future__ import annotations

from pipeline.i18n import join_words, t
from pipeline.i18n.numbers import span
from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Number, Tables

# Statistics where a higher value is the better situation (means and top-2 shares of rating
# items, balance figures of change items); a bottom-2 share rises when things get worse.
LOWER_IS_BETTER = ("bottom2_share",)


def spans(rounds: list[int]) -> list[tuple[int, int]]:
    """(previous, last) and (first, last) of an item's rounds, once each when they coincide."""
    if len(rounds) < 2:
        return []
    out = [(rounds[-2], rounds[-1])]
    if rounds[0] != rounds[-2]:
        out.append((rounds[0], rounds[-1]))
    return out


def _span_text(
    tables: Tables, item: str, stat: str, focus: str, r_from: int, r_to: int, language: str
) -> tuple[bool, str, tuple[Number, ...]] | None:
    """(clear, words, numbers) of one span, or None when it cannot be said."""
    row = tables.change(item, stat, focus, r_from, r_to)
    if row is None:
        return None
    years = span(r_from, r_to)
    p = float(row["p_adjusted"])
    if not (p == p and p < c.ALPHA):  # NaN or not clear: say only that
        return False, t("findings.trend_unclear", language, span=years), ()
    a = c.number(tables, item, r_from, stat, focus, language)
    b = c.number(tables, item, r_to, stat, focus, language)
    if a is None or b is None:
        return None
    better = (float(row["estimate"]) > 0) != (stat in LOWER_IS_BETTER)
    words = t(
        "findings.trend_clear",
        language,
        direction=t(f"findings.trend_{'better' if better else 'worse'}", language),
        span=years,
        v_from=a.text,
        v_to=b.text,
    )
    return True, words, (a, b)


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    shown = sorted(int(r) for r in entry.get("rounds") or tables.rounds)
    where = c.where(tables, focus, language)
    clear: list[Finding] = []
    unclear: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for item in c.items(entry, tables):
        stat = c.statistic(entry, tables, item)
        rounds = [r for r in tables.item_rounds(item, stat) if r in shown]
        said = [
            (pair, s)
            for pair in spans(rounds)
            if (s := _span_text(tables, item, stat, focus, *pair, language)) is not None
        ]
        if not said:
            continue
        label = c.item(tables, item, language)
        if any(s[0] for _, s in said):
            numbers = tuple(n for _, s in said for n in s[2])
            text = t(
                "findings.trend_item",
                language,
                item=label,
                where=where,
                spans="; ".join(s[1] for _, s in said),
            )
            clear.append(Finding(f"trend:{item}:{focus}", text, numbers))
        else:
            unclear.setdefault(tuple(pair for pair, _ in said), []).append(label)
    out = clear
    for pairs, labels_ in unclear.items():
        out.append(
            Finding(
                "trend_unclear:" + ",".join(f"{a}-{b}" for a, b in pairs),
                t(
                    "findings.trend_none",
                    language,
                    where=where,
                    spans=join_words([span(a, b) for a, b in pairs], language),
                    items=join_words(labels_, language),
                ),
            )
        )
    return out
