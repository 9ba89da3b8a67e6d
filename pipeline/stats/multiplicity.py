"""Benjamini-Hochberg adjustment of the tests' p-values (Benjamini & Hochberg 1995).

``statsmodels.stats.multitest.multipletests(method="fdr_bh")`` within each family (the
columns of those present): for the tests survey x design x round x test (``FAMILY``), for the
changes survey x design x statistic x round pair (``CHANGE_FAMILY``). NaN p-values (undefined
or suppressed) are left out and stay NaN.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

FAMILY = ("survey", "design", "round", "test")
# changes between rounds: every published domain and item of one statistic and round pair
CHANGE_FAMILY = ("survey", "design", "statistic", "round_from", "round_to")


def adjust_pvalues(tests: pd.DataFrame, family: Sequence[str] = FAMILY) -> pd.DataFrame:
    """``tests`` with a ``p_adjusted`` column (BH false discovery rate within each family)."""
    out = tests.copy()
    adjusted = np.full(len(out), np.nan)
    family = [c for c in family if c in out.columns]
    p = out["p_value"].to_numpy(float)
    groups = out.groupby(family, sort=False, dropna=False).indices if family else {(): None}
    for idx in groups.values():
        pos = np.arange(len(out)) if idx is None else np.asarray(idx)
        ok = pos[np.isfinite(p[pos])]
        if ok.size:
            adjusted[ok] = multipletests(p[ok], method="fdr_bh")[1]
    out["p_adjusted"] = adjusted
    return out
