"""Domain estimates of one survey round under one design (the ``estimates`` table).

Hand-written linearisation, because the numbers must equal R ``survey`` 4.1.1 exactly
(``svymean``/``svyby``, ``svyciprop``; tests/fixtures/reference). The statistics are weighted
means of per-item variables:

* rating items: ``mean`` (the code), ``top2_share`` / ``bottom2_share`` (0/1 indicators),
* change items: ``balance`` (+1 improved, -1 worsened, 0 otherwise; x 100),
* both: ``dont_know_share`` (indicator of don't know among valid + don't-know answers).

One pass over the rows builds every item's weighted answer table per finest cell
(``tables.py``); every variable is a function of the answer, so the moments of all variables
of all items come from those tables (``moments.py``), and every domain is a small aggregation
of the cells (``domains.py``). No loop runs per domain, per cell or per statistic; the output
rows are laid out directly in their final order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.stats import intervals
from pipeline.stats.blas import one_blas_thread
from pipeline.stats.design import PreparedDesign, prepare_design
from pipeline.stats.domains import DomainEstimates, Domains, domain_estimates, domains
from pipeline.stats.moments import table_moments
from pipeline.stats.tables import DONT_KNOW, FIRST_CODE, code_tables
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
    "ci_note",
]
STATISTICS = ("mean", "top2_share", "bottom2_share", "balance", "dont_know_share")


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
    """:func:`estimate_prepared` after preparing ``design`` for the round."""
    prep = prepare_design(respondents, design, population)
    return estimate_prepared(prep, respondents, codes, status, items, ci_methods, level)


@one_blas_thread
def estimate_prepared(
    prep: PreparedDesign,
    respondents: pd.DataFrame,
    codes: pd.DataFrame,
    status: pd.DataFrame,
    items: dict[str, ItemScale],
    ci_methods: tuple[str, ...] = ("logit",),
    level: float = 0.95,
) -> pd.DataFrame:
    """Every statistic of every item in every domain of one round under a prepared design.

    Shares are in percent (0-100), balance in points; ``n`` is the domain's valid answers
    (valid + don't know for ``dont_know_share``); domains without answers are left out, and
    with one answer the estimate is written without se or CI (R gives none).

    Rows are ordered by item (as given), statistic, CI method (normal, then ``ci_methods``)
    and domain (ALL, regions, groups, region x group cells)."""
    for method in ci_methods:
        if method not in intervals.SHARE_METHODS:
            raise ValueError(f"unknown CI method {method!r}")
    dom = domains(prep)
    codes, status = align(respondents, codes, status)
    names = [it for it in items if it in codes.columns]
    if not names:
        return pd.DataFrame(columns=ESTIMATE_COLUMNS)
    tables = code_tables(prep, names, codes[names].to_numpy(float), status)
    var_item, var_stat, y, valid = variables(names, items, tables.values)
    res = domain_estimates(prep, dom, table_moments(prep, tables, var_item, y, valid))
    out = _rows(
        prep, dom, res, np.asarray(names, dtype=object)[var_item], var_stat, ci_methods, level
    )
    out.insert(0, "design", prep.name)
    return out


def align(
    respondents: pd.DataFrame, codes: pd.DataFrame, status: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """codes and status in the respondents' row order (they share its index)."""
    if not codes.index.equals(respondents.index):
        codes = codes.loc[respondents.index]
    if not status.index.equals(respondents.index):
        status = status.loc[respondents.index]
    return codes, status


def variables(
    names: list[str], items: dict[str, ItemScale], values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The variables (item index, statistic) of the estimates, as functions of the answer
    level (``tables.py``): y (K, L) and the validity mask (K, L)."""
    n_lev = values.size + FIRST_CODE
    code = np.concatenate((np.zeros(FIRST_CODE), values))  # the valid code of each level
    is_code = np.arange(n_lev) >= FIRST_CODE
    answered = np.arange(n_lev) >= DONT_KNOW
    dk = (np.arange(n_lev) == DONT_KNOW).astype(float)
    item_idx: list[int] = []
    stats: list[str] = []
    ys: list[np.ndarray] = []
    vs: list[np.ndarray] = []

    def add(j: int, stat: str, y_: np.ndarray, v: np.ndarray) -> None:
        item_idx.append(j)
        stats.append(stat)
        ys.append(y_)
        vs.append(v)

    for j, item in enumerate(names):  # a few variables per item, each a vector of L levels
        scale = items[item]
        if scale.kind == "rating":
            add(j, "mean", code, is_code)
            for stat, codes_ in (("top2_share", scale.top), ("bottom2_share", scale.bottom)):
                if codes_:
                    add(j, stat, np.isin(code, codes_).astype(float), is_code)
        else:
            add(j, "balance", change_score(code, scale), is_code)
        add(j, "dont_know_share", dk, answered)
    return (
        np.asarray(item_idx, dtype=np.int64),
        np.asarray(stats, dtype=object),
        np.vstack(ys),
        np.vstack(vs),
    )


def change_score(code: np.ndarray, scale: ItemScale) -> np.ndarray:
    """+1 for an improved code, -1 for a worsened one, 0 otherwise."""
    return np.isin(code, scale.improved).astype(float) - np.isin(code, scale.worsened)


def _rows(
    prep: PreparedDesign,
    dom: Domains,
    res: DomainEstimates,
    item: np.ndarray,
    stat: np.ndarray,
    ci_methods: tuple[str, ...],
    level: float,
) -> pd.DataFrame:
    """The table rows: (variable, CI method, domain) in that nesting, domains with n > 0."""
    n = res.n.round().astype(np.int64)  # (D, K)
    df = (res.n - res.n_strata).astype(float)
    with np.errstate(invalid="ignore"):
        se = np.where(n >= 2, np.sqrt(res.variance), np.nan)
    est = res.estimate
    normal = np.isin(stat, ["mean", "balance"])
    share = ~normal
    scale = np.where(stat == "mean", 1.0, 100.0)  # shares in percent, balance in points
    methods = ("normal", *ci_methods)
    n_dom, n_var = est.shape
    lo = np.full((len(methods), n_dom, n_var), np.nan)
    hi = np.full_like(lo, np.nan)
    lo[0][:, normal], hi[0][:, normal] = intervals.normal(
        est[:, normal] * scale[normal], se[:, normal] * scale[normal], level
    )
    # R's nrow(design) in the Korn-Graubard ratio: calibrated subsets keep every row
    n_rows = np.full_like(df, prep.n_rows) if prep.calibrated else res.n
    b_lo, b_hi, boundary = intervals.boundary_interval(
        est[:, share], res.n[:, share], df[:, share], n_rows[:, share], level
    )
    for m, method in enumerate(ci_methods, start=1):
        s_lo, s_hi = intervals.share_interval(
            method, est[:, share], se[:, share], df[:, share], n_rows[:, share], level
        )
        s_lo, s_hi = np.where(boundary, b_lo, s_lo), np.where(boundary, b_hi, s_hi)
        lo[m][:, share], hi[m][:, share] = 100.0 * s_lo, 100.0 * s_hi
    note = np.zeros((n_dom, n_var), dtype=bool)  # (D, K): the share rows with a boundary CI
    note[:, share] = boundary
    # which (variable, method) slots exist, then every domain with answers: C order of
    # (K, M, D) is the table's order, so no sort is needed
    slot = np.zeros((n_var, len(methods)), dtype=bool)
    slot[normal, 0] = True
    slot[share, 1:] = True
    keep = slot[:, :, None] & (n.T > 0)[:, None, :]
    k_i, m_i, d_i = np.nonzero(keep)
    return pd.DataFrame(
        {
            "item": item[k_i],
            "statistic": stat[k_i],
            "ci_method": np.asarray(methods, dtype=object)[m_i],
            "region_code": dom.region_code[d_i],
            "group_code": dom.group_code[d_i],
            "n": n[d_i, k_i],
            "estimate": est[d_i, k_i] * scale[k_i],
            "se": se[d_i, k_i] * scale[k_i],
            "ci_low": lo[m_i, d_i, k_i],
            "ci_high": hi[m_i, d_i, k_i],
            "df": df[d_i, k_i],
            "ci_note": np.where(note[d_i, k_i] & (m_i > 0), intervals.BOUNDARY_NOTE, "").astype(
                object
            ),
        }
    )[ESTIMATE_COLUMNS[1:]]
