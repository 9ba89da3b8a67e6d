"""What the barometer chart families share: the chart context (language, design, texts through
:mod:`pipeline.i18n`), table selection, region order and colours, and the footer.

Pure: tables and the typed codebook in, small frames and strings out. Over 300 lines because
it is the one toolbox of the six family modules: each helper is small and used by several
families, and a second module would only split the toolbox in two."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from pipeline.charts import theme
from pipeline.codebook import Codebook, Scale
from pipeline.i18n import numbers, t
from pipeline.stats.types import ALL

SIGNIFICANT = 0.05  # BH-adjusted p below this is called a clear difference
MARK_REGION = "*"  # regions differ (BH-adjusted)
MARK_ADJUSTED = "†"  # regions still differ after adjusting for respondent group


@dataclass(frozen=True)
class Context:
    """Everything a chart family needs besides the tables."""

    codebook: Codebook  # the typed codebook (labels, scales, themes, regions, groups)
    language: str
    design: str
    min_cell: int
    share_ci: str  # ci_method of the share rows shown (the first of analyse.ci_methods)
    statistic: str  # mean | top2_share
    max_items: int
    confidence: float = 0.95  # analyse.confidence: the level of every interval drawn

    def t(self, key: str, **values: Any) -> str:
        """The chart text ``charts.<key>`` in this chart's language."""
        return t(f"charts.{key}", self.language, **values)

    def stat_word(self, statistic: str) -> str:
        return self.t(f"stat_word.{statistic}")

    def alpha(self) -> str:
        """The significance level as printed ('0,05')."""
        return numbers.decimal(SIGNIFICANT, 2, self.language)

    def ci_note(self) -> str:
        """'Line = 90 % confidence interval.' at the configured level."""
        return self.t("ci_note", level=numbers.confidence(self.confidence, self.language))

    def source(self) -> str:
        return self.codebook.source_text(self.language)

    def region(self, code: str) -> str:
        return self.codebook.region_name(code, self.language)

    def group(self, code: str) -> str:
        return self.codebook.group_name(code, self.language)

    def item(self, item: str) -> str:
        return self.codebook.item_label(item, self.language)

    def question(self, item: str) -> str:
        return self.codebook.item_question(item, self.language)

    def code_label(self, item: str, code: int) -> str:
        return self.codebook.code_label(item, code, self.language)

    def theme_name(self, name: str) -> str:
        return self.codebook.theme_name(name, self.language)

    def scale(self, item: str) -> Scale:
        return self.codebook.scale_of(item)

    def is_change(self, item: str) -> bool:
        return self.codebook.kind(item) == "change"


