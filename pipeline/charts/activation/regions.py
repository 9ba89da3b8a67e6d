"""Activation family ``activation_regions``: per region and round, the range over
municipalities (line), the median (circle) and the whole-region ratio of sums (diamond)."""

from __future__ import annotations

import pandas as pd

from pipeline.charts import theme
from pipeline.charts.activation.common import (
    NBSP,
    SURVEY,
    ratio_title,
    region,
    region_notes,
    region_rows_look,
    round_palette,
    subtitle,
)
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.i18n import numbers, t


def build_regions(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    x_max: float,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        geom_point,
        geom_segment,
        geom_text,
        ggplot,
        position_nudge,
        scale_colour_manual,
        scale_fill_manual,
        scale_x_continuous,
    )

    pooled = data[data["pooled"].notna()]
    # the "n = k/m" labels sorted by row and drawn as one group (plotnine draws one group per
    # row, at a cost per group), in the order of those groups; the range lines stay one group
    # per row (matplotlib draws a one-segment collection, snapped to pixels, unlike a longer one)
    labels = data.sort_values("row", kind="stable")
    return ggplot(data, aes(y="row")) + [  # one list: each "+" deep-copies the plot
        geom_segment(
            aes(x="min", xend="max", yend="row", colour="round_label"), size=3, alpha=0.55
        ),
        geom_point(aes(x="median", fill="round_label"), size=6, colour="black", stroke=0.5),
        geom_point(
            pooled,
            aes(x="pooled", fill="round_label"),
            shape="D",
            size=5.5,
            colour="black",
            stroke=0.5,
        ),
        geom_text(
            labels,
            aes(x="max", label="max_text", group=1),
            ha="left",
            size=12,
            position=position_nudge(x=x_max * 0.015),
        ),
        scale_colour_manual(values=palette),
        scale_fill_manual(values=palette),
        scale_x_continuous(limits=(0, x_max * 1.12), expand=(0, 0)),
        *region_rows_look(title, subtitle, caption),
    ]


FAMILY = Family("activation_regions", build_regions, survey=SURVEY)


def regions_job(
    regions: pd.DataFrame, snapshot: dict, language: str, ratio: str
) -> ChartJob | None:
    reg = regions[(regions["ratio"] == ratio) & regions["median"].notna()].copy()
    if reg.empty:
        return None
    rounds = sorted(int(r) for r in reg["round"].unique())
    codes = sorted(reg["region_code"].unique())
    names = {c: region(snapshot, c, language) for c in codes}
    # one row per region x round, regions top to bottom in code order, rounds inside
    rows = [f"{names[c]}  {r}" for c in reversed(codes) for r in reversed(rounds)]
    reg["row"] = pd.Categorical(
        reg["region_code"].map(names) + "  " + reg["round"].astype(int).astype(str),
        categories=rows,
        ordered=True,
    )
    reg["round_label"] = reg["round"].astype(int).astype(str)
    reg["max_text"] = [
        f"n = {int(n)}/{int(m)}"
        for n, m in zip(reg["n_municipalities"], reg["n_in_region"], strict=True)
    ]
    title, unit = ratio_title(snapshot, ratio, language)
    hidden = reg[reg["pooled_suppressed"].astype(bool)]
    counts = ", ".join(
        f"{names[r.region_code]} {int(r.round)} {int(r.n_municipalities)}/{int(r.n_in_region)}"
        f" ({numbers.percent(r.coverage, language).replace(' ', NBSP)})"
        for r in reg.sort_values(["region_code", "round"]).itertuples(index=False)
    )
    notes = region_notes(snapshot, language, rounds, counts, hidden)
    if int(reg["suppressed_municipalities"].sum()):
        notes.append(
            t("charts.activation_suppressed", language, k=int(snapshot.get("min_cell", 5)))
        )
    data = reg[["row", "round_label", "min", "max", "median", "pooled", "max_text"]].reset_index(
        drop=True
    )
    x_max = float(pd.concat([reg["max"], reg["pooled"]]).max())
    kwargs = {
        "title": title,
        "subtitle": subtitle(unit, t("charts.activation_regions_sub", language)),
        "caption": theme.footer(*notes),
        "palette": round_palette(rounds),
        "x_max": x_max,
    }
    shows = Shows((ratio,), tuple(rounds), ratio, int(reg["suppressed_municipalities"].sum()))
    return FAMILY.job(ratio, language, data, kwargs, shows)
