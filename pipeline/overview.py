"""Overview chart: mean rating per region with 95 % CI for every rating item of the latest
round (primary design), the first chart `dvc repro` produces. Pure: tables in, ggplot out."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

OKABE_ITO = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"]
ALL_LABEL = {"fi": "Kaikki alueet", "sv": "Alla regioner", "en": "All regions"}
TITLE = {
    "fi": "Keskiarvo alueittain (95 %:n luottamusväli)",
    "sv": "Medelvärde per region (95 % konfidensintervall)",
    "en": "Mean by region (95 % confidence interval)",
}
CAPTION = {
    "fi": "{source}, {round}. Asteikko 1–5, en osaa sanoa -vastaukset poistettu. "
    "n = {nmin}–{nmax} vastaajaa alueella.",
    "sv": "{source}, {round}. Skala 1–5, kan inte säga -svar borttagna. "
    "n = {nmin}–{nmax} svarande per region.",
    "en": "{source}, {round}. Scale 1–5, don't-know answers excluded. "
    "n = {nmin}–{nmax} respondents per region.",
}
SUPPRESSED = {
    "fi": " Alle {k} vastaajan solut on jätetty pois.",
    "sv": " Celler med färre än {k} svarande har utelämnats.",
    "en": " Cells with fewer than {k} respondents are not shown.",
}


def overview_data(
    estimates: pd.DataFrame, snapshot: dict[str, Any], design: str, language: str
) -> tuple[pd.DataFrame, int, bool]:
    """The rows the overview shows: latest round, primary design, means by region and ALL."""
    est = estimates[
        (estimates["design"] == design)
        & (estimates["statistic"] == "mean")
        & (estimates["group_code"] == "ALL")
    ]
    latest = int(est["round"].max())
    est = est[est["round"] == latest].copy()
    items = snapshot["items"]
    themes = [items[i].get("theme", "") for i in est["item"]]
    first_theme = next((items[i].get("theme", "") for i in items if i in set(est["item"])), "")
    est = est[[t == first_theme for t in themes]]
    any_suppressed = bool(est["suppressed"].any())
    est = est[~est["suppressed"]]
    regions = snapshot.get("regions", {})
    est["region"] = [
        ALL_LABEL[language] if r == "ALL" else regions.get(r, {}).get(language, r)
        for r in est["region_code"]
    ]
    est["label"] = ["\n".join(textwrap.wrap(items[i]["label"][language], 28)) for i in est["item"]]
    order = est[est["region_code"] == "ALL"].sort_values("estimate")["label"].tolist() or sorted(
        est["label"].unique()
    )
    est["label"] = pd.Categorical(est["label"], categories=order, ordered=True)
    region_order = [ALL_LABEL[language]] + [
        regions.get(r, {}).get(language, r)
        for r in sorted(c for c in est["region_code"].unique() if c != "ALL")
    ]
    est["region"] = pd.Categorical(est["region"], categories=region_order, ordered=True)
    return est, latest, any_suppressed


def overview_chart(
    estimates: pd.DataFrame,
    snapshot: dict[str, Any],
    design: str,
    language: str,
    min_cell: int,
):  # -> plotnine.ggplot
    from plotnine import (
        aes,
        coord_flip,
        element_blank,
        element_text,
        geom_pointrange,
        ggplot,
        labs,
        position_dodge,
        scale_color_manual,
        theme,
        theme_minimal,
    )

    data, latest, any_suppressed = overview_data(estimates, snapshot, design, language)
    regional = data[data["region_code"] != "ALL"]
    n = regional["n"] if not regional.empty else data["n"]
    caption = CAPTION[language].format(
        source=snapshot["source"][language], round=latest, nmin=int(n.min()), nmax=int(n.max())
    )
    if any_suppressed:
        caption += SUPPRESSED[language].format(k=min_cell)
    dodge = position_dodge(width=0.7)
    return (
        ggplot(data, aes(x="label", y="estimate", colour="region"))
        + geom_pointrange(aes(ymin="ci_low", ymax="ci_high"), size=0.9, fatten=3, position=dodge)
        + coord_flip()
        + scale_color_manual(values=OKABE_ITO[: len(data["region"].cat.categories)])
        + labs(title=TITLE[language], caption="\n".join(textwrap.wrap(caption, 120)))
        + theme_minimal(base_size=15)
        + theme(
            figure_size=(13.33, 7.5),
            legend_position="top",
            panel_grid_major_y=element_blank(),
            axis_title=element_blank(),
            legend_title=element_blank(),
            plot_title=element_text(size=20, weight="bold"),
            plot_caption=element_text(size=11, ha="left"),
        )
    )
