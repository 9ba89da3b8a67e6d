"""Findings of the ``diverging`` family (the answer distribution of one item): per region the
shares of the top and bottom answers (balance figure for change items), whether the
distributions differ clearly between the regions, and "don't know" notes. Pure."""

from __future__ import annotations

from pipeline.i18n import join_or
from pipeline.packs.findings import common as c
from pipeline.packs.findings.tables import Finding, Tables
from pipeline.stats.types import ALL


def code_words(tables: Tables, item: str, codes: tuple[int, ...], language: str) -> str:
    """'fairly good or very good': the answer words of ``codes``, in lower case."""
    words = [tables.codebook.code_label(item, code, language) for code in codes]
    words = [words[0]] + [w[:1].lower() + w[1:] for w in words[1:]]
    text = join_or(words, language)
    return text[:1].lower() + text[1:]


def findings(entry: c.Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    rnd = c.latest_round(entry, tables)
    out: list[Finding] = []
    item = entry["items"][0]
    regions = tables.regions if focus == ALL else [focus, ALL]
    scale = tables.codebook.scale_of(item)
    for region in regions:
        name = c.region(tables, region, language)
        if tables.kind(item) == "change":
            n = c.number(tables, item, rnd, "balance", region, language)
            if n:
                out.append(
                    c.finding(
                        f"balance:{item}:{region}",
                        "balance_region",
                        language,
                        (n,),
                        region=name,
                        value=n.text,
                    )
                )
            continue
        top = c.number(tables, item, rnd, "top2_share", region, language)
        bottom = c.number(tables, item, rnd, "bottom2_share", region, language)
        if top and bottom:
            out.append(
                c.finding(
                    f"shares:{item}:{region}",
                    "shares_region",
                    language,
                    (top, bottom),
                    region=name,
                    top=top.text,
                    bottom=bottom.text,
                    top_label=code_words(tables, item, scale.top, language),
                    bottom_label=code_words(tables, item, scale.bottom[::-1], language),
                )
            )
    p = tables.p_adjusted(item, rnd, "rao_scott_F")
    if p is None:
        out.append(c.finding("not_tested", "not_tested", language))
    elif p < c.ALPHA:
        out.append(c.finding(f"region_difference:{item}", "diff_one", language))
    else:
        out.append(c.finding(f"no_difference:{item}", "no_diff_one", language))
    for region in regions:
        out += c.dont_know(tables, [item], rnd, region, language)
    return out
