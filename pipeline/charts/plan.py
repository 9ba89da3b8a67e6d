"""Which barometer charts to draw: every chart family for the primary design, the latest round
(all rounds for trends), in one language. Pure: published tables in, chart jobs out."""

from __future__ import annotations

import pandas as pd

from pipeline import labels
from pipeline.charts.balance import plan_balance
from pipeline.charts.base import ChartJob
from pipeline.charts.common import Context
from pipeline.charts.diverging import plan_diverging
from pipeline.charts.dots import plan_dots
from pipeline.charts.heatmap import plan_heatmap
from pipeline.charts.ranking import plan_ranking
from pipeline.charts.trend import plan_trend
from pipeline.config import Config
from pipeline.labels import Snapshot

TABLES = ("estimates", "distributions", "tests", "changes")


def context(snapshot: Snapshot, config: Config, language: str) -> Context:
    """The chart context of ``language`` (``snapshot``: the typed codebook or codebook.json)."""
    return Context(
        codebook=labels.codebook(snapshot),
        language=language,
        design=config.analyse.primary_design,
        min_cell=config.analyse.min_cell,
        share_ci=config.analyse.ci_methods[0],
        statistic=config.figures.statistic,
        max_items=config.figures.max_items_per_chart,
        confidence=config.analyse.confidence,
    )


def plan_barometer_charts(
    tables: dict[str, pd.DataFrame], snapshot: Snapshot, config: Config, language: str
) -> list[ChartJob]:
    """Chart jobs of one language, in a stable order (family, then codebook order)."""
    ctx = context(snapshot, config, language)
    estimates = tables["estimates"]
    primary = estimates[estimates["design"] == ctx.design]
    if primary.empty:
        return []
    latest = int(primary["round"].max())
    return [
        *plan_diverging(tables, ctx, latest),
        *plan_dots(tables, ctx, latest),
        *plan_ranking(tables, ctx, latest),
        *plan_balance(tables, ctx, latest),
        *plan_trend(tables, ctx),
        *plan_heatmap(tables, ctx, latest, config.figures.heatmap_items),
    ]
