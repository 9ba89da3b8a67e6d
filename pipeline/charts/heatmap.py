"""Region x respondent-group table of one item as a heatmap: every cell prints its value on a
colour-blind-safe sequential scale, totals (all regions, all respondents) included, cells
suppressed for having fewer than ``min_cell`` respondents marked "<k", secondarily suppressed
cells marked "×". A suppressed value never reaches the chart data."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.answer_colours import text_colour
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = [
    "group",
    "region",
    "fill",
    "text",
    "text_colour",
    "total",
    "suppressed",
    "suppression",
]

GROUP_WRAP = 16


def cell_colours(values: pd.Series) -> pd.Series:
    """Hex fill of each value on :data:`theme.SEQUENTIAL` over the values' range."""
    from matplotlib.colors import LinearSegmentedColormap, to_hex

    cmap = LinearSegmentedColormap.from_list("seq", list(theme.SEQUENTIAL))
    lo, hi = float(values.min()), float(values.max())
    scaled = (values - lo) / (hi - lo) if hi > lo else values * 0 + 0.5
    return scaled.map(lambda x: to_hex(cmap(0.1 + 0.85 * x)))


def heatmap_data(
    estimates: pd.DataFrame, ctx: Context, item: str, statistic: str, round_: int
) -> pd.DataFrame:
    """One row per region x group cell with ``text`` (value, "<k" or "×"), ``fill`` and
    ``text_colour``; ``estimate`` is dropped so the chart data holds no suppressed value."""
    rows = estimates[
        (estimates["round"] == round_)
        & (estimates["statistic"] == statistic)
        & (estimates["item"] == item)
    ].copy()
    digits = 1 if statistic == "mean" else 0
    value = numbers.decimals(rows["estimate"].fillna(0.0), ctx.language, digits)
    primary = rows["suppression"].fillna("").eq("primary") | (
        rows["suppressed"] & rows["n"].lt(ctx.min_cell)
    )
    empty = ~rows["suppressed"] & rows["estimate"].isna()  # no valid answers in the cell
    rows["text"] = np.select(
        [primary, rows["suppressed"], empty], [f"<{ctx.min_cell}", "×", "–"], value.to_numpy()
    )
    shown = ~rows["suppressed"] & ~empty
    rows["fill"] = theme.SUPPRESSED_FILL
    if shown.any():
        rows.loc[shown, "fill"] = cell_colours(rows.loc[shown, "estimate"])
    rows["text_colour"] = np.where(shown, text_colour(rows["fill"]), "#555555")
    rows["total"] = (rows["region_code"] == ALL) | (rows["group_code"] == ALL)
    regions = common.region_codes(rows["region_code"].unique())
    groups = [ALL] + sorted(
        (g for g in rows["group_code"].unique() if g != ALL), key=lambda g: (len(g), g)
    )
    region_names = [ctx.region(c) for c in regions]
    group_names = [theme.wrap(ctx.group(g), GROUP_WRAP) for g in groups]
    rows["region"] = common.ordered(rows["region_code"].map(ctx.region), region_names[::-1])
    rows["group"] = common.ordered(
        rows["group_code"].map(lambda g: theme.wrap(ctx.group(g), GROUP_WRAP)), group_names
    )
    return rows.drop(columns=["estimate", "se", "ci_low", "ci_high"], errors="ignore")


def build(data: pd.DataFrame, *, title: str, subtitle: str, caption: str):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        element_blank,
        element_text,
        geom_text,
        geom_tile,
        ggplot,
        scale_colour_identity,
        scale_fill_identity,
    )
    from plotnine import (
        theme as p_theme,
    )

    n_cells = data["region"].nunique() * data["group"].nunique()
    size = theme.BASE_SIZE - (1 if n_cells <= 40 else 5 if n_cells <= 90 else 8)
    return ggplot(data, aes(x="group", y="region")) + [  # one list: "+" deep-copies
        geom_tile(aes(fill="fill"), colour="#FFFFFF", size=1.5),
        geom_tile(data[data["total"]], fill="none", colour="#FFFFFF", size=1.5),
        geom_text(
            # one group, cells in the order plotnine drew them as one group per cell (a cost
            # per cell that grows with regions x groups, for nothing)
            data.sort_values(["group", "region"], kind="stable"),
            aes(label="text", colour="text_colour", group=1),
            size=size,
            family=theme.FONT_FAMILY,
            fontweight="bold",
        ),
        scale_fill_identity(),
        scale_colour_identity(),
        common.texts(title, subtitle, caption),
        theme.theme_barometer(),
        p_theme(
            panel_grid_major=element_blank(),
            axis_text_x=element_text(size=theme.BASE_SIZE - 3, lineheight=0.95, va="top"),
        ),
    ]


FAMILY = Family("heatmap", build, COLUMNS)


def plan_heatmap(
    tables: dict[str, pd.DataFrame], ctx: Context, round_: int, items: tuple[str, ...]
) -> list[ChartJob]:
    """One chart per item of ``figures.heatmap_items`` answered in ``round_``."""
    est = common.primary(tables["estimates"], ctx)
    est = est[est["round"] == round_]
    jobs = []
    for item in [i for i in items if i in set(est["item"].unique())]:
        statistic = "balance" if ctx.is_change(item) else ctx.statistic
        data = heatmap_data(est, ctx, item, statistic, round_)
        if not data.empty:
            jobs.append(_job(data, ctx, item, statistic, round_))
    return jobs


def _job(data: pd.DataFrame, ctx: Context, item: str, statistic: str, round_: int) -> ChartJob:
    suppressed = int(data["suppressed"].sum())
    theme_key = ctx.codebook.theme_of(item)
    title = ctx.t("heatmap_title", item=ctx.item(item), stat=ctx.stat_word(statistic))
    sub = f"{ctx.theme_name(theme_key)}. {ctx.t(statistic)}. {common.rounds_text([round_], ctx)}."
    secondary = bool((data["text"] == "×").any())
    shown = data[~data["suppressed"] & ~data["total"]]
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.wrap(sub, theme.WRAP_SUBTITLE),
        "caption": common.caption(
            ctx,
            [item],
            shown["n"] if not shown.empty else data["n"],
            [round_],
            suppressed,
            secondary=secondary,
        ),
    }
    shows = Shows((item,), (round_,), statistic, suppressed, theme_key)
    return FAMILY.job(f"{item}_{round_}", ctx.language, data, kwargs, shows)
