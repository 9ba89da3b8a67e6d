"""Charts of the activation-resource survey, one module per family:
:mod:`.municipalities` (``activation_municipalities``), :mod:`.regions` (``activation_regions``)
and :mod:`.change` (``activation_change``).

Only the published tables are read (``activation``, ``activation_regions``), in which small
client counts are already hidden. Labels come from the stage's snapshot
(data/processed/activation_codebook.json)."""

from __future__ import annotations

import pandas as pd

from pipeline.charts.activation.change import change_job
from pipeline.charts.activation.municipalities import municipal_job
from pipeline.charts.activation.regions import regions_job
from pipeline.charts.base import ChartJob


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
            jobs.append(municipal_job(table, regions, snapshot, language, ratio, round_))
        jobs.append(regions_job(regions, snapshot, language, ratio))
        jobs.append(change_job(regions, snapshot, language, ratio))
    return [j for j in jobs if j is not None]
