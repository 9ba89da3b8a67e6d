"""Charts of the activation-resource survey (families activation_municipalities,
activation_regions, activation_change).

Only the published tables are read (``activation``, ``activation_regions``), in which small
client counts are already hidden: a suppressed municipality is drawn as the text "<5" at the
start of its row, never as a dot. Labels come from the stage's snapshot
(data/processed/activation_codebook.json)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipeline.charts import theme
from pipeline.charts.base import ChartJob

SURVEY = "activation"
TEXT: dict[str, dict[str, str]] = {
    "fi": {
        "muni_sub": "Kunnat suuruusjärjestyksessä maakunnittain, pystyviiva = maakunnan mediaani",
        "regions_sub": "Viiva = kuntien vaihteluväli (pienin–suurin), ympyrä = mediaani, "
        "vinoneliö = koko maakunta (summat suhteutettuna)",
        "change_sub": "Koko maakunnan luku {a} ja {b} (summat suhteutettuna)",
        "round": "Kierros {r}",
        "no_answer": "Ei vastannut: {names}.",
        "no_value": "Ei lukua (tieto puuttuu tai nimittäjä 0): {names}.",
        "flagged": "Avoin ympyrä = epäuskottava arvo, ei mukana maakunnan luvuissa.",
        "suppressed": "”<{k}” = alle {k} asiakasta, luku piilotettu (myös toinen kunta voi "
        "olla piilotettu, ettei luku paljastu laskemalla).",
        "n": "Vastanneita kuntia {n}/{m}, kattavuus {c} % asukkaista.",
        "n_regions": "Vastanneita kuntia: {parts}.",
        "pooled_hidden": "Maakunnan luku piilotettu pienten asiakasmäärien vuoksi: {names}.",
        "median": "mediaani",
        "pooled": "koko maakunta",
        "range": "vaihteluväli",
    },
    "sv": {
        "muni_sub": "Kommunerna i storleksordning per landskap, lodrät linje = landskapets median",
        "regions_sub": "Linje = kommunernas variationsvidd (minst–störst), cirkel = median, "
        "romb = hela landskapet (summor i relation)",
        "change_sub": "Hela landskapets tal {a} och {b} (summor i relation)",
        "round": "Omgång {r}",
        "no_answer": "Svarade inte: {names}.",
        "no_value": "Inget tal (uppgift saknas eller nämnaren 0): {names}.",
        "flagged": "Öppen cirkel = osannolikt värde, ingår inte i landskapets tal.",
        "suppressed": "”<{k}” = färre än {k} klienter, talet dolt (även en annan kommun kan "
        "vara dold så att talet inte kan räknas fram).",
        "n": "Svarande kommuner {n}/{m}, täckning {c} % av invånarna.",
        "n_regions": "Svarande kommuner: {parts}.",
        "pooled_hidden": "Landskapets tal dolt på grund av få klienter: {names}.",
        "median": "median",
        "pooled": "hela landskapet",
        "range": "variationsvidd",
    },
    "en": {
        "muni_sub": "Municipalities sorted within each region, vertical line = region median",
        "regions_sub": "Line = range over municipalities (lowest–highest), circle = median, "
        "diamond = whole region (ratio of sums)",
        "change_sub": "Whole-region ratio {a} and {b} (ratio of sums)",
        "round": "Round {r}",
        "no_answer": "Did not answer: {names}.",
        "no_value": "No value (data missing or denominator 0): {names}.",
        "flagged": "Open circle = implausible value, left out of the region figures.",
        "suppressed": '"<{k}" = fewer than {k} clients, value hidden (another municipality '
        "may be hidden too, so that it cannot be worked out).",
        "n": "Municipalities answering {n}/{m}, covering {c} % of residents.",
        "n_regions": "Municipalities answering: {parts}.",
        "pooled_hidden": "Region figure hidden because of small client counts: {names}.",
        "median": "median",
        "pooled": "whole region",
        "range": "range",
    },
}
SUBTITLE_WIDTH = 95
EXCLUDED_FLAGS = ("out_of_range", "fte_gt_residents")


def _t(language: str, key: str, **kw: Any) -> str:
    return TEXT[language][key].format(**kw)


def _pick(texts: dict[str, str] | None, language: str, fallback: str) -> str:
    if not texts:
        return fallback
    return texts.get(language) or texts.get("fi") or fallback


def _region(snapshot: dict, code: str, language: str) -> str:
    return _pick(snapshot.get("regions", {}).get(code), language, code)


def _muni(snapshot: dict, code: str, language: str) -> str:
    texts = snapshot.get("municipalities", {}).get(code, {})
    # Municipality names exist in Finnish and Swedish; English uses the Finnish name.
    return _pick({"fi": texts.get("fi", code), "sv": texts.get("sv", "")}, language, code)


def _fmt(v: float) -> str:
    if pd.isna(v):
        return ""
    return f"{v:,.0f}".replace(",", "\u202f") if abs(v) >= 100 else f"{v:.1f}"


def _palette(codes: list[str]) -> dict[str, str]:
    colours = theme.REGION_COLOURS
    return {c: colours[i % len(colours)] for i, c in enumerate(sorted(codes))}


def _names(snapshot: dict, codes: pd.Series, language: str) -> str:
    return ", ".join(sorted(_muni(snapshot, c, language) for c in codes))


def _subtitle(unit: str, text: str) -> str:
    return theme.footer(f"{unit.rstrip('.')} · {text}" if unit else text, width=SUBTITLE_WIDTH)


def _source(snapshot: dict, language: str) -> str:
    return _pick(snapshot.get("source"), language, "")


# --------------------------------------------------------------------------- municipalities


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
    plot = (
        ggplot(data, aes(y="label"))
        + geom_vline(
            medians, aes(xintercept="median", colour="region_code"), size=1.2, linetype="dashed"
        )
        + geom_point(ok, aes(x="value", fill="region_code"), size=4.2, stroke=0.4, colour="black")
        + geom_point(
            flagged, aes(x="value", colour="region_code"), size=4.2, stroke=1.3, fill="white"
        )
        + geom_text(hidden.assign(x=0.0), aes(x="x", label="shown"), ha="left", size=12)
        + facet_wrap("region", ncol=ncol, scales="free_y")
        + scale_fill_manual(values=palette, guide=None)
        + scale_colour_manual(values=palette, guide=None)
        + scale_x_continuous(limits=(0, x_max * 1.04), expand=(0, 0))
        + scale_y_discrete()
        + labs(title=title, subtitle=subtitle, caption=caption, x="", y="")
        + theme.theme_barometer()
        + p_theme(
            plot_title_position="plot",
            plot_caption_position="plot",
            axis_text_y=element_text(size=theme.BASE_SIZE - 5),
            axis_text_x=element_text(size=theme.BASE_SIZE - 3),
            panel_grid_major_y=element_line_light(),
            panel_grid_minor=element_blank(),
            panel_spacing_x=0.04,
        )
    )
    return plot


def element_line_light():
    from plotnine import element_line

    return element_line(colour="#EEEEEE", size=0.4)


def _municipal_job(
    table: pd.DataFrame,
    regions: pd.DataFrame,
    snapshot: dict,
    language: str,
    ratio: str,
    round_: int,
) -> ChartJob | None:
    t = table[(table["ratio"] == ratio) & (table["round"] == round_)].copy()
    if t.empty:
        return None
    k = int(snapshot.get("min_cell", 5))
    t["flag"] = t["flag"].fillna("")
    excluded = t["flag"].str.contains("|".join(EXCLUDED_FLAGS), regex=True)
    t["kind"] = "ok"
    t.loc[excluded, "kind"] = "flagged"
    t.loc[t["suppressed"].astype(bool), "kind"] = "suppressed"
    plotted = t[(t["kind"] == "suppressed") | t["value"].notna()].copy()
    no_answer = t[~t["responded"].astype(bool) & (t["covered_by"].fillna("") == "")]
    no_value = t[t["responded"].astype(bool) & t["value"].isna() & ~t["suppressed"].astype(bool)]
    plotted["name"] = plotted["municipality_code"].map(lambda c: _muni(snapshot, c, language))
    plotted["region"] = plotted["region_code"].map(lambda c: _region(snapshot, c, language))
    plotted["sort"] = plotted["value"].fillna(-1.0)
    plotted = plotted.sort_values(["region_code", "sort", "name"], ascending=[True, True, False])
    plotted["label"] = pd.Categorical(
        plotted["name"], categories=list(dict.fromkeys(plotted["name"])), ordered=True
    )
    codes = sorted(t["region_code"].unique())
    region_order = [_region(snapshot, c, language) for c in codes]
    plotted["region"] = pd.Categorical(plotted["region"], categories=region_order, ordered=True)
    reg = regions[(regions["ratio"] == ratio) & (regions["round"] == round_)].copy()
    reg["region"] = pd.Categorical(
        reg["region_code"].map(lambda c: _region(snapshot, c, language)),
        categories=region_order,
        ordered=True,
    )
    medians = reg[reg["median"].notna()][["region", "region_code", "median"]]
    spec = snapshot["ratios"][ratio]
    label = _pick(spec["label"], language, ratio)
    unit = _pick(spec["unit"], language, "")
    title = theme.wrap(label, 70)
    n_parts = [
        f"{_region(snapshot, r.region_code, language)} {int(r.n_municipalities)}/"
        f"{int(r.n_in_region)}"
        for r in reg.sort_values("region_code").itertuples(index=False)
    ]
    notes = [
        f"{_source(snapshot, language)}. {_t(language, 'round', r=round_)}.",
        _t(language, "n_regions", parts=", ".join(n_parts)),
    ]
    if len(no_answer):
        notes.append(
            _t(
                language,
                "no_answer",
                names=_names(snapshot, no_answer["municipality_code"], language),
            )
        )
    if len(no_value):
        notes.append(
            _t(
                language,
                "no_value",
                names=_names(snapshot, no_value["municipality_code"], language),
            )
        )
    if (plotted["kind"] == "flagged").any():
        notes.append(_t(language, "flagged"))
    n_sup = int((plotted["kind"] == "suppressed").sum())
    if n_sup:
        notes.append(_t(language, "suppressed", k=k))
    x_max = float(plotted["value"].max()) if plotted["value"].notna().any() else 1.0
    data = plotted[["region_code", "region", "label", "value", "shown", "kind"]].reset_index(
        drop=True
    )
    kwargs = {
        "title": title,
        "subtitle": _subtitle(unit, _t(language, "muni_sub")),
        "caption": theme.footer(*notes),
        "palette": _palette(codes),
        "medians": medians.reset_index(drop=True),
        "x_max": x_max,
        "ncol": len(codes) if len(codes) <= 3 else 3,
    }
    return ChartJob(
        id=f"activation_municipalities_{ratio}_{round_}",
        family="activation_municipalities",
        language=language,
        title=title,
        build=build_municipalities,
        data=data,
        kwargs=kwargs,
        survey=SURVEY,
        items=(ratio,),
        rounds=(round_,),
        statistic=ratio,
        suppressed_cells=n_sup,
    )


# --------------------------------------------------------------------------- regions


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
        element_blank,
        element_text,
        geom_point,
        geom_segment,
        geom_text,
        ggplot,
        labs,
        position_nudge,
        scale_colour_manual,
        scale_fill_manual,
        scale_x_continuous,
    )
    from plotnine import theme as p_theme

    pooled = data[data["pooled"].notna()]
    return (
        ggplot(data, aes(y="row"))
        + geom_segment(
            aes(x="min", xend="max", yend="row", colour="round_label"), size=3, alpha=0.55
        )
        + geom_point(aes(x="median", fill="round_label"), size=6, colour="black", stroke=0.5)
        + geom_point(
            pooled,
            aes(x="pooled", fill="round_label"),
            shape="D",
            size=5.5,
            colour="black",
            stroke=0.5,
        )
        + geom_text(
            aes(x="max", label="max_text"),
            ha="left",
            size=12,
            position=position_nudge(x=x_max * 0.015),
        )
        + scale_colour_manual(values=palette)
        + scale_fill_manual(values=palette)
        + scale_x_continuous(limits=(0, x_max * 1.12), expand=(0, 0))
        + labs(title=title, subtitle=subtitle, caption=caption, x="", y="")
        + theme.theme_barometer()
        + p_theme(
            plot_title_position="plot",
            plot_caption_position="plot",
            panel_grid_major_y=element_blank(),
            axis_text_y=element_text(size=theme.BASE_SIZE),
        )
    )


def _round_palette(rounds: list[int]) -> dict[str, str]:
    colours = (theme.OKABE_ITO[2], theme.OKABE_ITO[4], theme.OKABE_ITO[1], theme.OKABE_ITO[6])
    return {str(r): colours[i % len(colours)] for i, r in enumerate(sorted(rounds))}


def _regions_job(
    regions: pd.DataFrame, snapshot: dict, language: str, ratio: str
) -> ChartJob | None:
    reg = regions[(regions["ratio"] == ratio) & regions["median"].notna()].copy()
    if reg.empty:
        return None
    rounds = sorted(int(r) for r in reg["round"].unique())
    codes = sorted(reg["region_code"].unique())
    names = {c: _region(snapshot, c, language) for c in codes}
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
    spec = snapshot["ratios"][ratio]
    title = theme.wrap(_pick(spec["label"], language, ratio), 70)
    unit = _pick(spec["unit"], language, "")
    hidden = reg[reg["pooled_suppressed"].astype(bool)]
    notes = [
        f"{_source(snapshot, language)}. "
        + ", ".join(_t(language, "round", r=r) for r in rounds)
        + "."
    ]
    parts = ", ".join(
        f"{names[r.region_code]} {int(r.round)} {int(r.n_municipalities)}/{int(r.n_in_region)}"
        f" ({r.coverage:.0f}\u00a0%)"
        for r in reg.sort_values(["region_code", "round"]).itertuples(index=False)
    )
    notes.append(_t(language, "n_regions", parts=parts))
    if len(hidden):
        notes.append(
            _t(
                language,
                "pooled_hidden",
                names=", ".join(
                    f"{names[r.region_code]} {int(r.round)}" for r in hidden.itertuples(index=False)
                ),
            )
        )
    if int(reg["suppressed_municipalities"].sum()):
        notes.append(_t(language, "suppressed", k=int(snapshot.get("min_cell", 5))))
    data = reg[["row", "round_label", "min", "max", "median", "pooled", "max_text"]].reset_index(
        drop=True
    )
    x_max = float(pd.concat([reg["max"], reg["pooled"]]).max())
    return ChartJob(
        id=f"activation_regions_{ratio}",
        family="activation_regions",
        language=language,
        title=title,
        build=build_regions,
        data=data,
        kwargs={
            "title": title,
            "subtitle": _subtitle(unit, _t(language, "regions_sub")),
            "caption": theme.footer(*notes),
            "palette": _round_palette(rounds),
            "x_max": x_max,
        },
        survey=SURVEY,
        items=(ratio,),
        rounds=tuple(rounds),
        statistic=ratio,
        suppressed_cells=int(reg["suppressed_municipalities"].sum()),
    )


# --------------------------------------------------------------------------- change


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
        element_blank,
        element_text,
        geom_point,
        geom_segment,
        geom_text,
        ggplot,
        labs,
        scale_fill_manual,
        scale_x_continuous,
    )
    from plotnine import theme as p_theme

    wide = data.pivot_table(
        index=["region", "label_text"], columns="which", values="pooled", observed=True
    ).reset_index()
    wide = wide.dropna(subset=["from", "to"])
    return (
        ggplot(data, aes(y="region"))
        + geom_segment(
            wide,
            aes(x="from", xend="to", y="region", yend="region"),
            size=1.5,
            colour="#555555",
            arrow=arrow(length=0.12, type="closed"),
        )
        + geom_point(aes(x="pooled", fill="round_label"), size=7, colour="black", stroke=0.5)
        + geom_text(wide, aes(x="to", y="region", label="label_text"), nudge_y=0.28, size=13)
        + scale_fill_manual(values=palette)
        + scale_x_continuous(limits=(0, x_max * 1.1), expand=(0, 0))
        + labs(title=title, subtitle=subtitle, caption=caption, x="", y="")
        + theme.theme_barometer()
        + p_theme(
            plot_title_position="plot",
            plot_caption_position="plot",
            panel_grid_major_y=element_blank(),
            axis_text_y=element_text(size=theme.BASE_SIZE),
        )
    )


def _change_job(
    regions: pd.DataFrame, snapshot: dict, language: str, ratio: str
) -> ChartJob | None:
    reg = regions[regions["ratio"] == ratio].copy()
    rounds = sorted(int(r) for r in reg["round"].unique())
    if len(rounds) < 2:
        return None
    a, b = rounds[-2], rounds[-1]
    reg = reg[reg["round"].isin([a, b])]
    codes = sorted(reg["region_code"].unique())
    names = [_region(snapshot, c, language) for c in codes]
    reg["region"] = pd.Categorical(
        reg["region_code"].map(lambda c: _region(snapshot, c, language)),
        categories=names[::-1],
        ordered=True,
    )
    reg["which"] = reg["round"].map({a: "from", b: "to"})
    reg["round_label"] = reg["round"].astype(int).astype(str)
    change = reg[reg["round"] == b].set_index("region_code")["pooled_change"]
    reg["label_text"] = reg["region_code"].map(
        lambda c: "" if pd.isna(change.get(c)) else f"{change.get(c):+.1f}".replace("-", "−")
    )
    shown = reg[reg["pooled"].notna()]
    if shown.empty:
        return None
    spec = snapshot["ratios"][ratio]
    title = theme.wrap(_pick(spec["label"], language, ratio), 70)
    unit = _pick(spec["unit"], language, "")
    hidden = reg[reg["pooled_suppressed"].astype(bool)]
    notes = [
        f"{_source(snapshot, language)}. "
        + ", ".join(_t(language, "round", r=r) for r in (a, b))
        + "."
    ]
    parts = ", ".join(
        f"{_region(snapshot, r.region_code, language)} {int(r.round)} "
        f"{int(r.n_municipalities)}/{int(r.n_in_region)}"
        for r in reg.sort_values(["region_code", "round"]).itertuples(index=False)
    )
    notes.append(_t(language, "n_regions", parts=parts))
    if len(hidden):
        notes.append(
            _t(
                language,
                "pooled_hidden",
                names=", ".join(
                    f"{_region(snapshot, r.region_code, language)} {int(r.round)}"
                    for r in hidden.itertuples(index=False)
                ),
            )
        )
    data = shown[["region", "round_label", "which", "pooled", "label_text"]].reset_index(drop=True)
    return ChartJob(
        id=f"activation_change_{ratio}",
        family="activation_change",
        language=language,
        title=title,
        build=build_change,
        data=data,
        kwargs={
            "title": title,
            "subtitle": _subtitle(unit, _t(language, "change_sub", a=a, b=b)),
            "caption": theme.footer(*notes),
            "palette": _round_palette([a, b]),
            "x_max": float(shown["pooled"].max()),
        },
        survey=SURVEY,
        items=(ratio,),
        rounds=(a, b),
        statistic=ratio,
        suppressed_cells=len(hidden),
    )


def plan_activation_charts(
    tables: dict[str, pd.DataFrame], snapshot: dict, language: str
) -> list[ChartJob]:
    """Every activation chart in ``language``: per ratio, one municipal chart per round, one
    region summary and one change chart. Empty tables (no activation survey) give no jobs."""
    table = tables["activation"]
    regions = tables["activation_regions"]
    if table.empty or regions.empty:
        return []
    jobs: list[ChartJob | None] = []
    for ratio in snapshot.get("ratios", {}):
        for round_ in sorted(int(r) for r in table["round"].unique()):
            jobs.append(_municipal_job(table, regions, snapshot, language, ratio, round_))
        jobs.append(_regions_job(regions, snapshot, language, ratio))
        jobs.append(_change_job(regions, snapshot, language, ratio))
    return [j for j in jobs if j is not None]
