"""Activation-resource exports -> a tidy table of answers per round x municipality x field.

Reuses the barometer's readers (only the municipality column and the mapped fields are read:
e-mail addresses and free text never enter memory), value parsing and municipality
harmonisation (names or codes, mergers to the classification year). Joint authorities are split
among their municipalities or attributed to the host, as the codebook says.

Over 300 lines: reading, joint-authority splitting and combining merged municipalities are one
pass over the same answers, each step short.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipeline.activation.codebook import STATS, ActivationCodebook, ActivationExport, Field
from pipeline.errors import UserError, quote
from pipeline.ingest.harmonise import Municipalities
from pipeline.ingest.values import is_blank, map_unique, number_or_reason
from pipeline.io.readers import RawTable, fold, read_export
from pipeline.io.reference import Reference, read_reference_csv
from pipeline.stats.types import STATUSES

VALID, DONT_KNOW, MISSING = STATUSES  # the same status names as the responses table
_STATUS_RANK = {VALID: 0, MISSING: 1, DONT_KNOW: 2}
_SPLIT = re.compile(r"\s*(?:[,;/+&]|\s(?:ja|och|and)\s)\s*", re.IGNORECASE)
_CURRENCY = re.compile(r"(€|\beur(?:oa|o)?\b|\bhtv\b|\bkpl\b)", re.IGNORECASE)
STATS_FILE = "municipal_stats.csv"


@dataclass
class ActivationData:
    """answers: round, municipality_code, region_code, unit, joint, field, value, status
    stats: round, municipality_code, region_code, name_fi, name_sv, members, <STATS>
    (one row per municipality of the classification year that exists in the round; under
    ``attribute`` a joint authority's host carries the sums over its members)."""

    answers: pd.DataFrame
    stats: pd.DataFrame
    metrics: dict[str, Any] = field(default_factory=dict)


def parse_number(value: Any, decimal: str, thousands: str | None = None) -> float | str:
    """A number from a web-form cell: 2,5 / "1 234 567" / "1 234 567 €" / 12; else the
    reason it is not one (ambiguous dots and commas included, see values.parse_number)."""
    if isinstance(value, str):
        value = _CURRENCY.sub("", value)
    return number_or_reason(value, decimal, thousands)


def _classifier(f: Field, cb: ActivationCodebook, decimal: str, thousands: str | None = None):
    dont_know = {fold(t) for t in cb.dont_know}
    yes, no = {fold(t) for t in cb.yes}, {fold(t) for t in cb.no}

    def one(value: Any) -> tuple[float, str] | str:
        if is_blank(value):
            return (math.nan, MISSING)
        key = fold(value)
        if key in dont_know:
            return (math.nan, DONT_KNOW)
        if f.kind == "yes_no":
            if key in yes:
                return (1.0, VALID)
            if key in no:
                return (0.0, VALID)
            return f"{quote(value)} is not a yes/no answer"
        number = parse_number(value, decimal, thousands)
        if isinstance(number, str):
            return number
        if number < 0:
            return f"{quote(value)[1:-1]} is negative"
        if f.kind == "count" and number != int(number):
            return f"{quote(value)[1:-1]} is not a whole number (a count)"
        return (number, VALID)

    return one


def _fix(f: Field, cb: ActivationCodebook) -> str:
    if f.kind == "yes_no":
        answers = list(cb.yes) + list(cb.no)
        return f"answer one of {answers}, leave it blank, or add the text to answers_yes/answers_no"
    dk = ", ".join(repr(t) for t in cb.dont_know[:3])
    return f"write a number >= 0, leave the cell blank, or use a don't-know text ({dk}, ...)"


def _field_values(
    table: RawTable, export: ActivationExport, cb: ActivationCodebook
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    out = {}
    for fid, ref in export.fields.items():
        f = cb.fields[fid]
        results, inverse = map_unique(
            table.data[ref], _classifier(f, cb, export.decimal, export.thousands)
        )
        for j, res in enumerate(results):
            if isinstance(res, str):
                row = int(np.flatnonzero(inverse == j)[0])
                fix = _fix(f, cb)
                if "separator" in res or "two ways" in res:
                    fix = (
                        f"set decimal and thousands (' ', '.' or ',') in {export.where} of "
                        "codebook.yaml, or fix the cell"
                    )
                raise UserError(table.path, table.place(ref, row), res, fix)
        values = np.array([r[0] for r in results], dtype=float)[inverse]
        status = np.array([r[1] for r in results], dtype=object)[inverse]
        out[fid] = (values, status)
    return out


def _members(table: RawTable, export: ActivationExport, reference: Reference) -> pd.DataFrame:
    """One row per (data row, municipality named in its cell): row, position, code in the round."""
    ref = export.municipality
    cells = table.data[ref]
    blank = cells.map(is_blank)
    if blank.any():
        i = int(np.flatnonzero(blank.to_numpy())[0])
        raise UserError(
            table.path,
            table.place(ref, i),
            "no municipality given",
            "fill in the municipality (or delete the row)",
        )
    parts = cells.map(lambda v: [p for p in _SPLIT.split(str(v).strip()) if p])
    exploded = parts.explode()
    row = exploded.index.to_numpy()
    position = exploded.groupby(level=0).cumcount().to_numpy()
    sub = RawTable(
        table.path,
        pd.DataFrame({ref: exploded.to_numpy()}, dtype=object),
        {ref: table.names[ref]},
        [table.file_rows[i] for i in row],
    )
    in_round = Municipalities(reference, export.round)
    codes, _ = in_round.map_column(sub, ref, export.round)
    df = pd.DataFrame({"row": row, "position": position, "code": codes})
    dup = df.duplicated("code", keep="first")
    if dup.any():
        k = int(np.flatnonzero(dup.to_numpy())[0])
        code = df["code"].iloc[k]
        first = int(df.loc[df["code"] == code, "row"].iloc[0])
        raise UserError(
            table.path,
            table.place(ref, int(df["row"].iloc[k])),
            f"municipality {code} answers twice in round {export.round} "
            f"(also in row {table.file_rows[first]})",
            "keep one answer per municipality: delete or merge the duplicate row",
        )
    return df


def municipal_stats(reference: Reference) -> pd.DataFrame:
    """reference/municipal_stats.csv: year, municipality_code and the statistics as floats."""
    path = reference.folder / STATS_FILE
    df = read_reference_csv(path, ["year", "municipality_code", *STATS])
    df["municipality_code"] = df["municipality_code"].str.zfill(3)
    for col in ["year", *STATS]:
        num = pd.to_numeric(df[col].str.replace(" ", ""), errors="coerce")
        bad = (df[col] != "") & (num.isna() | (num < 0))
        if col == "year":
            bad = num.isna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise UserError(
                path,
                f"row {i + 2}, column {col}",
                f"{quote(df[col].iloc[i])} is not a non-negative number",
                "write whole numbers (leave unknown cells empty)",
            )
        df[col] = num
    dup = df.duplicated(["year", "municipality_code"])
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise UserError(path, f"row {i + 2}", "duplicate year and municipality_code")
    df["year"] = df["year"].astype(int)
    return df[["year", "municipality_code", *STATS]]


def _round_stats(
    stats: pd.DataFrame, reference: Reference, year: int, classification_year: int
) -> pd.DataFrame:
    """The statistics of every municipality existing in ``year``, summed to the municipalities
    of the classification year."""
    s = stats[stats["year"] == year].copy()
    in_round = Municipalities(reference, year)
    valid = set(in_round.valid_in(year)["code"])
    unknown = sorted(set(s["municipality_code"]) - valid)
    if unknown:
        raise UserError(
            reference.folder / STATS_FILE,
            f"year {year}, municipality {unknown[0]}",
            f"municipality {unknown[0]} is not valid in {year} (municipalities.csv)",
            "fix the code or its validity years in municipalities.csv",
        )
    final = Municipalities(reference, classification_year)
    s["municipality_code"] = s["municipality_code"].map(final.harmonise_code)
    out = s.groupby("municipality_code", as_index=False)[list(STATS)].sum(min_count=1)
    out.insert(0, "round", year)
    return out


def _split_counts(values: np.ndarray, share: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Whole-number split of each unit's count by shares (largest remainder)."""
    quota = values * share
    base = np.floor(quota)
    df = pd.DataFrame({"unit": unit, "rem": quota - base, "base": base, "v": values})
    left = df.groupby("unit")["v"].transform("first") - df.groupby("unit")["base"].transform("sum")
    rank = df.groupby("unit")["rem"].rank(method="first", ascending=False)
    return base + (rank <= left.round()).to_numpy()


def ingest_activation(
    cb: ActivationCodebook, reference: Reference, classification_year: int
) -> ActivationData:
    stats_all = municipal_stats(reference)
    final = Municipalities(reference, classification_year)
    answers, stat_parts = [], []
    metrics: dict[str, Any] = {"files": {}, "joint_mode": cb.joint}
    for export in cb.exports:
        refs = [export.municipality, *export.fields.values()]
        table = read_export(
            export.file,
            list(dict.fromkeys(refs)),
            header_rows=export.header_rows,
            sheet=export.sheet,
            separator=export.separator,
            encoding=export.encoding,
        )
        values = _field_values(table, export, cb)
        members = _members(table, export, reference)
        year = export.round
        s_year = stats_all[stats_all["year"] == year].set_index("municipality_code")
        missing = sorted(set(members["code"]) - set(s_year.index))
        if missing:
            raise UserError(
                reference.folder / STATS_FILE,
                f"year {year}, municipality {missing[0]}",
                f"no municipal statistics for municipality {missing[0]}, which answers in "
                f"{export.file.name}",
                f"add a row {year},{missing[0]},... to {STATS_FILE}",
            )
        members["final"] = members["code"].map(final.harmonise_code)
        members["host"] = members.groupby("row")["final"].transform("first")
        n_members = members.groupby("row")["code"].transform("size").to_numpy()
        members["joint"] = n_members > 1
        weight = s_year[cb.split_by].reindex(members["code"]).to_numpy(dtype=float)
        if cb.joint == "split":
            wsum = pd.Series(weight).groupby(members["row"].to_numpy()).transform("sum").to_numpy()
            share = np.where(n_members > 1, weight / wsum, 1.0)
            bad = ~np.isfinite(share)
            if bad.any():
                code = members["code"].iloc[int(np.flatnonzero(bad)[0])]
                raise UserError(
                    reference.folder / STATS_FILE,
                    f"year {year}, municipality {code}, column {cb.split_by}",
                    "is empty or zero for every member of a joint authority, so its answer "
                    "cannot be split",
                    "fill in the statistic, or set joint_authorities: attribute",
                )
            rows = members.assign(share=share)
        else:
            rows = members[members["position"] == 0].assign(share=1.0)
        r = rows["row"].to_numpy()
        parts = []
        for fid, (vals, status) in values.items():
            v = vals[r]
            if cb.joint == "split" and cb.fields[fid].numeric:
                if cb.fields[fid].kind == "count":
                    ok = np.isfinite(v)
                    v = v.copy()
                    v[ok] = _split_counts(v[ok], rows["share"].to_numpy()[ok], r[ok])
                else:
                    v = v * rows["share"].to_numpy()
            parts.append(
                pd.DataFrame(
                    {
                        "municipality_code": rows["final"].to_numpy(),
                        "unit": rows["host"].to_numpy(),
                        "joint": rows["joint"].to_numpy(),
                        "field": fid,
                        "value": v,
                        "status": status[r],
                    }
                )
            )
        part = pd.concat(parts, ignore_index=True).assign(round=year)
        answers.append(part)
        rs = _round_stats(stats_all, reference, year, classification_year)
        if cb.joint == "attribute":
            rs = _attribute_stats(rs, members)
        stat_parts.append(rs)
        status_counts = part["status"].value_counts()
        metrics["files"][export.file.name] = {
            "round": year,
            "rows_read": table.rows_read,
            "blank_rows_skipped": table.blank_rows,
            "joint_authorities": int(members.groupby("row").size().gt(1).sum()),
            "municipalities_answering": int(members["code"].nunique()),
            "cells_valid": int(status_counts.get(VALID, 0)),
            "cells_dont_know": int(status_counts.get(DONT_KNOW, 0)),
            "cells_missing": int(status_counts.get(MISSING, 0)),
        }
    tidy = _combine(pd.concat(answers, ignore_index=True), cb)
    stats = pd.concat(stat_parts, ignore_index=True)
    stats = _with_names(stats, reference, final)
    tidy["region_code"] = tidy["municipality_code"].map(
        stats.drop_duplicates("municipality_code").set_index("municipality_code")["region_code"]
    )
    cols = [
        "round",
        "municipality_code",
        "region_code",
        "unit",
        "joint",
        "field",
        "value",
        "status",
    ]
    tidy = tidy[cols].sort_values(["round", "municipality_code", "field"], ignore_index=True)
    metrics["answers"] = len(tidy)
    return ActivationData(tidy, stats, metrics)


def _combine(answers: pd.DataFrame, cb: ActivationCodebook) -> pd.DataFrame:
    """One value per round x municipality (classification year) x field: answers of merged
    municipalities are summed (yes/no: yes if any); a sum is valid only when all parts are."""
    key = ["round", "municipality_code", "field"]
    answers = answers.assign(rank=answers["status"].map(_STATUS_RANK))
    g = answers.groupby(key, sort=True)
    out = g.agg(
        unit=("unit", "first"),
        joint=("joint", "any"),
        value=("value", "sum"),
        vmax=("value", "max"),
        rank=("rank", "max"),
    ).reset_index()
    is_yn = out["field"].map(lambda f: cb.fields[f].kind == "yes_no").to_numpy()
    out["value"] = np.where(is_yn, out["vmax"], out["value"])
    inv = {v: k for k, v in _STATUS_RANK.items()}
    out["status"] = out["rank"].map(inv)
    out.loc[out["status"] != VALID, "value"] = np.nan
    return out.drop(columns=["vmax", "rank"])


def _attribute_stats(rs: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Under ``attribute``: the host of a joint authority carries the sums over its members."""
    to_host = members.set_index("final")["host"]
    to_host = to_host[~to_host.index.duplicated()]
    code = rs["municipality_code"]
    host = code.map(to_host).fillna(code)
    rs = rs.assign(member=code, municipality_code=host)
    members_text = (
        rs.groupby("municipality_code")["member"]
        .agg(lambda s: " ".join(sorted(s)) if len(s) > 1 else "")
        .rename("members")
    )
    out = rs.groupby(["round", "municipality_code"], as_index=False)[list(STATS)].sum(min_count=1)
    covered = rs.loc[
        rs["member"] != rs["municipality_code"], ["round", "member", "municipality_code"]
    ]
    out = out.merge(members_text, on="municipality_code", how="left")
    extra = covered.rename(columns={"municipality_code": "covered_by"}).rename(
        columns={"member": "municipality_code"}
    )
    return pd.concat([out, extra], ignore_index=True)


def _with_names(stats: pd.DataFrame, reference: Reference, final: Municipalities) -> pd.DataFrame:
    m = final.valid_in(final.year)[["code", "name_fi", "name_sv", "region_code"]]
    out = stats.merge(m, left_on="municipality_code", right_on="code", how="left")
    bad = out["region_code"].isna()
    if bad.any():
        code = out.loc[bad, "municipality_code"].iloc[0]
        raise UserError(
            reference.folder / "municipalities.csv",
            f"municipality {code}",
            f"has no region in classification year {final.year}",
            "add the municipality with its validity years",
        )
    for col in ("members", "covered_by"):
        if col not in out:
            out[col] = ""
        out[col] = out[col].fillna("")
    return out.drop(columns="code")
