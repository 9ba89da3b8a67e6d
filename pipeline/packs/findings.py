"""Plain-language findings for one chart, generated from the published tables. Pure.

Rules (docs/packs.md):
- a difference between regions is called a difference only when its test's Benjamini-Hochberg
  adjusted p-value (``tests.p_adjusted``) is below 0.05; otherwise the text says "no clear
  difference";
- a change between rounds is called a change only when the ``changes`` p-value, adjusted with
  Benjamini-Hochberg within survey x design x statistic x round pair (all items and regions,
  respondent group ALL), is below 0.05;
- every number comes from ``estimates`` (or ``changes``/``activation_regions``) and is carried in
  :class:`Number` so tests can check it; suppressed cells are never given a number;
- a region-focused pack phrases findings from that region's point of view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipeline import labels
from pipeline.packs import texts
from pipeline.packs.numbers import value_text
from pipeline.stats.multiplicity import adjust_pvalues

ALL = labels.ALL_CODE
ALPHA = 0.05
DONT_KNOW_NOTE = 20.0  # a don't-know share from this percentage on is worth a sentence
# The test that decides "clear difference between regions" for each statistic.
REGION_TEST = {
    "mean": "wald_means",
    "top2_share": "rao_scott_F",
    "bottom2_share": "rao_scott_F",
    "balance": "rao_scott_F",
    "distribution": "rao_scott_F",
}
ADJUSTED_TEST = "wald_means_adjusted_group"
CHANGE_FAMILY = ["survey", "design", "statistic", "round_from", "round_to"]


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
    text: str
    numbers: tuple[Number, ...] = ()


@dataclass(frozen=True)
class Tables:
    """The published tables a pack reads, narrowed to the primary design."""

    snapshot: Mapping[str, Any]
    estimates: pd.DataFrame
    tests: pd.DataFrame
    changes: pd.DataFrame
    design: str
    min_cell: int
    activation_regions: pd.DataFrame | None = None
    activation_snapshot: Mapping[str, Any] | None = None

    @property
    def activation_min_cell(self) -> int:
        return int((self.activation_snapshot or {}).get("min_cell", self.min_cell))

    @property
    def regions(self) -> list[str]:
        return sorted(self.snapshot.get("regions", {}))

    def kind(self, item: str) -> str:
        scale = self.snapshot["items"][item]["scale"]
        return self.snapshot["scales"][scale]["kind"]

    def estimate(
        self, item: str, rnd: int, statistic: str, region: str, group: str = ALL
    ) -> float | None:
        """The published estimate, or None when suppressed or absent."""
        key = (item, rnd, statistic, region, group)
        value = _lookup(self.estimates, key)
        return None if value is None or np.isnan(value) else float(value)

    def p_adjusted(self, item: str, rnd: int, test: str) -> float | None:
        t = self.tests
        hit = t[(t["item"] == item) & (t["round"] == rnd) & (t["test"] == test)]
        if hit.empty or not np.isfinite(hit["p_adjusted"].iloc[0]):
            return None
        return float(hit["p_adjusted"].iloc[0])


def _lookup(est: pd.DataFrame, key: tuple) -> float | None:
    """The estimate at ``key``; None when absent or flagged suppressed (even if a value were
    left in the table by mistake)."""
    if key not in est.index:
        return None
    row = est.loc[key]
    return None if bool(row["suppressed"]) else row["estimate"]


def prepare_tables(
    estimates: pd.DataFrame,
    tests: pd.DataFrame,
    changes: pd.DataFrame,
    snapshot: Mapping[str, Any],
    design: str,
    ci_method: str,
    min_cell: int,
    activation_regions: pd.DataFrame | None = None,
    activation_snapshot: Mapping[str, Any] | None = None,
) -> Tables:
    """Narrow the tables to ``design`` (shares with ``ci_method``; the estimate itself does not
    depend on it) and BH-adjust the p-values of between-round changes."""
    est = estimates[
        (estimates["design"] == design) & estimates["ci_method"].isin(["normal", ci_method])
    ]
    est = est.drop_duplicates(["item", "round", "statistic", "region_code", "group_code"])
    est = est.set_index(["item", "round", "statistic", "region_code", "group_code"]).sort_index()
    tst = tests[tests["design"] == design].reset_index(drop=True)
    chg = changes[(changes["design"] == design) & (changes["group_code"] == ALL)].copy()
    chg = adjust_pvalues(chg, CHANGE_FAMILY)
    return Tables(
        snapshot,
        est,
        tst,
        chg.reset_index(drop=True),
        design,
        min_cell,
        activation_regions,
        activation_snapshot,
    )


# --- helpers ------------------------------------------------------------------------------


def _region(tables: Tables, code: str, language: str) -> str:
    return labels.region_name(dict(tables.snapshot), code, language)


def _where(tables: Tables, code: str, language: str) -> str:
    """The region's name inside a sentence ("all regions" in lower case)."""
    name = _region(tables, code, language)
    return name[:1].lower() + name[1:] if code == ALL else name


