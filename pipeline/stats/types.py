"""Typed inputs of the statistics core: item scales and estimation designs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ALL = "ALL"  # region_code / group_code of a margin (all regions, all respondent groups)
STATUSES = ("valid", "dont_know", "missing")  # the responses table's status values
SHARE_CI_METHODS = ("logit", "beta", "wilson")  # interval methods for shares
TESTS = ("rao_scott_F", "wald_means", "wald_means_adjusted_group", "ordinal_logit_region")
CHANGE_SPANS = ("consecutive", "first_last", "all_pairs")  # round pairs of the changes table


@dataclass(frozen=True)
class ItemScale:
    """What the statistics need to know about one item's answer scale."""

    kind: Literal["rating", "change"]
    valid_codes: tuple[int, ...]
    top: tuple[int, ...] = ()
    bottom: tuple[int, ...] = ()
    improved: tuple[int, ...] = ()
    worsened: tuple[int, ...] = ()


@dataclass(frozen=True)
class DesignSpec:
    """An estimation design, as declared under ``designs`` in params.yaml."""

    name: str
    weights: bool = True
    strata: tuple[str, ...] = ()
    fpc: bool = False
    calibration: Literal["none", "poststratify", "rake"] = "none"
    margins: tuple[str, ...] = ()
    rake_epsilon: float = 1.0
    rake_maxit: int = 10
    params_file: str = field(default="params.yaml", compare=False)  # named in error messages
