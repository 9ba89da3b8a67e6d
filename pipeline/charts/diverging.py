"""Diverging stacked bars of the answer distribution of one item, one bar per region and one
for all regions (gglikert's conventions): negative answers left of zero, positive right, the
neutral category split across zero in grey, totals of each side at the bar ends, shares below
5 % left unlabelled, don't-know in a separate column beside the bars and not in the 100 %.

Change items read the same way: worsened left, unchanged in the middle, improved right."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.answer_colours import category_sides, text_colour
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = [
    "layer",
    "y",
    "x",
    "xmin",
    "xmax",
    "share",
    "side",
    "code",
    "text",
    "text_colour",
    "category",
    "region",
]

LABEL_MIN = 5.0  # shares below this (percent) are not printed in their segment
LEGEND_WRAP = 18


def diverging_data(
    distributions: pd.DataFrame, ctx: Context, item: str, round_: int
) -> tuple[pd.DataFrame, int]:
    """Tidy rows of one chart and the number of region bars left out (suppressed).

    ``layer``: ``segment`` (xmin, xmax, share, fill), ``total`` (side total at a bar end),
    ``dont_know`` (share beside the bars); ``y`` is the bar position (all regions on top)."""
    rows = distributions[
        (distributions["design"] == ctx.design)
        & (distributions["round"] == round_)
        & (distributions["item"] == item)
        & (distributions["group_code"] == ALL)
    ]
    blocked = rows.groupby("region_code")["suppressed"].any()
    shown = [c for c in common.region_codes(blocked.index) if not blocked[c]]
    rows = rows[rows["region_code"].isin(shown)]
    cats = category_sides(ctx, item)
    valid = rows[rows["status"] == "valid"].merge(cats, on="code", how="inner")
    valid["share"] = valid["share"].fillna(0.0)
    valid = _stack(valid)
    # all regions on top, set a little apart from the regions
    y = {code: len(shown) - i + (0.3 if code == ALL else 0.0) for i, code in enumerate(shown)}
    n = valid.groupby("region_code")["n"].max()
    names = {code: ctx.region(code) for code in shown}
    valid = valid.assign(
        layer="segment",
        y=valid["region_code"].map(y),
        text=np.where(
            valid["share"] >= LABEL_MIN, numbers.decimals(valid["share"], ctx.language, 0), ""
        ),
        text_colour=text_colour(valid["colour"]).to_numpy(),
    )
    totals = _totals(valid, ctx)
    dk = rows[rows["status"] == "dont_know"][["region_code", "share"]].assign(
        layer="dont_know", y=lambda d: d["region_code"].map(y)
    )
    dk["text"] = numbers.percents(dk["share"].fillna(0.0), ctx.language)
    data = pd.concat([valid, totals, dk], ignore_index=True)
    data["region"] = data["region_code"].map(names)
    data["n"] = data["region_code"].map(n)
    data["category"] = common.ordered(
        data["label"].where(data["layer"] == "segment"), cats["label"].tolist()
    )
    return data, int(blocked.sum())


def _stack(valid: pd.DataFrame) -> pd.DataFrame:
    """xmin/xmax of every segment: neutral split across zero, sides stacked outwards from it."""
    half = valid[valid["side"] == 0].groupby("region_code")["share"].sum() / 2
    valid = valid.assign(
        half=valid["region_code"].map(half).fillna(0.0),
        dist=np.where(valid["side"] < 0, -valid["pos"], valid["pos"]),
    ).sort_values(["region_code", "side", "dist"])
    outer = valid["half"] + valid.groupby(["region_code", "side"])["share"].cumsum()
    inner = outer - valid["share"]
    valid["xmin"] = np.select(
        [valid["side"] < 0, valid["side"] > 0], [-outer, inner], -valid["half"]
    )
    valid["xmax"] = np.select(
        [valid["side"] < 0, valid["side"] > 0], [-inner, outer], valid["half"]
    )
    return valid


def _totals(valid: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    sides = valid[valid["side"] != 0]
    # a side of one category already shows its share in the segment
    sides = sides[sides.groupby(["region_code", "side"])["code"].transform("size") > 1]
    ends = sides.groupby(["region_code", "side"]).agg(
        share=("share", "sum"), xmin=("xmin", "min"), xmax=("xmax", "max"), y=("y", "first")
    )
    ends = ends.reset_index()
    ends["x"] = np.where(ends["side"] < 0, ends["xmin"], ends["xmax"])
    ends["text"] = numbers.percents(ends["share"], ctx.language)
    return ends.assign(layer="total")


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    colours: dict[str, str],
    dont_know_header: str,
    show_n: bool = True,
    language: str = "fi",
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        element_blank,
        element_text,
        geom_rect,
        geom_text,
        geom_vline,
        ggplot,
        guide_legend,
        guides,
        scale_colour_identity,
        scale_fill_manual,
        scale_x_continuous,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    seg = data[data["layer"] == "segment"].assign(ymin=lambda d: d["y"] - 0.36)
    seg = seg.assign(ymax=seg["y"] + 0.36)
    tot = data[data["layer"] == "total"]
    dk = data[data["layer"] == "dont_know"]
    bars = data.drop_duplicates("y").sort_values("y")
    extent = float(max(seg["xmax"].max(), -seg["xmin"].min(), 1.0)) if not seg.empty else 50.0
    lim = min(100.0, math.ceil((extent + 14) / 10) * 10)
    dk_x = lim + 14
    step = 50 if lim > 60 else 25
    breaks = [b for b in range(-100, 101, step) if abs(b) < lim - 5]
    many = len(bars) > 8
    sep = " " if many else "\n"
    ylabels = [
        f"{r}{sep}(n = {int(n)})" if show_n and not pd.isna(n) else str(r)
        for r, n in zip(bars["region"], bars["n"], strict=True)
    ]
    top = float(bars["y"].max()) if not bars.empty else 1.0
    seg_text = seg[seg["text"] != ""]
    legend_wrap = LEGEND_WRAP - (6 if many else 0)  # a narrower panel beside long names
    fills = {theme.wrap(k, legend_wrap): v for k, v in colours.items()}
    seg = seg.assign(
        category=seg["category"].cat.rename_categories(lambda c: theme.wrap(c, legend_wrap))
    )
    plot = ggplot() + [  # one list: each "+" would deep-copy the whole plot
        geom_vline(xintercept=breaks, colour="#DDDDDD", size=0.5),  # grid, not at don't-know
        geom_vline(xintercept=0, colour="#555555", size=0.6),  # behind the bars and labels
        geom_rect(
            seg,
            aes(xmin="xmin", xmax="xmax", ymin="ymin", ymax="ymax", fill="category"),
            colour="#FFFFFF",
            size=0.4,
        ),
        geom_text(
            seg_text,
            aes(x="(xmin + xmax) / 2", y="y", label="text", colour="text_colour"),
            size=theme.BASE_SIZE - 3,
            family=theme.FONT_FAMILY,
        ),
        geom_vline(xintercept=lim + 5, colour="#BBBBBB", size=0.5),
    ]
    if not tot.empty:
        for side, x, ha in ((-1, "x - 1.5", "right"), (1, "x + 1.5", "left")):  # side totals
            plot += geom_text(
                tot[tot["side"] * side > 0],
                aes(x=x, y="y", label="text"),
                ha=ha,
                size=theme.BASE_SIZE - 3,
                fontweight="bold",
                family=theme.FONT_FAMILY,
                colour="#333333",
            )
    if not dk.empty:
        plot += geom_text(
            dk,
            aes(x=dk_x, y="y", label="text"),
            size=theme.BASE_SIZE - 3,
            family=theme.FONT_FAMILY,
            colour="#444444",
        )
    plot += [
        scale_colour_identity(),
        scale_fill_manual(values=fills, breaks=list(fills), drop=False),
        scale_x_continuous(
            limits=(-lim - 2, dk_x + 10),
            # the don't-know column is named where the percentage axis is read
            breaks=[*breaks, dk_x],
            labels=[*(numbers.percent(abs(b), language) for b in breaks), dont_know_header],
            expand=(0, 0),
        ),
        scale_y_continuous(
            breaks=bars["y"].tolist(),
            labels=ylabels,
            limits=(0.5, top + 0.6),
            expand=(0, 0),
        ),
        guides(fill=guide_legend(nrow=1, reverse=False)),
        common.texts(title, subtitle, caption),
        theme.theme_barometer(),
        p_theme(
            panel_grid_major=element_blank(),
            axis_text_y=element_text(
                ha="right", lineheight=1.0, size=theme.BASE_SIZE - (3 if many else 1)
            ),
            legend_text=element_text(size=theme.BASE_SIZE - (3 if many else 1)),
            axis_text_x=element_text(lineheight=0.95, va="top"),
            legend_key_size=16,
        ),
    ]
    return plot


FAMILY = Family("diverging", build, COLUMNS)


def plan_diverging(tables: dict[str, pd.DataFrame], ctx: Context, round_: int) -> list[ChartJob]:
    """One chart per item answered in ``round_``."""
    dist = common.primary(tables["distributions"], ctx)
    dist = dist[dist["round"] == round_]
    jobs = []
    for item in ctx.codebook.item_order(dist["item"].unique()):
        data, blocked = diverging_data(dist, ctx, item, round_)
        if data.empty:
            continue
        jobs.append(_job(data, blocked, ctx, item, round_))
    return jobs


def _job(data: pd.DataFrame, blocked: int, ctx: Context, item: str, round_: int) -> ChartJob:
    cats = category_sides(ctx, item)
    theme_key = ctx.codebook.theme_of(item)
    title = ctx.t("diverging_title", theme=ctx.theme_name(theme_key), item=ctx.item(item))
    notes = [
        ctx.t("dont_know_note"),
        ctx.t("pct_note", share=numbers.percent(LABEL_MIN, ctx.language)),
    ]
    seg = data[data["layer"] == "segment"]
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": f"{ctx.t('diverging_sub')} – {common.rounds_text([round_], ctx)}",
        "caption": common.caption(
            ctx, [item], seg.drop_duplicates("region_code")["n"], [round_], blocked, *notes
        ),
        "colours": dict(zip(cats["label"], cats["colour"], strict=True)),
        "dont_know_header": ctx.t("dont_know"),
        "language": ctx.language,
    }
    shows = Shows((item,), (round_,), "distribution", blocked, theme_key)
    return FAMILY.job(f"{item}_{round_}", ctx.language, data, kwargs, shows)