def _item(tables: Tables, item: str, language: str) -> str:
    return labels.item_label(dict(tables.snapshot), item, language)


def _number(
    tables: Tables, item: str, rnd: int, statistic: str, region: str, language: str, group=ALL
) -> Number | None:
    value = tables.estimate(item, rnd, statistic, region, group)
    if value is None:
        return None
    return Number(
        value_text(value, statistic, language),
        value,
        "estimates",
        item,
        rnd,
        statistic,
        region,
        group,
    )


def _statistic(entry: Mapping[str, Any], tables: Tables, item: str) -> str:
    stat = entry.get("statistic", "")
    if stat in ("mean", "top2_share", "bottom2_share", "balance"):
        return stat
    return "balance" if tables.kind(item) == "change" else "mean"


def _round(entry: Mapping[str, Any], tables: Tables) -> int:
    rounds = entry.get("rounds") or tables.snapshot.get("rounds") or []
    return int(max(rounds))


def _suppressed_note(entry: Mapping[str, Any], tables: Tables, language: str) -> list[Finding]:
    if int(entry.get("suppressed_cells", 0)) <= 0:
        return []
    if entry["family"].startswith("activation"):
        k = tables.activation_min_cell
        return [Finding(texts.finding("suppressed_activation", language, k=k))]
    return [Finding(texts.finding("suppressed", language, k=tables.min_cell))]


# --- families -----------------------------------------------------------------------------


def chart_findings(
    entry: Mapping[str, Any], tables: Tables, focus: str, language: str
) -> list[Finding]:
    """Findings for one manifest entry, from the point of view of region ``focus`` (or ALL)."""
    family = entry["family"]
    if family in ("regional_dots", "balance"):
        out = _by_region(entry, tables, focus, language)
    elif family == "ranking":
        out = _ranking(entry, tables, focus, language)
    elif family == "diverging":
        out = _distribution(entry, tables, focus, language)
    elif family == "trend":
        out = _trend(entry, tables, focus, language)
    elif family == "heatmap":
        out = _heatmap(entry, tables, focus, language)
    elif family.startswith("activation"):
        out = _activation(entry, tables, focus, language)
    else:
        raise ValueError(f"no findings for chart family {family!r}")
    if not out:
        out = [Finding(texts.finding("no_data", language))]
    return out + _suppressed_note(entry, tables, language)


def _region_values(
    tables: Tables, item: str, rnd: int, stat: str, focus: str, language: str
) -> tuple[str, list[Number], str]:
    """'R1 3,4, R2 3,1 ...' (focus first, else highest first) and the focus region's rank."""
    nums = [n for r in tables.regions if (n := _number(tables, item, rnd, stat, r, language))]
    ranked = sorted(nums, key=lambda n: -n.value)
    rank = ""
    if focus != ALL and any(n.region == focus for n in nums) and len(nums) > 1:
        pos = [n.region for n in ranked].index(focus)
        rank = "high" if pos == 0 else "low" if pos == len(ranked) - 1 else "mid"
        ranked = [n for n in ranked if n.region == focus] + [n for n in ranked if n.region != focus]
    text = ", ".join(f"{_region(tables, n.region, language)} {n.text}" for n in ranked)
    return text, ranked, rank


