"""Reference files under ``data/raw/reference/`` (format: docs/raw-layout.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.errors import UserError, quote

REQUIRED = {
    "regions.csv": ["region_code", "name_fi"],
    "municipalities.csv": ["code", "name_fi", "region_code", "valid_from", "valid_to"],
    "mergers.csv": ["old_code", "new_code", "year"],
    "population.csv": ["survey", "round", "region_code", "group_code", "N"],
}


def read_reference_csv(path: Path, required: list[str]) -> pd.DataFrame:
    """A reference CSV with every column as text; checks the required columns."""
    if not path.is_file():
        raise UserError(
            path,
            "",
            "reference file not found",
            "copy it from the example data/raw/reference/ and edit it",
        )
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise UserError(
            path, "", f"cannot be read as UTF-8 CSV ({exc})", "save it as UTF-8 CSV"
        ) from None
    df.columns = [c.strip().lstrip("\ufeff").strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if missing and len(df.columns) == 1:
        header = str(df.columns[0])
        sep = next((x for x in (";", "\t", "|") if x in header), None)
        if sep is not None:
            raise UserError(
                path,
                "line 1",
                f"is separated by {sep!r}, not by commas (columns {quote(header)})",
                "save it as comma-separated UTF-8 CSV (in Excel: CSV UTF-8, comma delimited)",
            )
    if missing:
        raise UserError(
            path, f"column {missing[0]}", "is missing", f"the file needs the columns {required}"
        )
    for c in df.columns:
        df[c] = df[c].str.strip()
    return df


def first_bad_row(
    bad: pd.Series,
    path: Path,
    column: str | None,
    problem: Callable[[int], str],
    fix: str = "",
) -> None:
    """Raise the error of the first row where ``bad`` holds (``problem`` gets its position; the
    file's row number is position + 2: the header is row 1)."""
    if bad.any():
        i = int(bad.to_numpy().argmax())
        where = f"row {i + 2}" + (f", column {column}" if column else "")
        raise UserError(path, where, problem(i), fix)


def _code(df: pd.DataFrame, col: str, width: int, path: Path) -> pd.Series:
    s = df[col]
    bad = ~s.str.fullmatch(rf"\d{{1,{width}}}")
    first_bad_row(
        bad,
        path,
        col,
        lambda i: f"{quote(s.iloc[i])} is not a code",
        f"write {width}-digit codes such as {'0' * (width - 1)}5",
    )
    return s.str.zfill(width)


def _year(df: pd.DataFrame, col: str, path: Path, empty: float) -> pd.Series:
    s = df[col].replace("", None)
    out = pd.to_numeric(s, errors="coerce")
    bad = s.notna() & out.isna()
    first_bad_row(bad, path, col, lambda i: f"{quote(df[col].iloc[i])} is not a year")
    return out.fillna(empty).astype(int)


@dataclass(frozen=True)
class Reference:
    folder: Path
    regions: pd.DataFrame  # region_code, name_fi, name_sv, name_en
    municipalities: pd.DataFrame  # code, name_fi, name_sv, region_code, valid_from, valid_to
    mergers: pd.DataFrame  # old_code, new_code, year

    def population(self) -> pd.DataFrame:
        """survey, round, region_code, group_code, N (float)."""
        path = self.folder / "population.csv"
        df = read_reference_csv(path, REQUIRED["population.csv"])
        df["round"] = _year(df, "round", path, -1)
        df["region_code"] = _code(df, "region_code", 2, path)
        n = pd.to_numeric(df["N"].str.replace(",", "."), errors="coerce")
        bad = n.isna() | (n <= 0)
        first_bad_row(
            bad, path, "N", lambda i: f"{quote(df['N'].iloc[i])} is not a positive population count"
        )
        df["N"] = n.astype(float)
        dup = df.duplicated(["survey", "round", "region_code", "group_code"])
        first_bad_row(dup, path, None, lambda i: "duplicate stratum (survey, round, region, group)")
        return df[["survey", "round", "region_code", "group_code", "N"]]


def load_reference(folder: Path) -> Reference:
    path = folder / "regions.csv"
    regions = read_reference_csv(path, REQUIRED["regions.csv"])
    regions["region_code"] = _code(regions, "region_code", 2, path)
    for lang in ("sv", "en"):
        col = f"name_{lang}"
        if col not in regions:
            regions[col] = regions["name_fi"]
        regions[col] = regions[col].where(regions[col] != "", regions["name_fi"])

    path = folder / "municipalities.csv"
    munis = read_reference_csv(path, REQUIRED["municipalities.csv"])
    munis["code"] = _code(munis, "code", 3, path)
    munis["region_code"] = _code(munis, "region_code", 2, path)
    munis["valid_from"] = _year(munis, "valid_from", path, 0)
    munis["valid_to"] = _year(munis, "valid_to", path, 9999)
    if "name_sv" not in munis:
        munis["name_sv"] = munis["name_fi"]
    munis["name_sv"] = munis["name_sv"].where(munis["name_sv"] != "", munis["name_fi"])
    unknown = ~munis["region_code"].isin(regions["region_code"])
    first_bad_row(
        unknown,
        path,
        "region_code",
        lambda i: f"region {munis['region_code'].iloc[i]} is not in regions.csv",
        "add the region to regions.csv",
    )

    path = folder / "mergers.csv"
    mergers = read_reference_csv(path, REQUIRED["mergers.csv"])
    mergers["old_code"] = _code(mergers, "old_code", 3, path)
    mergers["new_code"] = _code(mergers, "new_code", 3, path)
    mergers["year"] = _year(mergers, "year", path, 0)
    return Reference(folder, regions, munis, mergers)
