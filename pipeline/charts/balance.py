"""Balance-figure bars (% improved − % worsened) of the change items, one panel per region
(all regions first), items sorted by the all-regions balance, bars coloured by direction and
labelled with their value; regional differences marked as in the dot plot (Rao-Scott test of
the answer distribution, Benjamini-Hochberg adjusted)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = [
    "label",
    "region",
    "estimate",
    "direction",
    "text",
    "text_y",
    "ha",
]

STRIP_WRAP = 16  # panel titles (region names) wrap at this many characters


def balance_data(
    estimates: pd.DataFrame, tests: pd.DataFrame, ctx: Context, items: list[str], round_: int
) -> common.Marked:
    rows, sig, suppressed = common.marked_rows(estimates, tests, ctx, items, "balance", round_)
    codes = common.region_codes(rows["region_code"].unique())
    strip = [theme.wrap(ctx.region(c), STRIP_WRAP) for c in codes]
    rows["region"] = common.ordered(
        rows["region_code"].map(lambda c: theme.wrap(ctx.region(c), STRIP_WRAP)), strip
    )
    rows["direction"] = np.where(rows["estimate"] >= 0, "improved", "worsened")
    rows["text"] = numbers.decimals(rows["estimate"], ctx.language, 0)
    rows["text_y"] = rows["estimate"] + np.where(rows["estimate"] >= 0, 4.0, -4.0)
    rows["ha"] = np.where(rows["estimate"] >= 0, "left", "right")
    return common.Marked(rows, sig, suppressed)


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    ncol: int,
    labels_: dict,
    limit: float = 118.0,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        coord_flip,
        element_blank,
        element_text,
        facet_wrap,
        geom_col,
        geom_hline,
        geom_text,
        ggplot,
        scale_fill_manual,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    small = data["region"].nunique() > 4
    # Labels in one group per panel (plotnine would draw each item's labels as a group, at a
    # cost per group that grows with items x regions), in the order the groups were drawn.
    labels = data.sort_values("label", kind="stable")
    text_size = theme.BASE_SIZE - (6 if small else 4)
    return ggplot(data, aes(x="label", y="estimate")) + [  # one list: "+" deep-copies
        geom_hline(yintercept=0, colour="#555555", size=0.5),
        # one bar per item and panel: nothing to stack
        geom_col(aes(fill="direction"), width=0.72, position="identity"),
        *[  # value labels: left-aligned first, then right-aligned
            geom_text(
                labels[labels["ha"] == ha],
                aes(y="text_y", label="text", group=1),
                ha=ha,
                size=text_size,
                family=theme.FONT_FAMILY,
            )
            for ha in ("left", "right")
        ],
        coord_flip(),
        facet_wrap("region", ncol=ncol),
        scale_fill_manual(
            values={"improved": theme.SINGLE_POSITIVE, "worsened": theme.SINGLE_NEGATIVE},
            labels=labels_,
            breaks=["improved", "worsened"],
        ),
        scale_y_continuous(
            limits=(-limit, limit),
            breaks=[b for b in (-100, -50, 0, 50, 100) if abs(b) <= limit],
            labels=lambda bs: [str(int(b)).replace("-", "−") for b in bs],
        ),
        common.texts(title, subtitle, caption),
        theme.theme_barometer(),
        p_theme(
            panel_grid_major_y=element_blank(),
            axis_text_x=element_text(size=theme.BASE_SIZE - (7 if small else 4)),
            axis_text_y=element_text(lineheight=0.9, size=theme.BASE_SIZE - (5 if small else 2)),
            strip_text=element_text(size=theme.BASE_SIZE - (4 if small else 0), weight="bold"),
            legend_position="top",
        ),
    ]


FAMILY = Family("balance", build, COLUMNS)


def _limit(values: pd.Series) -> float:
    """Symmetric axis half-width: the largest bar rounded up to 25, plus room for labels."""
    top = float(values.abs().max()) if not values.empty else 50.0
    return min(100.0, max(25.0, np.ceil(top / 25) * 25)) + 18.0


def plan_balance(tables: dict[str, pd.DataFrame], ctx: Context, round_: int) -> list[ChartJob]:
    """One chart per theme of change items (split when long)."""
    est = common.primary(tables["estimates"], ctx)
    est = est[(est["round"] == round_) & (est["statistic"] == "balance")]
    jobs = []
    for theme_key, items in ctx.codebook.items_by_theme(est["item"].unique()).items():
        change = [i for i in items if ctx.is_change(i)]
        for part in common.parts(theme_key, change, ctx.max_items, ctx):
            marked = balance_data(est, tables["tests"], ctx, part.items, round_)
            if not marked.data.empty:
                jobs.append(_job(ctx, part, round_, marked))
    return jobs


def _job(ctx: Context, part: common.Part, round_: int, marked: common.Marked) -> ChartJob:
    data, sig, suppressed = marked
    theme_key, items, part_text, suffix = part.theme, part.items, part.title_suffix, part.id_suffix
    title = ctx.t("balance_title", theme=ctx.theme_name(theme_key)) + part_text
    sub = [f"{ctx.t('balance_sub')}. {common.rounds_text([round_], ctx)}."]
    sub.append(common.significance_line(sig, ctx))
    n_panels = data["region"].nunique()
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.footer(*sub, width=theme.WRAP_SUBTITLE),
        "limit": _limit(data["estimate"]),
        "caption": common.caption(ctx, items, common.region_n(data), [round_], suppressed),
        "ncol": n_panels if n_panels <= 4 else int(np.ceil(np.sqrt(n_panels * 1.8))),
        "labels_": {
            "improved": ctx.t("balance_pos"),
            "worsened": ctx.t("balance_neg"),
        },
    }
    shows = Shows(tuple(items), (round_,), "balance", suppressed, theme_key)
    return FAMILY.job(f"{theme_key}_{round_}{suffix}", ctx.language, data, kwargs, shows)