def primary(table: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Rows of the primary design (and of the share CI method where a table has one)."""
    rows = table[table["design"] == ctx.design]
    if "ci_method" in rows.columns:
        keep = (rows["ci_method"] == ctx.share_ci) | ~rows["statistic"].isin(
            ["top2_share", "bottom2_share", "dont_know_share"]
        )
        rows = rows[keep]
    return rows


def region_codes(codes: Iterable[str]) -> list[str]:
    """ALL first, then region codes in numeric (else text) order."""
    regions = sorted({c for c in codes if c != ALL}, key=lambda c: (len(c), c))
    return ([ALL] if ALL in set(codes) else []) + regions


def colour_regions(codes: Sequence[str]) -> bool:
    """Whether each region gets its own colour (else facets / grey highlighting)."""
    return len([c for c in codes if c != ALL]) <= len(theme.REGION_COLOURS)


def region_palette(codes: Sequence[str], ctx: Context) -> dict[str, str]:
    """Region name -> colour: ALL black, regions Okabe-Ito in code order, else grey."""
    regions = [c for c in codes if c != ALL]
    colours = (
        list(theme.REGION_COLOURS[: len(regions)])
        if colour_regions(codes)
        else [theme.OTHER_REGION] * len(regions)
    )
    palette = {ctx.region(c): col for c, col in zip(regions, colours, strict=True)}
    if ALL in codes:
        palette = {ctx.region(ALL): theme.ALL_COLOUR, **palette}
    return palette


def chunks(items: Sequence[str], size: int) -> list[list[str]]:
    """Split ``items`` into near-equal parts of at most ``size``."""
    if not items:
        return []
    parts = -(-len(items) // size)
    step = -(-len(items) // parts)
    return [list(items[i : i + step]) for i in range(0, len(items), step)]


class Marked(NamedTuple):
    """A chart's rows, the significance marks per item and the number of suppressed cells."""

    data: pd.DataFrame
    sig: pd.DataFrame
    suppressed: int


@dataclass(frozen=True)
class Part:
    """One chart of a theme whose items are split over several: the theme, its items on this
    chart, and the title suffix (" (1/2)") and id suffix ("_1"), empty for a single chart."""

    theme: str
    items: list[str]
    title_suffix: str = ""
    id_suffix: str = ""


def parts(theme_key: str, items: Sequence[str], size: int, ctx: Context) -> list[Part]:
    """``items`` of ``theme_key`` split over charts of at most ``size`` items."""
    split = chunks(items, size)
    if len(split) == 1:
        return [Part(theme_key, split[0])]
    n = len(split)
    return [
        Part(theme_key, p, ctx.t("part", i=k, k=n), f"_{k}") for k, p in enumerate(split, start=1)
    ]


def region_n(data: pd.DataFrame) -> pd.Series:
    """Respondent counts of a chart's regional cells (the all-regions cells when it has none):
    what the footer's n range reports."""
    regional = data[data["region_code"] != ALL]
    return regional["n"] if not regional.empty else data["n"]


def n_text(n: pd.Series, ctx: Context) -> str:
    """'n = 93–341 respondents' over the cells a chart shows."""
    n = n.dropna()
    if n.empty:
        return ""
    lo, hi = int(n.min()), int(n.max())
    return ctx.t("n_one", lo=lo) if lo == hi else ctx.t("n_range", lo=lo, hi=hi)


def questions(ctx: Context, items: Iterable[str]) -> str:
    """The distinct question wordings of ``items``."""
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(ctx.question(item), None)
    return " / ".join(q if q.endswith((".", "?", ":")) else f"{q}." for q in seen)


def rounds_text(rounds: Sequence[int], ctx: Context) -> str:
    if len(rounds) == 1:
        return ctx.t("round", round=rounds[0])
    return ctx.t("rounds", rounds=", ".join(str(r) for r in rounds))


def caption(
    ctx: Context,
    items: Iterable[str],
    n: pd.Series,
    rounds: Sequence[int],
    suppressed: int,
    *notes: str,
    secondary: bool = False,
) -> str:
    """Footer: question wording, notes, n range, source and round, suppression note."""
    source_round = f"{ctx.source()}. {rounds_text(rounds, ctx)}."
    n_part = n_text(n, ctx)
    parts = [questions(ctx, items), *notes, f"{n_part}. {source_round}" if n_part else source_round]
    if suppressed:
        parts.append(ctx.t("suppressed", k=ctx.min_cell))
        if secondary:
            parts.append(ctx.t("secondary"))
    return theme.footer(*parts)


def significance(
    tests: pd.DataFrame, ctx: Context, round_: int, items: Sequence[str], statistic: str
) -> pd.DataFrame:
    """Per item: ``region`` (regions differ, BH-adjusted) and ``adjusted`` (still differ after
    adjusting for respondent group), both bool, from the tests table."""
    rows = tests[(tests["design"] == ctx.design) & (tests["round"] == round_)]
    rows = rows[rows["item"].isin(items)]
    main = "wald_means" if statistic == "mean" else "rao_scott_F"
    wide = rows.pivot_table(index="item", columns="test", values="p_adjusted", aggfunc="first")
    wide = wide.reindex(index=list(items), columns=[main, "wald_means_adjusted_group"])
    return pd.DataFrame(
        {
            "region": (wide[main] < SIGNIFICANT).to_numpy(),
            "adjusted": (wide["wald_means_adjusted_group"] < SIGNIFICANT).to_numpy(),
        },
        index=wide.index,
    )


def marked_labels(labels_: pd.Series, sig: pd.DataFrame) -> pd.Series:
    """Item label + ' *' / ' †' markers; ``labels_`` and ``sig`` are indexed by item."""
    sig = sig.reindex(labels_.index).fillna(False).astype(bool)
    marks = sig["region"].map({True: MARK_REGION, False: ""}) + sig["adjusted"].map(
        {True: MARK_ADJUSTED, False: ""}
    )
    return labels_ + marks.map(lambda m: f" {m}" if m else "")


def significance_line(sig: pd.DataFrame, ctx: Context) -> str:
    """The marker legend as one sentence-cased line ("" when nothing was tested)."""
    line = "  ·  ".join(significance_notes(sig, ctx))
    return line[:1].upper() + line[1:]


def significance_notes(sig: pd.DataFrame, ctx: Context) -> list[str]:
    """Legend lines for the markers used (and what no marker means)."""
    if sig.empty:
        return []
    notes = []
    if sig["region"].any():
        notes.append(ctx.t("sig_region", m=MARK_REGION, alpha=ctx.alpha()))
    if sig["adjusted"].any():
        notes.append(ctx.t("sig_adjusted", m=MARK_ADJUSTED))
    notes.append(ctx.t("sig_none"))
    return notes


def ordered(values: pd.Series, order: Sequence[str]) -> pd.Categorical:
    return pd.Categorical(values, categories=list(dict.fromkeys(order)), ordered=True)


def regional_rows(
    estimates: pd.DataFrame, items: Sequence[str], statistic: str, round_: int | None = None
) -> tuple[pd.DataFrame, int]:
    """The published region-level rows (all respondent groups) of ``statistic`` for ``items``
    (in ``round_``, or every round), and how many suppressed cells were left out. Every
    regional chart takes its numbers through here, so a suppressed cell never reaches one."""
    keep = (
        (estimates["statistic"] == statistic)
        & (estimates["group_code"] == ALL)
        & estimates["item"].isin(items)
    )
    if round_ is not None:
        keep &= estimates["round"] == round_
    rows = estimates[keep]
    suppressed = int(rows["suppressed"].sum())
    return rows[~rows["suppressed"]].copy(), suppressed


def marked_rows(
    estimates: pd.DataFrame,
    tests: pd.DataFrame,
    ctx: Context,
    items: Sequence[str],
    statistic: str,
    round_: int,
) -> Marked:
    """:func:`regional_rows` of ``statistic`` with ``label``: the wrapped item label with its
    significance marks, ordered by the all-regions value (highest on top of a flipped chart)."""
    rows, suppressed = regional_rows(estimates, items, statistic, round_)
    sig = significance(tests, ctx, round_, items, statistic)
    order = order_by_all_regions(rows, items)
    names = pd.Series({i: ctx.item(i) for i in items})
    marked = marked_labels(names, sig).map(theme.wrap)
    rows["label"] = ordered(rows["item"].map(marked), marked.reindex(order).tolist())
    return Marked(rows, sig, suppressed)


def order_by_all_regions(rows: pd.DataFrame, items: Sequence[str]) -> pd.Index:
    """``items`` sorted by their all-regions estimate, lowest first (coord_flip draws it at the
    bottom); items without one come first."""
    overall = rows[rows["region_code"] == ALL].set_index("item")["estimate"]
    return overall.reindex(list(items)).sort_values(ascending=True, na_position="first").index


def region_names(codes: pd.Series, ctx: Context) -> pd.Categorical:
    """Region names of ``codes`` as an ordered categorical (all regions first)."""
    order = region_codes(codes.unique())
    return ordered(codes.map(ctx.region), [ctx.region(c) for c in order])


def texts(title: str, subtitle: str, caption: str):  # -> plotnine.labs
    """Title (wrapped), subtitle and footer of a chart; no axis titles."""
    from plotnine import labs

    return labs(
        title=theme.wrap(title, theme.WRAP_TITLE), subtitle=subtitle, caption=caption, x="", y=""
    )
