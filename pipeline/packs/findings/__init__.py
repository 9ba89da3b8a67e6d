"""Plain-language findings under each chart of a pack, generated from the published tables.

Public entry point: :func:`findings_for`. The worksheet, the PDF handout and the slide notes
all take their findings from it::

    from pipeline.packs.findings import findings_for, prepare_tables

    tables = prepare_tables(estimates, tests, changes, snapshot, design, ci_method, min_cell)
    for finding in findings_for(entry, tables, focus="14", language="fi"):
        finding.key      # stable, unique within the chart: (chart id, key) names it in a pack
        finding.text     # the sentence as printed
        finding.numbers  # every number it prints (Number: text, value, table, item, round,
                         # statistic, region, group) so a reader can trace it to its cell

``entry`` is one chart of the figures manifest (``id``, ``family``, ``items``, ``rounds``,
``statistic``, ``suppressed_cells``). One module per chart family computes its findings; the
registry :data:`FAMILIES` maps a family to that function, so a new family is one module and one
line here. Rules shared by all families (what "clear" means, which numbers may be printed) are
in :mod:`.common`."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.packs.findings import activation, diverging, heatmap, ranking, regional, trend
from pipeline.packs.findings.common import Entry, finding, suppressed_note
from pipeline.packs.findings.tables import Finding, Number, Tables, prepare_tables

FamilyFindings = Callable[[Entry, Tables, str, str], list[Finding]]

FAMILIES: dict[str, FamilyFindings] = {
    "diverging": diverging.findings,
    "regional_dots": regional.findings,
    "ranking": ranking.findings,
    "balance": regional.findings,
    "trend": trend.findings,
    "heatmap": heatmap.findings,
    "activation_municipalities": activation.findings,
    "activation_regions": activation.findings,
    "activation_change": activation.findings,
}

__all__ = ["FAMILIES", "Finding", "Number", "Tables", "findings_for", "prepare_tables"]


def findings_for(entry: Entry, tables: Tables, focus: str, language: str) -> list[Finding]:
    """The findings of one chart (a figures-manifest entry) from the point of view of region
    ``focus`` (a region code, or ALL for all regions side by side), in ``language``.

    Never empty: a chart without publishable numbers gets the finding ``no_data``; a chart
    with suppressed cells ends with the finding ``suppressed``."""
    family = entry["family"]
    try:
        compute = FAMILIES[family]
    except KeyError:
        raise ValueError(f"no findings for chart family {family!r}") from None
    out = compute(entry, tables, focus, language) or [finding("no_data", "no_data", language)]
    return out + suppressed_note(entry, tables, language)