def _by_region(
    entry: Mapping[str, Any], tables: Tables, focus: str, language: str
) -> list[Finding]:
    rnd = _round(entry, tables)
    items = [i for i in entry.get("items", []) if i in tables.snapshot["items"]]
    where = focus
    extremes: list[Finding] = []
    diffs: list[tuple[float, Finding]] = []
    same: list[str] = []
    untested = False
    stats = {i: _statistic(entry, tables, i) for i in items}
    # The focus region's (or all regions') highest and lowest item.
    own = [n for i in items if (n := _number(tables, i, rnd, stats[i], where, language))]
    if len(own) >= 2 and len({stats[i] for i in items}) == 1:
        hi = max(own, key=lambda n: n.value)
        lo = min(own, key=lambda n: n.value)
        key = "extremes_all" if focus == ALL else "extremes_region"
        if stats[items[0]] == "balance":
            key += "_balance"
        extremes.append(
            Finding(
                texts.finding(
                    key,
                    language,
                    region=_region(tables, focus, language),
                    hi_item=_item(tables, hi.item, language),
                    hi=hi.text,
                    lo_item=_item(tables, lo.item, language),
                    lo=lo.text,
                ),
                (hi, lo),
            )
        )
    for item in items:
        stat = stats[item]
        label = _item(tables, item, language)
        p = tables.p_adjusted(item, rnd, REGION_TEST[stat])
        p_adj = tables.p_adjusted(item, rnd, ADJUSTED_TEST) if stat == "mean" else None
        values, nums, rank = _region_values(tables, item, rnd, stat, focus, language)
        if p is None:
            untested = True
            continue
        if p < ALPHA and nums:
            key = {"high": "diff_region_high", "low": "diff_region_low", "mid": "diff_region_mid"}
            text = texts.finding(
                key.get(rank, "diff_all"),
                language,
                item=label,
                region=_region(tables, focus, language),
                values=values,
            )
            if p_adj is not None:
                text += " " + texts.finding(
                    "adjusted_yes" if p_adj < ALPHA else "adjusted_no", language
                )
            diffs.append((p, Finding(text, tuple(nums))))
        elif p_adj is not None and p_adj < ALPHA:
            # The region values shown on the chart are not adjusted: give no numbers here.
            diffs.append((p_adj, Finding(texts.finding("adjusted_only", language, item=label))))
        else:
            same.append(label)
    out = extremes + [f for _, f in sorted(diffs, key=lambda pf: pf[0])]
    if same:
        out.append(
            Finding(
                texts.finding("no_diff_items", language, items=texts.join_words(same, language))
            )
        )
    if untested:
        out.append(Finding(texts.finding("not_tested", language)))
    return out + _dont_know(tables, items, rnd, focus, language)


def _ranking(entry: Mapping[str, Any], tables: Tables, focus: str, language: str) -> list[Finding]:
    """The order of the items (the focus region's or all regions'), then which items differ
    clearly between the regions (the regional charts give the values)."""
    rnd = _round(entry, tables)
    items = [i for i in entry.get("items", []) if i in tables.snapshot["items"]]
    stats = {i: _statistic(entry, tables, i) for i in items}
    own = [n for i in items if (n := _number(tables, i, rnd, stats[i], focus, language))]
    ranked = sorted(own, key=lambda n: -n.value)
    out: list[Finding] = []
    if len(ranked) >= 2:
        k = 3 if len(ranked) >= 6 else 1
        top, bottom = ranked[:k], ranked[-k:][::-1]

        def listed(nums: list[Number]) -> str:
            words = [f"{_item(tables, n.item, language)} ({n.text})" for n in nums]
            return texts.join_words(words, language)

        where = _region(tables, focus, language)
        suffix = "_balance" if all(n.statistic == "balance" for n in ranked) else ""
        top_text = texts.finding(f"ranking_top{suffix}", language, where=where, items=listed(top))
        out.append(Finding(top_text, tuple(top)))
        bottom_text = texts.finding(f"ranking_bottom{suffix}", language, items=listed(bottom))
        out.append(Finding(bottom_text, tuple(bottom)))
    clear, tested = [], False
    for item in items:
        p = tables.p_adjusted(item, rnd, REGION_TEST[stats[item]])
        tested = tested or p is not None
        if p is not None and p < ALPHA:
            clear.append(_item(tables, item, language))
    if clear:
        out.append(
            Finding(texts.finding("diff_items", language, items=texts.join_words(clear, language)))
        )
    elif tested:
        out.append(Finding(texts.finding("no_diff_any", language)))
    else:
        out.append(Finding(texts.finding("not_tested", language)))
    return out


