"""The analyse core: responses + codebook + analyse config -> every published table.

One entry point, :func:`analyse`. Per round it pivots the responses once
(:func:`~pipeline.stats.rounds.split_rounds`), prepares each design once
(:func:`~pipeline.stats.design.prepare_design`) and hands the prepared design to the
estimates, the tests and (primary design) the distributions. Then it derives the changes
between rounds, adjusts p-values, applies all suppression (``suppression.py``) and builds the
trend table and the metrics. It reads no file and no params: the stage does that.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.errors import UserError
from pipeline.stats.change_table import changes
from pipeline.stats.design import prepare_design
from pipeline.stats.distributions import distributions
from pipeline.stats.estimates import estimate_prepared
from pipeline.stats.multiplicity import CHANGE_FAMILY, adjust_pvalues
from pipeline.stats.rounds import RoundData, split_rounds
from pipeline.stats.suppression import suppress, suppress_changes, suppress_distributions
from pipeline.stats.tests import test_prepared
from pipeline.stats.types import ALL, DesignSpec

if TYPE_CHECKING:
    from pipeline.codebook import Codebook
    from pipeline.config import AnalyseConfig

ESTIMATE_COLUMNS = [
    "survey",
    "design",
    "round",
    "item",
    "statistic",
    "ci_method",
    "region_code",
    "group_code",
    "n",
    "estimate",
    "se",
    "ci_low",
    "ci_high",
]
TEST_COLUMNS = ["survey", "design", "round", "item", "test", "statistic", "df1", "df2", "p_value"]
SIGNIFICANCE = 0.05  # adjusted p-values below this count as significant in the metrics


class PhaseTimer:
    """Wall seconds per phase of the core, summed over rounds and designs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, phase: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[phase] = self.seconds.get(phase, 0.0) + time.perf_counter() - t0


@dataclass(frozen=True)
class AnalysisResult:
    """Every table of the analyse stage, the metrics and the core's phase timings."""

    estimates: pd.DataFrame
    distributions: pd.DataFrame
    tests: pd.DataFrame
    changes: pd.DataFrame
    trend: pd.DataFrame
    metrics: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)
    rounds: tuple[int, ...] = ()


def analyse(
    responses: pd.DataFrame,
    codebook: Codebook,
    config: AnalyseConfig,
    population: pd.DataFrame,
    population_file: str = "population.csv",
) -> AnalysisResult:
    """Estimates, distributions, tests, changes, trend table and metrics of one survey.

    ``population`` holds the counts per round x region x group (columns ``round``,
    ``region_code``, ``group_code``, ``N``) for designs with FPC or calibration;
    ``population_file`` is named in errors about it."""
    timer = PhaseTimer()
    survey = codebook.survey
    items = codebook.item_scales()
    with timer("split rounds"):
        rounds = split_rounds(responses, list(codebook.items))
    est_parts, test_parts, dist_parts = [], [], []
    for data in rounds:
        pop = population[population["round"] == data.round].drop(columns="round")
        round_items = {i: items[i] for i in data.codes.columns}
        for design in config.designs:
            check_population(pop, data, design, survey, population_file)
            with timer("prepare designs"):
                prep = prepare_design(data.respondents, design, pop if not pop.empty else None)
            with timer("estimates"):
                est = estimate_prepared(
                    prep,
                    data.respondents,
                    data.codes,
                    data.status,
                    round_items,
                    config.ci_methods,
                    config.confidence,
                )
            est_parts.append(est.assign(round=data.round))
            with timer("tests"):
                tst = test_prepared(prep, data.respondents, data.codes, data.status, round_items)
            test_parts.append(tst[tst["test"].isin(config.tests)].assign(round=data.round))
            if design.name == config.primary_design:
                with timer("distributions"):
                    dist_parts.append(distributions(data, prep.weights, round_items, design.name))
    estimates = _order(
        pd.concat(est_parts, ignore_index=True).assign(survey=survey), ESTIMATE_COLUMNS
    )
    with timer("tests"):
        tests = adjust_pvalues(
            _order(pd.concat(test_parts, ignore_index=True).assign(survey=survey), TEST_COLUMNS)
        )
    with timer("changes"):
        change_table = changes(estimates, config.confidence, config.changes).assign(survey=survey)
    with timer("suppression"):
        estimates = suppress(estimates, config.min_cell)
        change_table = suppress_changes(change_table, estimates)
    with timer("changes"):
        change_table = adjust_pvalues(change_table, CHANGE_FAMILY)
        change_table = _order(change_table, list(change_table.columns[:-2]) + ["p_adjusted"])
        dists = suppress_distributions(
            pd.concat(dist_parts, ignore_index=True).assign(survey=survey),
            estimates,
            config.min_cell,
        )
    trend = trend_table(estimates, config.primary_design)
    return AnalysisResult(
        estimates=estimates,
        distributions=dists,
        tests=tests,
        changes=change_table,
        trend=trend,
        metrics=analysis_metrics(estimates, tests, change_table, config),
        timings=timer.seconds,
        rounds=tuple(r.round for r in rounds),
    )


