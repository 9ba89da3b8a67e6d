"""What the activation charts share: names from the activation codebook snapshot
(data/processed/activation_codebook.json), the subtitle and palettes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pipeline.charts import theme
from pipeline.codebook import Text
from pipeline.i18n import t

SURVEY = "activation"
SUBTITLE_WIDTH = 95
TITLE_WIDTH = 70
EXCLUDED_FLAGS = ("out_of_range", "fte_gt_residents")  # left out of the region figures
NBSP = "\u00a0"


def pick(texts: dict[str, str] | None, language: str, fallback: str) -> str:
    """A name of the activation snapshot in ``language`` (else Finnish, else ``fallback``)."""
    return Text.from_dict(texts).pick(language, fallback) if texts else fallback


def region(snapshot: dict, code: str, language: str) -> str:
    return pick(snapshot.get("regions", {}).get(code), language, code)


def municipality(snapshot: dict, code: str, language: str) -> str:
    texts = snapshot.get("municipalities", {}).get(code, {})
    # Municipality names exist in Finnish and Swedish; English uses the Finnish name.
    return pick({"fi": texts.get("fi", code), "sv": texts.get("sv", "")}, language, code)


def municipality_names(snapshot: dict, codes: pd.Series, language: str) -> str:
    return ", ".join(sorted(municipality(snapshot, c, language) for c in codes))


def ratio_title(snapshot: dict, ratio: str, language: str) -> tuple[str, str]:
    """The ratio's label (wrapped for a title) and its unit."""
    spec = snapshot["ratios"][ratio]
    label = pick(spec["label"], language, ratio)
    return theme.wrap(label, TITLE_WIDTH), pick(spec["unit"], language, "")


def subtitle(unit: str, text: str) -> str:
    return theme.footer(f"{unit.rstrip('.')} · {text}" if unit else text, width=SUBTITLE_WIDTH)


def source(snapshot: dict, language: str) -> str:
    return pick(snapshot.get("source"), language, "")


def palette(codes: list[str]) -> dict[str, str]:
    """Region code -> colour (Okabe-Ito, code order)."""
    colours = theme.REGION_COLOURS
    return {c: colours[i % len(colours)] for i, c in enumerate(sorted(codes))}


def round_palette(rounds: list[int]) -> dict[str, str]:
    """Round (as text) -> colour: sky blue, blue, orange, purple (Okabe-Ito)."""
    colours = (theme.OKABE_ITO[2], theme.OKABE_ITO[4], theme.OKABE_ITO[1], theme.OKABE_ITO[6])
    return {str(r): colours[i % len(colours)] for i, r in enumerate(sorted(rounds))}


def light_grid():  # -> plotnine.element_line
    from plotnine import element_line

    return element_line(colour="#EEEEEE", size=0.4)


def region_rows_look(title: str, subtitle: str, caption: str) -> list:  # plotnine components
    """Texts, theme and y axis of the charts with one row per region (or region x round)."""
    from plotnine import element_blank, element_text, labs
    from plotnine import theme as p_theme

    return [
        labs(title=title, subtitle=subtitle, caption=caption, x="", y=""),
        theme.theme_barometer(),
        p_theme(
            plot_title_position="plot",
            plot_caption_position="plot",
            panel_grid_major_y=element_blank(),
            axis_text_y=element_text(size=theme.BASE_SIZE),
        ),
    ]


def region_notes(
    snapshot: dict, language: str, rounds: Sequence[int], counts: str, hidden: pd.DataFrame
) -> list[str]:
    """Footer lines of the region charts: source and rounds, the answering municipalities per
    region and round (``counts``), and the regions whose pooled ratio is hidden."""
    rounds_text = ", ".join(t("charts.round", language, round=r) for r in rounds)
    notes = [f"{source(snapshot, language)}. {rounds_text}."]
    notes.append(t("charts.activation_n_regions", language, parts=counts))
    if len(hidden):
        names = ", ".join(
            f"{region(snapshot, r.region_code, language)} {int(r.round)}"
            for r in hidden.itertuples(index=False)
        )
        notes.append(t("charts.activation_pooled_hidden", language, names=names))
    return notes
