"""Regional comparison dot plot per theme: the mean (or share of positive answers) with its
95 % confidence interval for each region and all regions, items sorted by the all-regions
value, and the Benjamini-Hochberg-adjusted regional tests as markers a lay reader can follow
(``*`` regions differ, ``†`` they still differ after allowing for respondent-group mix).

With more regions than the palette has colours the chart becomes one small panel per item with
the regions in grey and all regions in black."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = [
    "label",
    "region",
    "dodge",
    "estimate",
    "ci_low",
    "ci_high",
    "region_rev",
    "region_class",
]

SCALE_WRAP = 13
PAD = 0.3  # room for the answer words under the scale ends


def dots_data(
    estimates: pd.DataFrame, tests: pd.DataFrame, ctx: Context, items: list[str], round_: int
) -> common.Marked:
    """Rows (item x region) of one chart, the significance per item and the number of
    suppressed cells left out. ``label`` is the wrapped, marked item label ordered by the
    all-regions value (highest on top)."""
    rows, sig, suppressed = common.marked_rows(estimates, tests, ctx, items, ctx.statistic, round_)
    codes = common.region_codes(rows["region_code"].unique())
    region_names = [ctx.region(c) for c in codes]
    rows["region"] = common.ordered(rows["region_code"].map(ctx.region), region_names)
    # dodge: all regions on top of each item's cluster (coord_flip draws the first group lowest)
    rows["dodge"] = common.ordered(rows["region_code"].map(ctx.region), region_names[::-1])
    return common.Marked(rows, sig, suppressed)


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    limits: tuple[float, float],
    breaks: list[float],
    break_labels: list[str],
    facets: bool = False,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        coord_flip,
        element_blank,
        element_text,
        facet_wrap,
        ggplot,
        position_dodge,
        scale_colour_manual,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    from pipeline.charts.geoms import PointRange

    scale_y = scale_y_continuous(limits=limits, breaks=breaks, labels=break_labels)
    # each plot gets one list of parts: every "+" would deep-copy the whole plot
    if facets:
        n_items = data["label"].nunique()
        return ggplot(data, aes(x="region_rev", y="estimate", colour="region_class")) + [
            PointRange(aes(ymin="ci_low", ymax="ci_high"), size=0.6, fatten=2.5),
            coord_flip(),
            facet_wrap("label", ncol=min(4, n_items)),
            scale_colour_manual(values=palette, guide=None),
            scale_y,
            common.texts(title, subtitle, caption),
            theme.theme_barometer(),
            p_theme(
                axis_text_y=element_text(size=theme.BASE_SIZE - 6),
                axis_text_x=element_text(size=theme.BASE_SIZE - 5),
                strip_text=element_text(size=theme.BASE_SIZE - 3),
                panel_grid_major_y=element_blank(),
            ),
        ]
    dodge = position_dodge(width=0.75)
    return ggplot(data, aes(x="label", y="estimate", colour="region", group="dodge")) + [
        PointRange(aes(ymin="ci_low", ymax="ci_high"), size=0.9, fatten=3.2, position=dodge),
        coord_flip(),
        scale_colour_manual(values=palette, breaks=list(palette)),
        scale_y,
        common.texts(title, subtitle, caption),
        theme.theme_barometer(),
        p_theme(
            panel_grid_major_y=element_blank(),
            legend_position="right",
            axis_text_y=element_text(lineheight=0.9),
            axis_text_x=element_text(size=theme.BASE_SIZE - 3, lineheight=1.0),
            plot_subtitle=element_text(size=theme.BASE_SIZE - 2, ha="left", colour="#333333"),
        ),
    ]


FAMILY = Family("regional_dots", build, COLUMNS)


def axis(ctx: Context, items: list[str], statistic: str) -> tuple[tuple[float, float], list, list]:
    """Whole scale on the axis (1..k for means, with the answer words when the items share a
    scale; 0..100 % for shares), so that small differences do not look large."""
    if statistic != "mean":
        breaks = [0.0, 25.0, 50.0, 75.0, 100.0]
        return (0.0, 100.0), breaks, [numbers.percent(b, ctx.language) for b in breaks]
    scales = {ctx.scale(i).id for i in items}
    codes = sorted(ctx.scale(items[0]).valid_codes)
    lo, hi = float(min(codes)), float(max(codes))
    if len(scales) == 1:
        words = [ctx.code_label(items[0], c) for c in codes]
        texts = [  # the code, and the answer's words where they say more than the code
            str(c) if w.strip() == str(c) else f"{c}\n{theme.wrap(w, SCALE_WRAP)}"
            for c, w in zip(codes, words, strict=True)
        ]
        if len(codes) > 5:  # 7-point scales: words only at the ends and the middle
            mid = len(codes) // 2
            texts = [
                t if i in (0, mid, len(codes) - 1) else str(codes[i]) for i, t in enumerate(texts)
            ]
        return (lo - PAD, hi + PAD), [float(c) for c in codes], texts
    return (lo - PAD, hi + PAD), [float(c) for c in codes], [str(c) for c in codes]


def plan_dots(tables: dict[str, pd.DataFrame], ctx: Context, round_: int) -> list[ChartJob]:
    """One chart (or several, when long) per theme of rating items."""
    est = common.primary(tables["estimates"], ctx)
    est = est[(est["round"] == round_) & (est["statistic"] == ctx.statistic)]
    jobs = []
    for theme_key, items in ctx.codebook.items_by_theme(est["item"].unique()).items():
        items = [i for i in items if not ctx.is_change(i)]
        many = not common.colour_regions(est["region_code"].unique())
        size = min(ctx.max_items, 4) if many else ctx.max_items
        for part in common.parts(theme_key, items, size, ctx):
            marked = dots_data(est, tables["tests"], ctx, part.items, round_)
            if not marked.data.empty:
                jobs.append(_job(ctx, part, round_, marked, many))
    return jobs


def _job(
    ctx: Context, part: common.Part, round_: int, marked: common.Marked, many: bool
) -> ChartJob:
    data, sig, suppressed = marked
    theme_key, items, part_text, suffix = part.theme, part.items, part.title_suffix, part.id_suffix
    codes = common.region_codes(data["region_code"].unique())
    palette = common.region_palette(codes, ctx)
    if many:
        data = data.assign(
            region_rev=common.ordered(
                data["region"].astype(str), [ctx.region(c) for c in codes][::-1]
            ),
            region_class=data["region_code"].eq(ALL).map({True: "all", False: "region"}),
        )
        palette = {"all": theme.ALL_COLOUR, "region": theme.OTHER_REGION}
    limits, breaks, break_labels = axis(ctx, items, ctx.statistic)
    stat = ctx.stat_word(ctx.statistic)
    title = ctx.t("dots_title", theme=ctx.theme_name(theme_key), stat=stat) + part_text
    sub_lines = [f"{common.rounds_text([round_], ctx)}. {ctx.ci_note()}"]
    sub_lines.append(common.significance_line(sig, ctx))
    notes = (
        [ctx.t("scale_note", lo=int(breaks[0]), hi=int(breaks[-1]))]
        if ctx.statistic == "mean"
        else []
    )
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.footer(*sub_lines, width=theme.WRAP_SUBTITLE),
        "caption": common.caption(ctx, items, common.region_n(data), [round_], suppressed, *notes),
        "palette": palette,
        "limits": limits,
        "breaks": breaks,
        "break_labels": break_labels,
        "facets": many,
    }
    shows = Shows(tuple(items), (round_,), ctx.statistic, suppressed, theme_key)
    return FAMILY.job(f"{theme_key}_{round_}{suffix}", ctx.language, data, kwargs, shows)
