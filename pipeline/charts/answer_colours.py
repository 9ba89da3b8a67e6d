"""The answer categories of an item's scale as the diverging charts draw them: left to right
(negative answers left, positive right, the neutral middle grey), with the colour-blind-safe
fills of :mod:`pipeline.charts.theme` and a readable text colour on each fill."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.charts import theme
from pipeline.charts.common import Context


def category_sides(ctx: Context, item: str) -> pd.DataFrame:
    """Valid codes of ``item``'s scale left to right with their side (-1, 0, +1), distance from
    the centre (1 = next to it), label and colour."""
    scale = ctx.scale(item)
    codes = sorted(scale.valid_codes)
    if scale.kind == "change":
        worse, better = set(scale.negative), set(scale.positive)
        order = (
            [c for c in codes if c in worse]
            + [c for c in codes if c not in worse | better]
            + [c for c in codes if c in better]
        )
        side = [(-1 if c in worse else 1 if c in better else 0) for c in order]
    else:
        top, bottom = scale.top, scale.bottom
        order = codes[::-1] if top and bottom and min(top) < min(bottom) else codes
        centre = (len(order) - 1) / 2
        side = [int(np.sign(p - centre)) for p in range(len(order))]
    frame = pd.DataFrame({"code": order, "side": side})
    frame["pos"] = np.arange(len(frame))
    frame["label"] = [ctx.code_label(item, c) for c in order]
    frame["colour"] = _colours(frame["side"])
    return frame


def _colours(side: pd.Series) -> list[str]:
    n_neg, n_pos = int((side < 0).sum()), int((side > 0).sum())
    neg = _side_colours(n_neg, theme.NEGATIVE, theme.NEGATIVE_3, theme.SINGLE_NEGATIVE)
    pos = _side_colours(n_pos, theme.POSITIVE, theme.POSITIVE_3, theme.SINGLE_POSITIVE)
    return neg + [theme.NEUTRAL] * int((side == 0).sum()) + pos


def _side_colours(k: int, two: tuple[str, ...], three: tuple[str, ...], one: str) -> list[str]:
    if k == 0:
        return []
    if k == 1:
        return [one]
    if k == 2:
        return list(two)
    if k == 3:
        return list(three)
    # more than 3 on a side: interpolate the 3-colour ramp
    from matplotlib.colors import LinearSegmentedColormap, to_hex

    cmap = LinearSegmentedColormap.from_list("side", list(three))
    return [to_hex(cmap(x)) for x in np.linspace(0, 1, k)]


def text_colour(fill: pd.Series) -> pd.Series:
    """Black or white text, whichever reads better on each hex fill (WCAG luminance)."""
    rgb = np.array([[int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)] for h in fill])
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = lin @ np.array([0.2126, 0.7152, 0.0722])
    return pd.Series(np.where(lum < 0.28, "#FFFFFF", "#111111"), index=fill.index)
