"""Population-group ranking per theme: items sorted by the all-regions mean (rating themes) or
balance figure (change themes), the all-regions value as a large black point with its number,
the regions as coloured points (grey when there are more regions than colours)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = ["label", "region", "estimate", "is_all", "text"]


def ranking_data(
    estimates: pd.DataFrame, ctx: Context, items: list[str], statistic: str, round_: int
) -> tuple[pd.DataFrame, int]:
    rows, suppressed = common.regional_rows(estimates, items, statistic, round_)
    order = common.order_by_all_regions(rows, items)
    labels_ = pd.Series({i: theme.wrap(ctx.item(i)) for i in items})
    rows["label"] = common.ordered(rows["item"].map(labels_), labels_.reindex(order).tolist())
    rows["region"] = common.region_names(rows["region_code"], ctx)
    rows["is_all"] = rows["region_code"] == ALL
    digits = 1 if statistic == "mean" else 0
    rows["text"] = numbers.decimals(rows["estimate"], ctx.language, digits)
    return rows, suppressed


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    limits: tuple[float, float],
    zero_line: bool,
    legend: bool,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        coord_flip,
        element_blank,
        geom_hline,
        geom_point,
        geom_text,
        ggplot,
        scale_colour_manual,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    regions = data[~data["is_all"]]
    overall = data[data["is_all"]]
    # sorted by item: the value labels are drawn as one group, in the order plotnine drew
    # them as one group per item (a cost per group, for nothing)
    values = overall.sort_values("label", kind="stable")
    plot = ggplot(data, aes(x="label", y="estimate"))
    if zero_line:
        plot += geom_hline(yintercept=0, colour="#555555", size=0.6)
    span = limits[1] - limits[0]
    plot += [  # one list: each "+" would deep-copy the whole plot
        geom_point(regions, aes(colour="region"), size=4.5, alpha=0.9),
        geom_point(overall, aes(colour="region"), size=7, shape="D", show_legend=False),
        geom_text(
            values,
            aes(y=f"estimate + {span * 0.035}", label="text", group=1),
            ha="left",
            nudge_x=0.32,
            size=theme.BASE_SIZE - 3,
            fontweight="bold",
            family=theme.FONT_FAMILY,
        ),
        coord_flip(),
        scale_colour_manual(
            values=palette, breaks=list(palette), guide="legend" if legend else None
        ),
        scale_y_continuous(limits=limits),
        common.texts(title, subtitle, caption),
        theme.theme_barometer(),
        p_theme(panel_grid_major_y=element_blank(), legend_position="right"),
    ]
    return plot


FAMILY = Family("ranking", build, COLUMNS)


def plan_ranking(tables: dict[str, pd.DataFrame], ctx: Context, round_: int) -> list[ChartJob]:
    """One chart per theme: rating themes by ``mean``, change themes by ``balance``."""
    est = common.primary(tables["estimates"], ctx)
    est = est[est["round"] == round_]
    jobs = []
    for theme_key, items in ctx.codebook.items_by_theme(est["item"].unique()).items():
        change = [i for i in items if ctx.is_change(i)]
        rating = [i for i in items if not ctx.is_change(i)]
        for statistic, part in (("mean", rating), ("balance", change)):
            if not part:
                continue
            data, suppressed = ranking_data(est, ctx, part, statistic, round_)
            if data.empty:
                continue
            suffix = "_balance" if statistic == "balance" and rating else ""
            jobs.append(_job(data, suppressed, ctx, theme_key, part, statistic, round_, suffix))
    return jobs


def _job(
    data: pd.DataFrame,
    suppressed: int,
    ctx: Context,
    theme_key: str,
    items: list[str],
    statistic: str,
    round_: int,
    suffix: str,
) -> ChartJob:
    codes = common.region_codes(data["region_code"].unique())
    palette = common.region_palette(codes, ctx)
    if statistic == "mean":
        scale_codes = list(ctx.scale(items[0]).valid_codes)
        lo = min(float(min(scale_codes)), float(data["estimate"].min()))
        limits = (lo, max(float(max(scale_codes)), float(data["estimate"].max())) + 0.35)
        notes = [ctx.t("scale_note", lo=min(scale_codes), hi=max(scale_codes))]
    else:
        limits = (-100.0, 100.0)
        notes = [ctx.t("balance_sub")]
    title = ctx.t("ranking_title", theme=ctx.theme_name(theme_key))
    sub = f"{ctx.t(statistic)}. {ctx.t('ranking_sub')}. {common.rounds_text([round_], ctx)}."
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.wrap(sub, theme.WRAP_SUBTITLE),
        "caption": common.caption(ctx, items, common.region_n(data), [round_], suppressed, *notes),
        "palette": palette,
        "limits": limits,
        "zero_line": statistic == "balance",
        "legend": common.colour_regions(codes),
    }
    shows = Shows(tuple(items), (round_,), statistic, suppressed, theme_key)
    return FAMILY.job(f"{theme_key}_{round_}{suffix}", ctx.language, data, kwargs, shows)