def _dont_know(
    tables: Tables, items: list[str], rnd: int, focus: str, language: str
) -> list[Finding]:
    nums = [
        n
        for i in items
        if (n := _number(tables, i, rnd, "dont_know_share", focus, language))
        and n.value >= DONT_KNOW_NOTE
    ]
    if not nums:
        return []
    listed = [f"{_item(tables, n.item, language)} {n.text}" for n in nums]
    text = texts.finding(
        "dont_know",
        language,
        where=_where(tables, focus, language),
        items=texts.join_words(listed, language),
    )
    return [Finding(text, tuple(nums))]


def _code_words(tables: Tables, item: str, codes: list[int], language: str) -> str:
    words = [labels.code_label(dict(tables.snapshot), item, c, language) for c in codes]
    words = [words[0]] + [w[:1].lower() + w[1:] for w in words[1:]]
    text = f" {texts.ui('or', language)} ".join(words)
    return text[:1].lower() + text[1:]


def _distribution(
    entry: Mapping[str, Any], tables: Tables, focus: str, language: str
) -> list[Finding]:
    rnd = _round(entry, tables)
    out: list[Finding] = []
    item = entry["items"][0]
    regions = tables.regions if focus == ALL else [focus, ALL]
    scale = tables.snapshot["scales"][tables.snapshot["items"][item]["scale"]]
    for region in regions:
        name = _region(tables, region, language)
        if tables.kind(item) == "change":
            n = _number(tables, item, rnd, "balance", region, language)
            if n:
                out.append(
                    Finding(
                        texts.finding("balance_region", language, region=name, value=n.text), (n,)
                    )
                )
            continue
        top = _number(tables, item, rnd, "top2_share", region, language)
        bottom = _number(tables, item, rnd, "bottom2_share", region, language)
        if top and bottom:
            text = texts.finding(
                "shares_region",
                language,
                region=name,
                top=top.text,
                bottom=bottom.text,
                top_label=_code_words(tables, item, scale["top"], language),
                bottom_label=_code_words(tables, item, scale["bottom"][::-1], language),
            )
            out.append(Finding(text, (top, bottom)))
    p = tables.p_adjusted(item, rnd, "rao_scott_F")
    if p is None:
        out.append(Finding(texts.finding("not_tested", language)))
    else:
        out.append(Finding(texts.finding("diff_one" if p < ALPHA else "no_diff_one", language)))
    for region in regions:
        out += _dont_know(tables, [item], rnd, region, language)
    return out


def _trend(entry: Mapping[str, Any], tables: Tables, focus: str, language: str) -> list[Finding]:
    rounds = sorted(int(r) for r in entry.get("rounds") or tables.snapshot.get("rounds", []))
    if len(rounds) < 2:
        return []
    r_from, r_to = rounds[0], rounds[-1]
    where = _where(tables, focus, language)
    c = tables.changes
    clear: list[tuple[float, Finding]] = []
    unclear: list[Finding] = []
    unclear_items: list[str] = []
    for item in entry.get("items", []):
        if item not in tables.snapshot["items"]:
            continue
        stat = _statistic(entry, tables, item)
        row = c[
            (c["item"] == item)
            & (c["statistic"] == stat)
            & (c["region_code"] == focus)
            & (c["round_from"] == r_from)
            & (c["round_to"] == r_to)
        ]
        if row.empty or bool(row["suppressed"].iloc[0]):
            continue
        r = row.iloc[0]
        a = _number(tables, item, r_from, stat, focus, language)
        b = _number(tables, item, r_to, stat, focus, language)
        if a is None or b is None:
            continue
        fields = dict(
            item=_item(tables, item, language),
            where=where,
            v_from=a.text,
            v_to=b.text,
            r_from=r_from,
            r_to=r_to,
        )
        p = float(r["p_adjusted"])
        if np.isfinite(p) and p < ALPHA:
            key = "change_clear_up" if float(r["estimate"]) > 0 else "change_clear_down"
            clear.append((p, Finding(texts.finding(key, language, **fields), (a, b))))
        else:
            unclear.append(Finding(texts.finding("change_none_one", language, **fields), (a, b)))
            unclear_items.append(fields["item"])
    out = [f for _, f in sorted(clear, key=lambda pf: pf[0])]
    if len(unclear) <= 2:
        return out + unclear
    text = texts.finding(
        "change_none",
        language,
        r_from=r_from,
        r_to=r_to,
        where=where,
        items=texts.join_words(unclear_items, language),
    )
    return [*out, Finding(text)]


