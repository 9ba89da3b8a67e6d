"""Domain estimates of one survey round under one design (the ``estimates`` table).

Hand-written linearisation, because the numbers must equal R ``survey`` 4.1.1 exactly
(``svymean``/``svyby``, ``svyciprop``; tests/fixtures/reference). The statistics are weighted
means of per-item variables:

* rating items: ``mean`` (the code), ``top2_share`` / ``bottom2_share`` (0/1 indicators),
* change items: ``balance`` (+1 improved, -1 worsened, 0 otherwise; x 100),
* both: ``dont_know_share`` (indicator of don't know among valid + don't-know answers).

Items are processed in blocks; within a block every variable of every item is a column, the
moments of all columns on the finest cells come from one pass (``moments.py``) and every
domain is a small aggregation of those cells (``domains.py``). No loop runs per domain or
per cell.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from pipeline.stats import intervals
from pipeline.stats.design import PreparedDesign, prepare_design
from pipeline.stats.domains import Domains, domain_estimates, domains
from pipeline.stats.moments import cell_moments
from pipeline.stats.types import DesignSpec, ItemScale

ESTIMATE_COLUMNS = [
    "design",
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
    "df",
]
STATISTICS = ("mean", "top2_share", "bottom2_share", "balance", "dont_know_share")
BLOCK_ITEMS = 8  # items per block: bounds memory at (respondents x 4 x BLOCK_ITEMS) floats


def estimate_round(
    respondents: pd.DataFrame,
    codes: pd.DataFrame,
    status: pd.DataFrame,
    items: dict[str, ItemScale],
    design: DesignSpec,
    population: pd.DataFrame | None,
    ci_methods: tuple[str, ...] = ("logit",),
    level: float = 0.95,
) -> pd.DataFrame:
    """Every statistic of every item in every domain of one round under ``design``.

    Shares are in percent (0-100), balance in points; ``n`` is the domain's valid answers
    (valid + don't know for ``dont_know_share``); domains without answers are left out, and
    with one answer the estimate is written without se or CI (R gives none)."""
    for method in ci_methods:
        if method not in intervals.SHARE_METHODS:
            raise ValueError(f"unknown CI method {method!r}")
    prep = prepare_design(respondents, design, population)
    dom = domains(prep)
    codes, status = align(respondents, codes, status)
    names = [it for it in items if it in codes.columns]
    parts = [
        _block_rows(prep, dom, block, items, ci_methods, level)
        for block in _blocks(names, codes, status)
    ]
    if not parts:
        return pd.DataFrame(columns=ESTIMATE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "design", design.name)
    # rows: item (as given), statistic, CI method, domain (ALL, regions, groups, cells)
    order = np.lexsort(
        (
            out.index.to_numpy(),
            out["ci_method"].map({m: i for i, m in enumerate(("normal", *ci_methods))}),
            out["statistic"].map({s: i for i, s in enumerate(STATISTICS)}),
            out["item"].map({it: i for i, it in enumerate(names)}),
        )
    )
    return out.iloc[order].reset_index(drop=True)[ESTIMATE_COLUMNS]


def align(
    respondents: pd.DataFrame, codes: pd.DataFrame, status: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """codes and status in the respondents' row order (they share its index)."""
    if not codes.index.equals(respondents.index):
        codes = codes.loc[respondents.index]
    if not status.index.equals(respondents.index):
        status = status.loc[respondents.index]
    return codes, status


def _blocks(
    names: list[str], codes: pd.DataFrame, status: pd.DataFrame
) -> Iterator[tuple[list[str], np.ndarray, np.ndarray, np.ndarray]]:
    """(items, codes, valid, dont_know) blocks of at most BLOCK_ITEMS items."""
    all_codes = codes[names].to_numpy(float)
    all_status = status[names].to_numpy(object)
    for start in range(0, len(names), BLOCK_ITEMS):
        cols = slice(start, start + BLOCK_ITEMS)
        c = all_codes[:, cols]
        s = all_status[:, cols]
        valid = (s == "valid") & ~np.isnan(c)
        yield names[cols], c, valid, s == "dont_know"


def _variables(
    block: list[str],
    items: dict[str, ItemScale],
    c: np.ndarray,
    valid: np.ndarray,
    dk: np.ndarray,
) -> tuple[list[tuple[str, str]], np.ndarray, np.ndarray]:
    """The columns (item, statistic), their values y and validity masks, all (n, K)."""
    keys: list[tuple[str, str]] = []
    ys: list[np.ndarray] = []
    vs: list[np.ndarray] = []
    for j, item in enumerate(block):
        scale = items[item]
        code, ok = c[:, j], valid[:, j]
        if scale.kind == "rating":
            keys.append((item, "mean"))
            ys.append(code)
            vs.append(ok)
            for stat, codes_ in (("top2_share", scale.top), ("bottom2_share", scale.bottom)):
                if codes_:
                    keys.append((item, stat))
                    ys.append(np.isin(code, codes_).astype(float))
                    vs.append(ok)
        else:
            keys.append((item, "balance"))
            ys.append(change_score(code, scale))
            vs.append(ok)
        keys.append((item, "dont_know_share"))
        ys.append(dk[:, j].astype(float))
        vs.append(ok | dk[:, j])
    return keys, np.column_stack(ys), np.column_stack(vs)


def change_score(code: np.ndarray, scale: ItemScale) -> np.ndarray:
    """+1 for an improved code, -1 for a worsened one, 0 otherwise."""
    return np.isin(code, scale.improved).astype(float) - np.isin(code, scale.worsened)


def _block_rows(
    prep: PreparedDesign,
    dom: Domains,
    block_data: tuple[list[str], np.ndarray, np.ndarray, np.ndarray],
    items: dict[str, ItemScale],
    ci_methods: tuple[str, ...],
    level: float,
) -> pd.DataFrame:
    block, c, valid, dk = block_data
    keys, y, v = _variables(block, items, c, valid, dk)
    res = domain_estimates(prep, dom, cell_moments(prep, y, v))
    n = res.n.round().astype(np.int64)
    df = (res.n - res.n_strata).astype(float)
    se = np.where(n >= 2, np.sqrt(res.variance), np.nan)
    est = res.estimate
    # R's nrow(design) in the Korn-Graubard ratio: calibrated subsets keep every row
    n_rows = np.full_like(df, prep.n_rows) if prep.calibrated else res.n
    stat = np.array([s for _, s in keys], dtype=object)
    item = np.array([i for i, _ in keys], dtype=object)
    out = []
    normal = np.isin(stat, ["mean", "balance"])
    scale = np.where(stat == "balance", 100.0, 1.0)[None, :]
    lo, hi = intervals.normal(est * scale, se * scale, level)
    out.append(_frame(dom, item, stat, "normal", n, est * scale, se * scale, lo, hi, df, normal))
    share = ~normal
    for method in ci_methods:
        lo, hi = intervals.share_interval(method, est, se, df, n_rows, level)
        out.append(
            _frame(dom, item, stat, method, n, 100 * est, 100 * se, 100 * lo, 100 * hi, df, share)
        )
    return pd.concat(out, ignore_index=True)


def _frame(
    dom: Domains,
    item: np.ndarray,
    stat: np.ndarray,
    method: str,
    n: np.ndarray,
    est: np.ndarray,
    se: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    df: np.ndarray,
    columns: np.ndarray,
) -> pd.DataFrame:
    """Rows (column-major: item, statistic, then domain) of the selected columns with n > 0."""
    n_dom = dom.member.shape[0]
    sel = np.flatnonzero(columns)
    keep = (n[:, sel] > 0).T.ravel()  # (K_sel * D), column-major

    def flat(a: np.ndarray) -> np.ndarray:
        return a[:, sel].T.ravel()[keep]

    with np.errstate(invalid="ignore"):
        zero_se = np.where(n >= 2, se, np.nan)
    return pd.DataFrame(
        {
            "item": np.repeat(item[sel], n_dom)[keep],
            "statistic": np.repeat(stat[sel], n_dom)[keep],
            "ci_method": method,
            "region_code": np.tile(dom.region_code, sel.size)[keep],
            "group_code": np.tile(dom.group_code, sel.size)[keep],
            "n": flat(n),
            "estimate": flat(est),
            "se": flat(zero_se),
            "ci_low": flat(lo),
            "ci_high": flat(hi),
            "df": flat(df),
        }
    )
