"""The figures stage's own PNG writer (pipeline/charts/png.py) and its faster geoms
(pipeline/charts/geoms.py) must not change a pixel: decoded with Pillow, the files equal what
matplotlib's and plotnine's own paths draw."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from pipeline.charts.png import encode_rgba, figure_pixels, figure_png

matplotlib.use("Agg")


def decode(data: bytes) -> tuple[np.ndarray, dict]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.mode == "RGBA"
        return np.asarray(image), dict(image.info)


def pillow_png(pixels: np.ndarray, dpi: float) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels, "RGBA").save(buffer, format="png", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_encoded_png_decodes_to_the_same_pixels_and_dpi_as_pillow_writes() -> None:
    rng = np.random.default_rng(14)
    pixels = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    pixels[:10] = 255  # flat rows, as on a chart's white margins
    pixels[20, :, 3] = 0  # transparent pixels keep their colour values
    for dpi in (60, 72, 150, 200):
        ours, info = decode(encode_rgba(pixels, dpi))
        theirs, their_info = decode(pillow_png(pixels, dpi))
        assert np.array_equal(ours, pixels)
        assert np.array_equal(ours, theirs)
        assert info["dpi"] == their_info["dpi"]
        assert set(info) == {"dpi"}  # no text chunks: nothing that changes between runs


def test_encoding_is_deterministic_and_compresses() -> None:
    pixels = np.full((400, 600, 4), 255, np.uint8)
    pixels[100:300, 50:550, :3] = (84, 39, 136)
    first, second = encode_rgba(pixels, 150), encode_rgba(pixels, 150)
    assert first == second
    assert len(first) < pixels.nbytes / 50


@pytest.mark.parametrize("shape", [(10, 10), (10, 10, 3), (10, 10, 4, 1)])
def test_encoder_refuses_anything_but_rgba(shape) -> None:
    with pytest.raises(ValueError, match="height x width x 4"):
        encode_rgba(np.zeros(shape, np.uint8), 72)


def test_figure_png_has_the_pixels_of_savefig_png() -> None:
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(13.33, 7.5))  # the slide size: 1999 px wide at 150 dpi
    ax.plot([1, 3, 2], color="#542788", linewidth=2)
    ax.set_title("Hyvinvointi – välfärd – å ä ö", fontfamily="DejaVu Sans")
    ax.text(1.5, 2.5, "12 %", fontsize=13, fontweight="bold")
    try:
        for dpi in (72, 150, 200):
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
            theirs, their_info = decode(buffer.getvalue())
            ours, info = decode(figure_png(figure, dpi))
            assert ours.shape == theirs.shape
            assert np.array_equal(ours, theirs)
            assert info["dpi"] == their_info["dpi"]
            assert np.array_equal(figure_pixels(figure, dpi), theirs)
    finally:
        plt.close(figure)


def pointrange_rows() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    regions = [f"Region {k}" for k in range(12)]
    rows = pd.DataFrame(
        [(item, region) for item in ("a", "b", "c") for region in regions],
        columns=["item", "region"],
    )
    rows["region"] = pd.Categorical(rows["region"], categories=regions[::-1], ordered=True)
    rows["estimate"] = rng.uniform(2, 4, len(rows))
    rows["ci_low"] = rows["estimate"] - rng.uniform(0.1, 0.5, len(rows))
    rows["ci_high"] = rows["estimate"] + rng.uniform(0.1, 0.5, len(rows))
    rows["kind"] = np.where(rows["region"] == "Region 0", "all", "region")
    return rows


def test_pointrange_draws_the_pixels_of_geom_pointrange() -> None:
    import matplotlib.pyplot as plt
    from plotnine import aes, coord_flip, facet_wrap, geom_pointrange, ggplot, theme

    from pipeline.charts.geoms import PointRange

    rows = pointrange_rows()

    def picture(geom) -> np.ndarray:
        plot = ggplot(rows, aes(x="region", y="estimate", colour="kind")) + [
            geom(aes(ymin="ci_low", ymax="ci_high"), size=0.6, fatten=2.5),
            coord_flip(),
            facet_wrap("item", ncol=3),
            theme(figure_size=(8, 5)),
        ]
        figure = plot.draw()
        try:
            return figure_pixels(figure, 72)
        finally:
            plt.close(figure)

    theirs = picture(geom_pointrange)
    assert (theirs[..., :3] != 255).any()  # something was drawn
    assert np.array_equal(picture(PointRange), theirs)
