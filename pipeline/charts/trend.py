"""Trend across rounds per theme: one small panel per item (at most ``max_items`` per chart, a
3 x 2 grid at most), the estimate per round for each region and all regions with its
confidence interval (``analyse.confidence``), for any number of rounds.

- Rounds sit at their true distance on the x axis (2009, 2012, 2017, 2021 spaced by years);
  the points of the regions are spread a little around their round so intervals do not
  overlap.
- An open ring marks a point whose change from the item's previous round is clear after
  Benjamini-Hochberg (``changes.p_adjusted`` of that consecutive pair, as the analyse stage
  wrote it); the subtitle says so.
- The y axis shows the whole scale (1-5 for means, 0-100 % for shares, -100..+100 for
  balance figures), titled from the codebook's scale, so a change of 0.1 does not look
  dramatic.
- An item missing from some rounds is drawn over the rounds it was asked.
Only drawn when the tables hold two or more rounds."""

from __future__ import annotations

import itertools
from typing import Any

import pandas as pd

from pipeline.charts import common, theme
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.charts.common import ALL, Context
from pipeline.i18n import numbers

# the columns the chart draws (chart data is cut down to these and the cell keys)
COLUMNS = ["label", "region", "x", "estimate", "ci_low", "ci_high", "is_all", "changed"]

PANELS = 6  # items per trend chart (3 x 2 panels stay readable on a slide)
SPREAD = 0.3  # share of the shortest gap between rounds over which the regions are spread
MARK = "○"  # the ring drawn around a clearly changed point


def consecutive_changes(
    changes: pd.DataFrame, ctx: Context, items: list[str], statistic: str
) -> set[tuple[str, str, int]]:
    """(item, region, round_to) whose change from the item's previous round is clear after BH
    (``changes.p_adjusted``; a pair ``changes`` lacks or suppressed is never marked)."""
    if changes.empty or "p_adjusted" not in changes.columns:
        return set()
    c = changes[
        (changes["design"] == ctx.design)
        & (changes["group_code"] == ALL)
        & (changes["statistic"] == statistic)
        & changes["item"].isin(items)
    ]
    if "ci_method" in c.columns:
        c = c[c["ci_method"].isin(["normal", ctx.share_ci])]
    clear = c[(c["p_adjusted"] < common.SIGNIFICANT) & ~c["suppressed"].astype(bool)]
    return {
        (str(r.item), str(r.region_code), int(r.round_to))
        for r in clear.itertuples(index=False)
        if (int(r.round_from), int(r.round_to)) in pairs_of(c, str(r.item))
    }


def pairs_of(changes: pd.DataFrame, item: str) -> set[tuple[int, int]]:
    """The consecutive pairs of the rounds in which ``item`` has changes rows."""
    rows = changes[changes["item"] == item]
    rounds = sorted({int(r) for r in rows["round_from"]} | {int(r) for r in rows["round_to"]})
    return set(itertools.pairwise(rounds))


def trend_data(
    estimates: pd.DataFrame,
    changes: pd.DataFrame,
    ctx: Context,
    items: list[str],
    statistic: str,
) -> tuple[pd.DataFrame, int]:
    rows, suppressed = common.regional_rows(estimates, items, statistic)
    labels_ = [theme.wrap(ctx.item(i), 30) for i in items]
    rows["label"] = common.ordered(
        rows["item"].map(dict(zip(items, labels_, strict=True))), labels_
    )
    rows["region"] = common.region_names(rows["region_code"], ctx)
    rows["is_all"] = rows["region_code"] == ALL
    marked = consecutive_changes(changes, ctx, items, statistic)
    rows["changed"] = [
        (i, r, int(t)) in marked
        for i, r, t in zip(rows["item"], rows["region_code"], rows["round"], strict=True)
    ]
    rows["x"] = spread(rows)
    return rows, suppressed


def spread(rows: pd.DataFrame) -> pd.Series:
    """Each region's x: its round, moved a little so the regions' intervals stand apart."""
    rounds = sorted(int(r) for r in rows["round"].unique())
    gap = min((b - a for a, b in itertools.pairwise(rounds)), default=1)
    codes = common.region_codes(rows["region_code"].unique())
    step = gap * SPREAD / max(len(codes), 1)
    offset = {c: (k - (len(codes) - 1) / 2) * step for k, c in enumerate(codes)}
    return rows["round"].astype(float) + rows["region_code"].map(offset).astype(float)


