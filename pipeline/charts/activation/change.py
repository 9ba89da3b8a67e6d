"""Activation family ``activation_change``: the whole-region ratio (ratio of sums) of the last two
rounds per region, with an arrow and the change."""

from __future__ import annotations

import pandas as pd

from pipeline.charts import theme
from pipeline.charts.activation.common import (
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


def build_change(
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
        arrow,
        geom_point,
        geom_segment,
        geom_text,
        ggplot,
        scale_fill_manual,
        scale_x_continuous,
    )

    wide = data.pivot_table(
        index=["region", "label_text"], columns="which", values="pooled", observed=True
    ).reset_index()
    # sorted by region: the change labels are drawn as one group (plotnine draws one group per
    # region, at a cost per group), in the order of those groups. The arrows stay one group per
    # region: matplotlib draws a one-segment collection (snapped to pixels) unlike a longer one.
    wide = wide.dropna(subset=["from", "to"]).sort_values("region", kind="stable")
    return ggplot(data, aes(y="region")) + [  # one list: each "+" deep-copies the plot
        geom_segment(
            wide,
            aes(x="from", xend="to", y="region", yend="region"),
            size=1.5,
            colour="#555555",
            arrow=arrow(length=0.12, type="closed"),
        ),
        geom_point(aes(x="pooled", fill="round_label"), size=7, colour="black", stroke=0.5),
        geom_text(
            wide, aes(x="to", y="region", label="label_text", group=1), nudge_y=0.28, size=13
        ),
        scale_fill_manual(values=palette),
        scale_x_continuous(limits=(0, x_max * 1.1), expand=(0, 0)),
        *region_rows_look(title, subtitle, caption),
    ]


FAMILY = Family("activation_change", build_change, survey=SURVEY)


def change_job(regions: pd.DataFrame, snapshot: dict, language: str, ratio: str) -> ChartJob | None:
    reg = regions[regions["ratio"] == ratio].copy()
    rounds = sorted(int(r) for r in reg["round"].unique())
    if len(rounds) < 2:
        return None
    a, b = rounds[-2], rounds[-1]
    reg = reg[reg["round"].isin([a, b])]
    codes = sorted(reg["region_code"].unique())
    names = [region(snapshot, c, language) for c in codes]
    reg["region"] = pd.Categorical(
        reg["region_code"].map(lambda c: region(snapshot, c, language)),
        categories=names[::-1],
        ordered=True,
    )
    reg["which"] = reg["round"].map({a: "from", b: "to"})
    reg["round_label"] = reg["round"].astype(int).astype(str)
    change = reg[reg["round"] == b].set_index("region_code")["pooled_change"]
    reg["label_text"] = reg["region_code"].map(
        lambda c: "" if pd.isna(change.get(c)) else numbers.signed(change.get(c), language, 1)
    )
    shown = reg[reg["pooled"].notna()]
    if shown.empty:
        return None
    title, unit = ratio_title(snapshot, ratio, language)
    hidden = reg[reg["pooled_suppressed"].astype(bool)]
    counts = ", ".join(
        f"{region(snapshot, r.region_code, language)} {int(r.round)} "
        f"{int(r.n_municipalities)}/{int(r.n_in_region)}"
        for r in reg.sort_values(["region_code", "round"]).itertuples(index=False)
    )
    notes = region_notes(snapshot, language, (a, b), counts, hidden)
    data = shown[["region", "round_label", "which", "pooled", "label_text"]].reset_index(drop=True)
    kwargs = {
        "title": title,
        "subtitle": subtitle(unit, t("charts.activation_change_sub", language, a=a, b=b)),
        "caption": theme.footer(*notes),
        "palette": round_palette([a, b]),
        "x_max": float(shown["pooled"].max()),
    }
    shows = Shows((ratio,), (a, b), ratio, len(hidden))
    return FAMILY.job(ratio, language, data, kwargs, shows)
