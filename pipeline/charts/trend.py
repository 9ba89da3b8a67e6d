"""Trend across rounds per theme: one small panel per item (at most ``max_items`` per chart, a
3 x 2 grid at most), the estimate per round for each region and all regions with its 95 %
confidence interval. Rounds sit at their true distance on the axis. Only drawn when the
tables hold two or more rounds."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.base import ChartJob, chart_job
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = ["label", "region", "estimate", "ci_low", "ci_high", "is_all"]

PANELS = 6  # items per trend chart (3 x 2 panels stay readable on a slide)


def trend_data(
    estimates: pd.DataFrame, ctx: Context, items: list[str], statistic: str
) -> tuple[pd.DataFrame, int]:
    rows, suppressed = common.regional_rows(estimates, items, statistic)
    labels_ = [theme.wrap(ctx.item(i), 30) for i in items]
    rows["label"] = common.ordered(
        rows["item"].map(dict(zip(items, labels_, strict=True))), labels_
    )
    rows["region"] = common.region_names(rows["region_code"], ctx)
    rows["is_all"] = rows["region_code"] == ALL
    return rows, suppressed


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    rounds: list[int],
    limits: tuple[float, float],
    ncol: int,
    highlight: bool,
    zero_line: bool = False,
    language: str = "en",
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        element_text,
        facet_wrap,
        geom_hline,
        geom_line,
        geom_pointrange,
        ggplot,
        position_dodge,
        scale_colour_manual,
        scale_x_continuous,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    gap = min((b - a for a, b in itertools.pairwise(rounds)), default=1)
    dodge = position_dodge(width=gap * 0.3)
    pad = gap * 0.35
    shown = data[data["is_all"]] if highlight else data
    plot = ggplot(data, aes(x="round", y="estimate", colour="region", group="region"))
    if zero_line:
        plot += geom_hline(yintercept=0, colour="#555555", size=0.5)
    digits = 1 if limits[1] - limits[0] < 10 else 0
    plot = (
        plot
        + geom_line(position=dodge, size=0.6 if highlight else 1.0, alpha=0.7 if highlight else 1)
        + geom_pointrange(
            shown, aes(ymin="ci_low", ymax="ci_high"), position=dodge, size=0.7, fatten=2.5
        )
        + facet_wrap("label", ncol=ncol)
        + scale_colour_manual(
            values=palette, breaks=list(palette), guide=None if highlight else "legend"
        )
        + scale_x_continuous(breaks=rounds, limits=(rounds[0] - pad, rounds[-1] + pad))
        + scale_y_continuous(
            limits=limits,
            labels=lambda bs: [numbers.decimal(b, digits, language) for b in bs],
        )
        + common.texts(title, subtitle, caption)
        + theme.theme_barometer()
        + p_theme(
            strip_text=element_text(size=theme.BASE_SIZE - 1, weight="bold"),
            axis_text=element_text(size=theme.BASE_SIZE - 3),
            legend_position="right",
        )
    )
    return plot


def plan_trend(tables: dict[str, pd.DataFrame], ctx: Context) -> list[ChartJob]:
    """Per theme (rating items by ``ctx.statistic``, change items by balance), in parts of at
    most :data:`PANELS` items; nothing when the tables hold a single round."""
    est = common.primary(tables["estimates"], ctx)
    rounds = sorted(int(r) for r in est["round"].unique())
    if len(rounds) < 2:
        return []
    jobs = []
    for theme_key, items in ctx.codebook.items_by_theme(est["item"].unique()).items():
        for kind in ("rating", "change"):
            part_items = [i for i in items if ctx.is_change(i) == (kind == "change")]
            statistic = "balance" if kind == "change" else ctx.statistic
            parts = common.chunks(part_items, min(PANELS, ctx.max_items))
            for k, part in enumerate(parts, start=1):
                data, suppressed = trend_data(est, ctx, part, statistic)
                if data["round"].nunique() < 2:
                    continue
                mixed = kind == "change" and len(part_items) < len(items)
                suffix = ("_balance" if mixed else "") + (f"_{k}" if len(parts) > 1 else "")
                part_text = ctx.t("part", i=k, k=len(parts)) if len(parts) > 1 else ""
                jobs.append(
                    _job(data, suppressed, ctx, theme_key, part, statistic, part_text, suffix)
                )
    return jobs


def _job(
    data: pd.DataFrame,
    suppressed: int,
    ctx: Context,
    theme_key: str,
    items: list[str],
    statistic: str,
    part_text: str,
    suffix: str,
) -> ChartJob:
    codes = common.region_codes(data["region_code"].unique())
    highlight = not common.colour_regions(codes)
    palette = common.region_palette(codes, ctx)
    rounds = sorted(int(r) for r in data["round"].unique())
    lo, hi = float(data["ci_low"].min()), float(data["ci_high"].max())
    pad = (hi - lo) * 0.08 or 1.0
    if statistic == "mean":
        codes_ = list(ctx.scale(items[0]).valid_codes)
        limits = (max(min(codes_), lo - pad), min(max(codes_), hi + pad))
    elif statistic == "balance":
        limits = (max(-100.0, lo - pad), min(100.0, hi + pad))
    else:
        limits = (max(0.0, lo - pad), min(100.0, hi + pad))
    title = (
        ctx.t("trend_title", theme=ctx.theme_name(theme_key), stat=ctx.stat_word(statistic))
        + part_text
    )
    sub = f"{ctx.t(statistic)}. {ctx.ci_note()}"
    if highlight:
        sub += " " + ctx.t("highlight")
    regional = data[data["region_code"] != ALL]
    n_items = len(items)
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.wrap(sub, theme.WRAP_SUBTITLE),
        "caption": common.caption(
            ctx, items, regional["n"] if not regional.empty else data["n"], rounds, suppressed
        ),
        "palette": palette,
        "rounds": rounds,
        "limits": limits,
        "ncol": n_items if n_items <= 3 else 3,
        "highlight": highlight,
        "zero_line": statistic == "balance",
        "language": ctx.language,
    }
    return chart_job(
        f"trend_{theme_key}{suffix}",
        "trend",
        ctx.language,
        build,
        data,
        kwargs,
        columns=COLUMNS,
        theme=theme_key,
        items=tuple(items),
        rounds=tuple(rounds),
        statistic=statistic,
        suppressed=suppressed,
    )
