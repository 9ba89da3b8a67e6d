"""Activation family ``activation_municipalities``: the ratio per municipality in one round,
municipalities sorted within region facets, the region median as a dashed line; a suppressed
municipality is the text "<k" at the start of its row, never a dot."""

from __future__ import annotations

import pandas as pd

from pipeline.charts import theme
from pipeline.charts.activation.common import (
    EXCLUDED_FLAGS,
    SURVEY,
    light_grid,
    municipality,
    municipality_names,
    palette,
    ratio_title,
    region,
    source,
    subtitle,
)
from pipeline.charts.base import ChartJob, Family, Shows
from pipeline.i18n import t


def build_municipalities(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    caption: str,
    palette: dict[str, str],
    medians: pd.DataFrame,
    x_max: float,
    ncol: int,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        element_blank,
        element_text,
        facet_wrap,
        geom_point,
        geom_text,
        geom_vline,
        ggplot,
        labs,
        scale_colour_manual,
        scale_fill_manual,
        scale_x_continuous,
        scale_y_discrete,
    )
    from plotnine import theme as p_theme

    shown = data[data["kind"] != "suppressed"]
    flagged = shown[shown["kind"] == "flagged"]
    ok = shown[shown["kind"] == "ok"]
    hidden = data[data["kind"] == "suppressed"]
    # the "<k" texts sorted by row and drawn as one group (plotnine draws one group per row, at
    # a cost per group), in the order of those groups
    hidden = hidden.sort_values("label", kind="stable").assign(x=0.0)
    plot = ggplot(data, aes(y="label")) + [  # one list: each "+" deep-copies the plot
        geom_vline(
            medians, aes(xintercept="median", colour="region_code"), size=1.2, linetype="dashed"
        ),
        geom_point(ok, aes(x="value", fill="region_code"), size=4.2, stroke=0.4, colour="black"),
        geom_point(
            flagged, aes(x="value", colour="region_code"), size=4.2, stroke=1.3, fill="white"
        ),
        geom_text(hidden, aes(x="x", label="shown", group=1), ha="left", size=12),
        facet_wrap("region", ncol=ncol, scales="free_y"),
        scale_fill_manual(values=palette, guide=None),
        scale_colour_manual(values=palette, guide=None),
        scale_x_continuous(limits=(0, x_max * 1.04), expand=(0, 0)),
        scale_y_discrete(),
        labs(title=title, subtitle=subtitle, caption=caption, x="", y=""),
        theme.theme_barometer(),
        p_theme(
            plot_title_position="plot",
            plot_caption_position="plot",
            axis_text_y=element_text(size=theme.BASE_SIZE - 5),
            axis_text_x=element_text(size=theme.BASE_SIZE - 3),
            panel_grid_major_y=light_grid(),
            panel_grid_minor=element_blank(),
            panel_spacing_x=0.04,
        ),
    ]
    return plot


FAMILY = Family("activation_municipalities", build_municipalities, survey=SURVEY)


def municipal_job(
    table: pd.DataFrame,
    regions: pd.DataFrame,
    snapshot: dict,
    language: str,
    ratio: str,
    round_: int,
) -> ChartJob | None:
    cells = table[(table["ratio"] == ratio) & (table["round"] == round_)].copy()
    if cells.empty:
        return None
    k = int(snapshot.get("min_cell", 5))
    cells["flag"] = cells["flag"].fillna("")
    excluded = cells["flag"].str.contains("|".join(EXCLUDED_FLAGS), regex=True)
    cells["kind"] = "ok"
    cells.loc[excluded, "kind"] = "flagged"
    cells.loc[cells["suppressed"].astype(bool), "kind"] = "suppressed"
    plotted = cells[(cells["kind"] == "suppressed") | cells["value"].notna()].copy()
    responded = cells["responded"].astype(bool)
    no_answer = cells[~responded & (cells["covered_by"].fillna("") == "")]
    no_value = cells[responded & cells["value"].isna() & ~cells["suppressed"].astype(bool)]
    plotted["name"] = plotted["municipality_code"].map(
        lambda c: municipality(snapshot, c, language)
    )
    plotted["region"] = plotted["region_code"].map(lambda c: region(snapshot, c, language))
    plotted["sort"] = plotted["value"].fillna(-1.0)
    plotted = plotted.sort_values(["region_code", "sort", "name"], ascending=[True, True, False])
    plotted["label"] = pd.Categorical(
        plotted["name"], categories=list(dict.fromkeys(plotted["name"])), ordered=True
    )
    codes = sorted(cells["region_code"].unique())
    region_order = [region(snapshot, c, language) for c in codes]
    plotted["region"] = pd.Categorical(plotted["region"], categories=region_order, ordered=True)
    reg = regions[(regions["ratio"] == ratio) & (regions["round"] == round_)].copy()
    reg["region"] = pd.Categorical(
        reg["region_code"].map(lambda c: region(snapshot, c, language)),
        categories=region_order,
        ordered=True,
    )
    medians = reg[reg["median"].notna()][["region", "region_code", "median"]]
    title, unit = ratio_title(snapshot, ratio, language)
    n_parts = [
        f"{region(snapshot, r.region_code, language)} {int(r.n_municipalities)}/"
        f"{int(r.n_in_region)}"
        for r in reg.sort_values("region_code").itertuples(index=False)
    ]
    notes = [
        f"{source(snapshot, language)}. {t('charts.round', language, round=round_)}.",
        t("charts.activation_n_regions", language, parts=", ".join(n_parts)),
    ]
    if len(no_answer):
        notes.append(
            t(
                "charts.activation_no_answer",
                language,
                names=municipality_names(snapshot, no_answer["municipality_code"], language),
            )
        )
    if len(no_value):
        notes.append(
            t(
                "charts.activation_no_value",
                language,
                names=municipality_names(snapshot, no_value["municipality_code"], language),
            )
        )
    if (plotted["kind"] == "flagged").any():
        notes.append(t("charts.activation_flagged", language))
    n_sup = int((plotted["kind"] == "suppressed").sum())
    if n_sup:
        notes.append(t("charts.activation_suppressed", language, k=k))
    x_max = float(plotted["value"].max()) if plotted["value"].notna().any() else 1.0
    data = plotted[["region_code", "region", "label", "value", "shown", "kind"]].reset_index(
        drop=True
    )
    kwargs = {
        "title": title,
        "subtitle": subtitle(unit, t("charts.activation_muni_sub", language)),
        "caption": theme.footer(*notes),
        "palette": palette(codes),
        "medians": medians.reset_index(drop=True),
        "x_max": x_max,
        "ncol": len(codes) if len(codes) <= 3 else 3,
    }
    shows = Shows((ratio,), (round_,), ratio, n_sup)
    return FAMILY.job(f"{ratio}_{round_}", language, data, kwargs, shows)