def check_population(
    population: pd.DataFrame, data: RoundData, design: DesignSpec, survey: str, where: str
) -> None:
    """Designs with FPC or calibration need a population count for every stratum/cell."""
    if not design.fpc and design.calibration == "none":
        return
    use = "fpc" if design.fpc else "margins"
    if population.empty:
        raise UserError(
            where,
            f"survey {survey}, round {data.round}",
            f"no population counts, but design '{design.name}' needs them "
            f"(designs.{design.name}.{use})",
            "add the counts per region and group, or use another design",
        )
    have = set(zip(population["region_code"], population["group_code"], strict=True))
    cells = data.respondents[["region_code", "group_code"]].drop_duplicates()
    for r, g in cells.itertuples(index=False):
        if (r, g) not in have:
            raise UserError(
                where,
                f"survey {survey}, round {data.round}, region {r}, group {g}",
                f"no population count for a stratum that has respondents "
                f"(needed by designs.{design.name}.{use})",
                "add the row to population.csv",
            )


def trend_table(estimates: pd.DataFrame, design: str) -> pd.DataFrame:
    """Mean of the rating-item means per round and region (columns ALL, 14, ...) for
    `dvc plots show`; suppressed cells are left out of the average."""
    est = estimates[
        (estimates["design"] == design)
        & (estimates["statistic"] == "mean")
        & (estimates["group_code"] == ALL)
        & ~estimates["suppressed"]
    ]
    wide = est.pivot_table(index="round", columns="region_code", values="estimate", aggfunc="mean")
    cols = ["ALL"] + sorted(c for c in wide.columns if c != "ALL")
    return wide[cols].round(4).reset_index().rename_axis(columns=None)


def _order(df: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    return df[first + [c for c in df.columns if c not in first]]


def analysis_metrics(
    estimates: pd.DataFrame, tests: pd.DataFrame, change_table: pd.DataFrame, cfg: AnalyseConfig
) -> dict[str, Any]:
    primary = estimates[estimates["design"] == cfg.primary_design]
    sig = tests[tests["p_adjusted"] < SIGNIFICANCE]
    return {
        "designs": [d.name for d in cfg.designs],
        "min_cell": cfg.min_cell,
        "estimates": len(estimates),
        "suppressed_cells": int(primary["suppressed"].sum()),
        "suppressed_primary": int((primary["suppression"] == "primary").sum()),
        "suppressed_secondary": int((primary["suppression"] == "secondary").sum()),
        "tests": len(tests),
        "significant_after_bh": {
            f"{d}/{t}": int(n) for (d, t), n in sig.groupby(["design", "test"]).size().items()
        },
        "changes": len(change_table),
        "changes_significant": int((change_table["p_adjusted"] < SIGNIFICANCE).sum()),
    }