def build(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    rounds: list[int],
    limits: tuple[float, float],
    breaks: list[float],
    y_title: str,
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
        geom_point,
        ggplot,
        labs,
        scale_colour_manual,
        scale_x_continuous,
        scale_y_continuous,
    )
    from plotnine import (
        theme as p_theme,
    )

    from pipeline.charts.geoms import PointRange

    gap = min((b - a for a, b in itertools.pairwise(rounds)), default=1)
    pad = gap * 0.35
    shown = data[data["is_all"]] if highlight else data
    marked = shown[shown["changed"]]
    # an item asked in one round only has a point and no line
    points = data.groupby(["label", "region"], observed=True)["x"].transform("size")
    lines = data[points > 1]
    digits = 1 if limits[1] - limits[0] < 10 else 0
    plot = ggplot(data, aes(x="x", y="estimate", colour="region", group="region"))
    if zero_line:
        plot += geom_hline(yintercept=0, colour="#555555", size=0.5)
    plot += [  # one list: each "+" would deep-copy the whole plot
        geom_line(lines, size=0.6 if highlight else 1.0, alpha=0.7 if highlight else 1),
        PointRange(shown, aes(ymin="ci_low", ymax="ci_high"), size=0.7, fatten=2.5),
        geom_point(marked, shape="o", fill="none", size=6.5, stroke=1.1, show_legend=False),
        facet_wrap("label", ncol=ncol),
        scale_colour_manual(
            values=palette, breaks=list(palette), guide=None if highlight else "legend"
        ),
        scale_x_continuous(
            breaks=rounds,
            labels=[str(r) for r in rounds],
            limits=(rounds[0] - pad, rounds[-1] + pad),
        ),
        scale_y_continuous(
            limits=limits,
            breaks=breaks,
            labels=lambda bs: [numbers.decimal(b, digits, language) for b in bs],
        ),
        common.texts(title, subtitle, caption),
        labs(y=y_title),
        theme.theme_barometer(),
        p_theme(
            strip_text=element_text(size=theme.BASE_SIZE - 1, weight="bold"),
            axis_text=element_text(size=theme.BASE_SIZE - 3),
            axis_title_y=element_text(size=theme.BASE_SIZE - 2),
            legend_position="right",
        ),
    ]
    return plot


FAMILY = Family("trend", build, COLUMNS)


def plan_trend(tables: dict[str, pd.DataFrame], ctx: Context) -> list[ChartJob]:
    """Per theme (rating items by ``ctx.statistic``, change items by balance), in parts of at
    most :data:`PANELS` items; nothing when the tables hold a single round."""
    est = common.primary(tables["estimates"], ctx)
    changes = tables.get("changes", pd.DataFrame())
    rounds = sorted(int(r) for r in est["round"].unique())
    if len(rounds) < 2:
        return []
    jobs = []
    for theme_key, items in ctx.codebook.items_by_theme(est["item"].unique()).items():
        for kind in ("rating", "change"):
            part_items = [i for i in items if ctx.is_change(i) == (kind == "change")]
            statistic = "balance" if kind == "change" else ctx.statistic
            mixed = kind == "change" and len(part_items) < len(items)
            size = min(PANELS, ctx.max_items)
            for part in common.parts(theme_key, part_items, size, ctx):
                data, suppressed = trend_data(est, changes, ctx, part.items, statistic)
                if data["round"].nunique() >= 2:
                    jobs.append(_job(data, suppressed, ctx, part, statistic, mixed))
    return jobs


def y_axis(ctx: Context, items: list[str], statistic: str) -> tuple[tuple[float, float], list, str]:
    """The whole scale: limits, breaks and the axis title ('Keskiarvo (1–5)')."""
    if statistic == "mean":
        lo, hi = ctx.scale(items[0]).range
        title = f"{ctx.t('mean')} ({numbers.span(lo, hi)})"
        return (lo - 0.2, hi + 0.2), [float(c) for c in range(lo, hi + 1)], title
    if statistic == "balance":
        return (-100.0, 100.0), [-100.0, -50.0, 0.0, 50.0, 100.0], ctx.t("balance")
    return (0.0, 100.0), [0.0, 25.0, 50.0, 75.0, 100.0], ctx.t(statistic)


def _job(
    data: pd.DataFrame,
    suppressed: int,
    ctx: Context,
    part: common.Part,
    statistic: str,
    mixed: bool,
) -> ChartJob:
    """``mixed``: the change items of a theme that has rating items too (id suffix _balance)."""
    theme_key, items, part_text = part.theme, part.items, part.title_suffix
    suffix = ("_balance" if mixed else "") + part.id_suffix
    codes = common.region_codes(data["region_code"].unique())
    highlight = not common.colour_regions(codes)
    palette = common.region_palette(codes, ctx)
    rounds = sorted(int(r) for r in data["round"].unique())
    limits, breaks, y_title = y_axis(ctx, items, statistic)
    title = (
        ctx.t("trend_title", theme=ctx.theme_name(theme_key), stat=ctx.stat_word(statistic))
        + part_text
    )
    sub = ctx.ci_note()
    shown = data[data["is_all"]] if highlight else data
    if shown["changed"].any():
        sub += " " + ctx.t("trend_marker", m=MARK, alpha=ctx.alpha())
    if highlight:
        sub += " " + ctx.t("highlight")
    n_items = len(items)
    kwargs: dict[str, Any] = {
        "title": title,
        "subtitle": theme.wrap(sub, theme.WRAP_SUBTITLE),
        "caption": common.caption(ctx, items, common.region_n(data), rounds, suppressed),
        "palette": palette,
        "rounds": rounds,
        "limits": limits,
        "breaks": breaks,
        "y_title": y_title,
        "ncol": n_items if n_items <= 3 else 3,
        "highlight": highlight,
        "zero_line": statistic == "balance",
        "language": ctx.language,
    }
    shows = Shows(tuple(items), tuple(rounds), statistic, suppressed, theme_key)
    return FAMILY.job(f"{theme_key}{suffix}", ctx.language, data, kwargs, shows)