def _heatmap(entry: Mapping[str, Any], tables: Tables, focus: str, language: str) -> list[Finding]:
    rnd = _round(entry, tables)
    item = entry["items"][0]
    stat = _statistic(entry, tables, item)
    groups = sorted(tables.snapshot.get("groups", {}))
    regions = tables.regions if focus == ALL else [focus]
    nums = [
        n
        for r in regions
        for g in groups
        if (n := _number(tables, item, rnd, stat, r, language, group=g))
    ]
    if len(nums) < 2:
        return []
    hi = max(nums, key=lambda n: n.value)
    lo = min(nums, key=lambda n: n.value)
    snap = dict(tables.snapshot)
    text = texts.finding(
        "heatmap_extremes" if focus == ALL else "heatmap_extremes_region",
        language,
        region=_region(tables, focus, language),
        where=_item(tables, item, language),
        hi_group=labels.group_name(snap, hi.group, language),
        hi_region=_region(tables, hi.region, language),
        hi=hi.text,
        lo_group=labels.group_name(snap, lo.group, language),
        lo_region=_region(tables, lo.region, language),
        lo=lo.text,
    )
    return [Finding(text, (hi, lo)), Finding(texts.finding("heatmap_untested", language))]


def _activation(
    entry: Mapping[str, Any], tables: Tables, focus: str, language: str
) -> list[Finding]:
    act = tables.activation_regions
    if act is None or act.empty or not entry.get("items"):
        return []
    ratio = entry["items"][0]
    rnd = _round(entry, tables) if entry.get("rounds") else int(act["round"].max())
    rows = act[(act["ratio"] == ratio) & (act["round"] == rnd)]
    regions = [*tables.regions, ALL] if focus == ALL else [focus]
    out: list[Finding] = []
    if entry["family"] == "activation_change" and len(entry.get("rounds") or []) >= 2:
        return _activation_change(entry, act, ratio, regions, tables, language)
    for region in regions:
        row = rows[rows["region_code"] == region]
        if row.empty:
            continue
        r = row.iloc[0]
        vals = {k: float(r[k]) for k in ("median", "min", "max")}
        if not all(np.isfinite(v) for v in vals.values()):
            continue
        nums = tuple(
            Number(value_text(v, "ratio", language), v, "activation_regions", ratio, rnd, k, region)
            for k, v in vals.items()
        )
        text = texts.finding(
            "activation_region",
            language,
            region=_region(tables, region, language),
            round=rnd,
            median=nums[0].text,
            low=nums[1].text,
            high=nums[2].text,
        )
        out.append(Finding(text, nums))
    if out:
        out.append(Finding(texts.finding("activation_note", language)))
    return out


def _activation_change(
    entry: Mapping[str, Any],
    act: pd.DataFrame,
    ratio: str,
    regions: list[str],
    tables: Tables,
    language: str,
) -> list[Finding]:
    r_from, r_to = min(entry["rounds"]), max(entry["rounds"])
    out: list[Finding] = []
    for region in regions:
        nums = []
        for rnd in (r_from, r_to):
            row = act[
                (act["ratio"] == ratio) & (act["round"] == rnd) & (act["region_code"] == region)
            ]
            if row.empty or not np.isfinite(float(row["median"].iloc[0])):
                break
            v = float(row["median"].iloc[0])
            text = value_text(v, "ratio", language)
            nums.append(Number(text, v, "activation_regions", ratio, int(rnd), "median", region))
        if len(nums) < 2:
            continue
        text = texts.finding(
            "activation_change",
            language,
            region=_region(tables, region, language),
            v_from=nums[0].text,
            v_to=nums[1].text,
            r_from=r_from,
            r_to=r_to,
        )
        out.append(Finding(text, tuple(nums)))
    if out:
        out.append(Finding(texts.finding("activation_note", language)))
    return out
