"""The published tables a pack reads, narrowed to the primary design, and the typed result of
the findings: :class:`Finding` (a sentence with a stable key) and :class:`Number` (one printed
number and the table cell it comes from). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from pipeline import labels
from pipeline.codebook import Codebook
from pipeline.errors import UserError
from pipeline.labels import Snapshot
from pipeline.stats.types import ALL

ESTIMATE_KEY = ["item", "round", "statistic", "region_code", "group_code"]


@dataclass(frozen=True)
class Number:
    """One number in a finding and where it comes from."""

    text: str  # as printed
    value: float
    table: str  # estimates | changes | activation_regions
    item: str
    round: int
    statistic: str
    region: str
    group: str = ALL


@dataclass(frozen=True)
class Finding:
    """One sentence under a chart.

    ``key`` is stable across runs and languages and unique within its chart (so ``(chart id,
    key)`` names a finding in a pack): ``<kind>`` or ``<kind>:<item>[:<region>]`` (e.g.
    ``region_difference:wb_a``, ``trend:wb_a:14``, ``no_data``). ``numbers`` are every number
    the text prints, in the order printed."""

    key: str
    text: str
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class Tables:
    """The published tables a pack reads, narrowed to the primary design."""

    codebook: Codebook
    estimates: pd.DataFrame  # indexed by ESTIMATE_KEY
    tests: pd.DataFrame
    changes: pd.DataFrame  # respondent group ALL; with round_from, round_to, p_adjusted
    design: str
    min_cell: int
    activation_regions: pd.DataFrame | None = None
    activation_snapshot: Mapping[str, Any] | None = None
    confidence: float = 0.95  # analyse.confidence (printed with the intervals)

    @property
    def activation_min_cell(self) -> int:
        return int((self.activation_snapshot or {}).get("min_cell", self.min_cell))

    @property
    def regions(self) -> list[str]:
        return sorted(self.codebook.regions)

    @property
    def rounds(self) -> list[int]:
        return self.codebook.rounds()

    def kind(self, item: str) -> str:
        return self.codebook.kind(item)

    def estimate(
        self, item: str, rnd: int, statistic: str, region: str, group: str = ALL
    ) -> float | None:
        """The published estimate, or None when suppressed or absent."""
        cell = self.estimate_cell(item, rnd, statistic, region, group)
        if cell is None:
            return None
        value, _, suppressed = cell
        # a suppressed row gives nothing, even if a value were left in the table by mistake
        if bool(suppressed) or not np.isfinite(value):
            return None
        return float(value)

    def estimate_cell(
        self, item: str, rnd: int, statistic: str, region: str, group: str = ALL
    ) -> tuple[Any, Any, Any] | None:
        """``(estimate, n, suppressed)`` of one ``estimates`` row as stored (None when there
        is no row); callers decide what a suppressed or missing value shows."""
        return self._estimate_cells.get((item, rnd, statistic, region, group))

    def item_rounds(self, item: str, statistic: str) -> list[int]:
        """The rounds in which ``item`` has rows of ``statistic`` (an item may be missing from
        some rounds)."""
        return list(self._item_rounds.get((item, statistic), ()))

    def asked(self, item: str, rnd: int) -> bool:
        """Whether ``item`` has any estimate in round ``rnd`` (items come and go)."""
        return (item, rnd) in self._asked

    def p_adjusted(self, item: str, rnd: int, test: str) -> float | None:
        p = self._p_adjusted.get((item, rnd, test))
        if p is None or not np.isfinite(p):
            return None
        return float(p)

    def change(
        self, item: str, statistic: str, region: str, r_from: int, r_to: int
    ) -> Mapping[str, Any] | None:
        """The published ``changes`` row of one span (None when absent or suppressed)."""
        row = self.change_row(item, statistic, region, r_from, r_to)
        return None if row is None or bool(row["suppressed"]) else row

    def change_row(
        self, item: str, statistic: str, region: str, r_from: int, r_to: int
    ) -> Mapping[str, Any] | None:
        """The ``changes`` row of one span (column -> value), suppressed or not (None when
        absent)."""
        position = self._change_positions.get((item, statistic, region, int(r_from), int(r_to)))
        if position is None:
            return None
        return {name: values[position] for name, values in self._change_columns.items()}

    def activation_row(self, ratio: str, rnd: int, region: str) -> Mapping[str, Any] | None:
        """The first ``activation_regions`` row of a ratio, round and region (column -> value),
        or None."""
        position = self._activation_positions.get((ratio, rnd, region))
        if position is None:
            return None
        return {name: values[position] for name, values in self._activation_columns.items()}

    def warm(self) -> None:
        """Build the lookups now (before worker processes are forked, so they share them)."""
        for name in LOOKUPS:
            getattr(self, name)

    # The lookups below are built once per Tables from whole columns. Packs, workbooks and the
    # site look up tens of thousands of single cells; a pandas .loc / boolean mask per cell
    # made the packs and site stages spend most of their time in pandas indexing.

    @cached_property
    def _estimate_cells(self) -> dict[tuple[str, int, str, str, str], tuple[Any, Any, Any]]:
        est = self.estimates
        keys = zip(*(_level(est.index, name) for name in ESTIMATE_KEY), strict=True)
        cells = zip(
            est["estimate"].tolist(), est["n"].tolist(), est["suppressed"].tolist(), strict=True
        )
        out: dict[tuple[str, int, str, str, str], tuple[Any, Any, Any]] = {}
        for key, cell in zip(keys, cells, strict=True):
            out.setdefault(key, cell)  # first row of a key, as .loc on a unique index
        return out

    @cached_property
    def _item_rounds(self) -> dict[tuple[str, str], tuple[int, ...]]:
        idx = self.estimates.index
        found: dict[tuple[str, str], set[int]] = {}
        for item, rnd, stat in zip(
            _level(idx, "item"), _level(idx, "round"), _level(idx, "statistic"), strict=True
        ):
            found.setdefault((item, stat), set()).add(int(rnd))
        return {key: tuple(sorted(rounds)) for key, rounds in found.items()}

    @cached_property
    def _asked(self) -> frozenset[tuple[str, int]]:
        idx = self.estimates.index
        return frozenset(zip(_level(idx, "item"), _level(idx, "round"), strict=True))

    @cached_property
    def _p_adjusted(self) -> dict[tuple[str, int, str], float]:
        t = self.tests
        out: dict[tuple[str, int, str], float] = {}
        keys = zip(t["item"].tolist(), t["round"].tolist(), t["test"].tolist(), strict=True)
        for key, p in zip(keys, t["p_adjusted"].tolist(), strict=True):
            out.setdefault(key, p)  # the first matching row, as before
        return out

    @cached_property
    def _change_columns(self) -> dict[str, list[Any]]:
        return {str(name): self.changes[name].tolist() for name in self.changes.columns}

    @cached_property
    def _change_positions(self) -> dict[tuple[str, str, str, int, int], int]:
        """Row position of the first ``changes`` row of each span."""
        c = self.changes
        keys = zip(
            c["item"].astype(str),
            c["statistic"].astype(str),
            c["region_code"].astype(str),
            c["round_from"].astype(int),
            c["round_to"].astype(int),
            strict=True,
        )
        return _first_positions(keys)

    @cached_property
    def _activation_columns(self) -> dict[str, list[Any]]:
        act = self.activation_regions
        return {} if act is None else {str(c): act[c].tolist() for c in act.columns}

    @cached_property
    def _activation_positions(self) -> dict[tuple[str, int, str], int]:
        act = self.activation_regions
        if act is None or act.empty:
            return {}
        keys = zip(
            act["ratio"].astype(str),
            act["round"].astype(int),
            act["region_code"].astype(str),
            strict=True,
        )
        return _first_positions(keys)


def _first_positions(keys: Any) -> dict[Any, int]:
    positions: dict[Any, int] = {}
    for position, key in enumerate(keys):
        positions.setdefault(key, position)
    return positions


def _level(index: pd.Index, name: str) -> list[Any]:
    """One level of the estimates index as Python values (str, or int for the round)."""
    values = index.get_level_values(name)
    if name == "round":
        return [int(v) for v in values.tolist()]
    return [str(v) for v in values.tolist()]


LOOKUPS = (
    "_estimate_cells",
    "_item_rounds",
    "_asked",
    "_p_adjusted",
    "_change_columns",
    "_change_positions",
    "_activation_columns",
    "_activation_positions",
)
CHANGE_COLUMNS = ("round_from", "round_to", "p_adjusted")


def prepare_tables(
    estimates: pd.DataFrame,
    tests: pd.DataFrame,
    changes: pd.DataFrame,
    snapshot: Snapshot,
    design: str,
    ci_method: str,
    min_cell: int,
    activation_regions: pd.DataFrame | None = None,
    activation_snapshot: Mapping[str, Any] | None = None,
    confidence: float = 0.95,
) -> Tables:
    """Narrow the tables to ``design`` (shares with ``ci_method``; the estimate itself does not
    depend on it); ``snapshot`` is the typed codebook or its codebook.json.

    The change p-values are read as the analyse stage adjusted them
    (``changes.p_adjusted``); nothing here adjusts them again."""
    missing = [c for c in CHANGE_COLUMNS if c not in changes.columns]
    if missing:
        raise UserError(
            "changes",
            ", ".join(missing),
            "the changes table has no such column (written by an older analyse stage)",
            "rerun `barometer analyse` (or `dvc repro`)",
        )
    est = estimates[
        (estimates["design"] == design) & estimates["ci_method"].isin(["normal", ci_method])
    ]
    est = est.drop_duplicates(ESTIMATE_KEY).set_index(ESTIMATE_KEY).sort_index()
    tst = tests[tests["design"] == design].reset_index(drop=True)
    chg = changes[(changes["design"] == design) & (changes["group_code"] == ALL)]
    return Tables(
        labels.codebook(snapshot),
        est,
        tst,
        chg.reset_index(drop=True),
        design,
        min_cell,
        activation_regions,
        activation_snapshot,
        confidence,
    )
