"""The one chart theme of the project: sizes, fonts, colour-blind-safe palettes, wrapping and
the footer every chart carries. Every chart module builds on these, so a facilitator sees one
visual language across the barometer and the activation survey."""

from __future__ import annotations

import textwrap

# Okabe & Ito (2008), safe for the common colour-vision deficiencies. "All regions" is black.
OKABE_ITO = (
    "#000000",  # black
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (light: use for fills only, never for text or thin lines)
)
# Colours for regions in their sorted code order; ALL is black. With more regions than this
# palette holds, charts fall back to facets or a single colour (never to a rainbow).
REGION_COLOURS = OKABE_ITO[1:7]
ALL_COLOUR = OKABE_ITO[0]

# Diverging scale for 1..k ordered answers (ColorBrewer PuOr, colour-blind safe), the neutral
# middle category in grey as in gglikert. Negative answers orange/brown, positive purple.
NEGATIVE = ("#B35806", "#F1A340")
NEUTRAL = "#BDBDBD"
POSITIVE = ("#998EC3", "#542788")
DONT_KNOW = "#E0E0E0"
# Longer diverging scales (7 points, or 3 categories on a side): ColorBrewer PuOr, outer first.
NEGATIVE_3 = ("#B35806", "#E08214", "#FDB863")
POSITIVE_3 = ("#B2ABD2", "#8073AC", "#542788")
SINGLE_NEGATIVE = "#E08214"  # a side with one category (change items: worsened)
SINGLE_POSITIVE = "#8073AC"  # (change items: improved)
OTHER_REGION = "#8C8C8C"  # regions when there are more of them than colours
# Sequential, colour-blind safe (viridis end points trimmed so text stays readable on cells).
SEQUENTIAL = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
SUPPRESSED_FILL = "#F0F0F0"

# Slide charts: 16:9, drawn so that 16-pt text is readable at the back of a room at 1280x720
# (resolutions: figures.dpi and figures.print_dpi in params).
SLIDE_SIZE = (13.33, 7.5)  # inches
BASE_SIZE = 16
FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib: the same glyphs (ä, ö, å, –) everywhere
WRAP_LABEL = 28  # characters per line of an item label on an axis
WRAP_FOOTER = 130  # characters per line of the footer at slide size
WRAP_SUBTITLE = 100  # characters per line of a subtitle
WRAP_TITLE = 62  # characters per line of a title


def wrap(text: str, width: int = WRAP_LABEL) -> str:
    """Wrap ``text`` on word boundaries (long Finnish compounds stay whole)."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False)) or str(text)


def footer(*parts: str, width: int = WRAP_FOOTER) -> str:
    """Join the non-empty footer parts (question, n, source and round, suppression note) into
    the wrapped caption under a chart."""
    lines: list[str] = []
    for part in parts:
        if part:
            lines.extend(textwrap.wrap(part, width, break_long_words=False))
    return "\n".join(lines)


def theme_barometer(base_size: int = BASE_SIZE, figure_size: tuple[float, float] = SLIDE_SIZE):
    """plotnine theme: minimal, large text, horizontal grid only where values are read."""
    from plotnine import element_blank, element_line, element_text, theme, theme_minimal

    return theme_minimal(base_size=base_size, base_family=FONT_FAMILY) + theme(
        figure_size=figure_size,
        legend_position="top",
        legend_title=element_blank(),
        legend_text=element_text(size=base_size - 1),
        axis_text=element_text(size=base_size - 1, colour="#222222"),
        axis_title=element_text(size=base_size - 1),
        panel_grid_minor=element_blank(),
        panel_grid_major=element_line(colour="#DDDDDD", size=0.5),
        plot_title=element_text(size=base_size + 5, weight="bold", ha="left"),
        plot_subtitle=element_text(size=base_size, ha="left", colour="#333333"),
        plot_caption=element_text(size=base_size - 5, ha="left", colour="#333333"),
        strip_text=element_text(size=base_size, weight="bold"),
        plot_title_position="plot",  # title and footer start at the figure's edge: more room
        plot_caption_position="plot",
    )
