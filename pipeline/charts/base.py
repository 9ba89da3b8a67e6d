"""What a chart is between planning and rendering.

A chart module *plans* charts: it turns the published tables into :class:`ChartJob` objects,
each holding the tidy data of one chart and a module-level ``build`` function that turns that
data into a plotnine ``ggplot``. The figures stage renders the jobs in worker processes (the
job must therefore pickle: ``build`` is a module-level function, ``data`` a DataFrame) and
writes ``reports/figures/manifest.json`` from :meth:`ChartJob.manifest_entry`, which the packs
stage reads to assemble PDF handouts, decks and findings.

Charts only read published tables (estimates, distributions, tests, changes, activation
tables), in which suppression has already been applied: a chart can never show a value that
the statistics stage suppressed."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipeline.config import CHART_FAMILIES

# Chart families (declared with the params they are validated against). The packs stage
# writes its findings per family.
FAMILIES = CHART_FAMILIES


@dataclass(frozen=True)
class ChartJob:
    id: str  # file stem, unique within a language: "diverging_wb_children_2017"
    family: str  # one of FAMILIES
    language: str  # fi | sv | en
    title: str  # the chart's title as printed on it (packs reuse it for slides and pages)
    build: Callable[..., Any]  # module-level: build(data, **kwargs) -> plotnine.ggplot
    data: pd.DataFrame
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    survey: str = "barometer"  # barometer | activation
    theme: str = ""  # codebook theme of the items ("" where none)
    items: tuple[str, ...] = ()  # barometer item ids or activation ratio ids shown
    rounds: tuple[int, ...] = ()  # rounds shown
    statistic: str = ""  # mean | top2_share | balance | distribution | ratio id ...
    suppressed_cells: int = 0  # cells left out or marked "<k" on this chart

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"unknown chart family {self.family!r}")

    @property
    def png(self) -> str:
        """Slide-size PNG, relative to the figures folder."""
        return f"{self.language}/{self.id}.png"

    @property
    def png_print(self) -> str:
        """Print-resolution PNG of the same figure, relative to the figures folder."""
        return f"{self.language}/print/{self.id}.png"

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "language": self.language,
            "survey": self.survey,
            "title": self.title,
            "theme": self.theme,
            "items": list(self.items),
            "rounds": list(self.rounds),
            "statistic": self.statistic,
            "suppressed_cells": self.suppressed_cells,
            "png": self.png,
            "png_print": self.png_print,
        }


# cell keys kept in every chart's data (tests and the packs trace a drawn value back by them)
KEYS = ("round", "item", "statistic", "region_code", "group_code", "n")


def slim(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Only ``columns`` (plus the cell keys), with plain object strings: plotnine deep-copies
    and re-indexes the data of every layer, so a narrow frame draws noticeably faster."""
    wanted = list(dict.fromkeys([*KEYS, *columns]))
    out = frame.loc[:, [c for c in wanted if c in frame.columns]].reset_index(drop=True)
    strings = {
        c: object
        for c in out.columns
        if pd.api.types.is_string_dtype(out[c])
        and not isinstance(out[c].dtype, pd.CategoricalDtype)
    }
    return out.astype(strings)


@dataclass(frozen=True)
class Shows:
    """What a chart shows, as the manifest records it (packs pick charts and write findings
    by it)."""

    items: tuple[str, ...]  # barometer item ids or activation ratio ids
    rounds: tuple[int, ...]
    statistic: str  # mean | top2_share | balance | distribution | ratio id ...
    suppressed: int = 0  # cells left out or marked "<k"
    theme: str = ""  # codebook theme of the items ("" where none)


@dataclass(frozen=True)
class Family:
    """A chart family: its name (also the prefix of its chart ids), the module-level function
    that draws its charts, and the data columns that function reads (None: all)."""

    name: str
    build: Callable[..., Any]
    columns: Sequence[str] | None = None
    survey: str = "barometer"

    def job(
        self, key: str, language: str, data: pd.DataFrame, kwargs: Mapping[str, Any], shows: Shows
    ) -> ChartJob:
        """The chart ``<family>_<key>``: the title is the one drawn (``kwargs["title"]``), the
        data is cut to the family's columns and the cell keys."""
        return ChartJob(
            id=f"{self.name}_{key}",
            family=self.name,
            language=language,
            title=kwargs["title"],
            build=self.build,
            data=slim(data, self.columns)
            if self.columns is not None
            else data.reset_index(drop=True),
            kwargs=kwargs,
            survey=self.survey,
            theme=shows.theme,
            items=tuple(shows.items),
            rounds=tuple(int(r) for r in shows.rounds),
            statistic=shows.statistic,
            suppressed_cells=int(shows.suppressed),
        )
