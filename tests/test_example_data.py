"""The synthetic example data in data/raw/: deterministic, current, and consistent with its
hand-written codebook and the reference files (tools/make_example_data.py writes it)."""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CODEBOOK = RAW / "barometer" / "codebook.yaml"
REFERENCE_FILES = (
    "regions.csv",
    "municipalities.csv",
    "mergers.csv",
    "population.csv",
    "municipal_stats.csv",
)
SAV = "barometri_2012.sav"
XLSX = "barometri_2017_fi.xlsx"
CSV = "barometri_2017_sv.csv"
EXPORTS = (SAV, XLSX, CSV)
COLUMN_KEYS = ("respondent_id", "weight", "municipality", "region", "group")


# --------------------------------------------------------------------------- helpers


def _load_generator() -> ModuleType:
    path = ROOT / "tools" / "make_example_data.py"
    spec = importlib.util.spec_from_file_location("make_example_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _fold(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip().casefold()


def _read_sav(path: Path) -> tuple[pd.DataFrame, Any]:
    return pyreadstat.read_sav(str(path), user_missing=True)


def _web_rows(path: Path) -> list[list[Any]]:
    """All rows (headers included) of a web export, blank cells as ''."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            rows = [list(r) for r in wb["Vastaukset"].iter_rows(values_only=True)]
        finally:
            wb.close()
        return [["" if v is None else v for v in r] for r in rows]
    text = path.read_bytes().decode("cp1252")
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=";")]


@functools.cache
def _codebook() -> dict[str, Any]:
    """The parsed example codebook (shared: do not modify)."""
    with CODEBOOK.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _export(name: str) -> dict[str, Any]:
    return next(e for e in _codebook()["exports"] if e["file"] == name)


def _refs(export: dict[str, Any]) -> list[str | int]:
    refs = [export[k] for k in COLUMN_KEYS if k in export]
    return refs + list(export.get("personal", [])) + list(export["items"].values())


class Classification:
    """Municipality codes, names and regions by year, from a reference folder."""

    def __init__(self, folder: Path) -> None:
        self.munis = pd.read_csv(folder / "municipalities.csv", dtype=str, keep_default_na=False)
        self.mergers = pd.read_csv(folder / "mergers.csv", dtype=str)

    @functools.cache  # noqa: B019 - a few instances live for one test each
    def rows(self, year: int) -> pd.DataFrame:
        start = self.munis["valid_from"].astype(int)
        end = pd.to_numeric(self.munis["valid_to"].replace("", "9999"))
        return self.munis[(start <= year) & (year <= end)]

    def code_of(self, name: str, year: int) -> str:
        rows = self.rows(year)
        hits = rows[(rows["name_fi"] == name) | (rows["name_sv"] == name)]["code"].unique()
        assert len(hits) == 1, f"{name!r} is not one municipality in {year}"
        return str(hits[0])

    def region(self, code: str, year: int, target_year: int = 2021) -> str:
        assert code in set(self.rows(year)["code"]), f"{code} not valid in {year}"
        for old, new, since in self.mergers.itertuples(index=False):
            if code == old and int(since) <= target_year:
                code = new
        rows = self.rows(target_year)
        return str(rows.loc[rows["code"] == code, "region_code"].iloc[0])


def _groups_by_label() -> dict[str, str]:
    return {
        _fold(text): code
        for code, texts in _codebook()["groups"].items()
        for text in texts.values()
    }


def _strata(raw: Path) -> pd.DataFrame:
    """round, region (classification 2021), group of every respondent of every export."""
    cls = Classification(raw / "reference")
    df, _ = _read_sav(raw / "barometer" / SAV)
    parts = [
        pd.DataFrame(
            {
                "round": 2012,
                "region": [cls.region(f"{int(k):03d}", 2012) for k in df["kunta"]],
                "group": [str(int(g)) for g in df["vastaajaryhma"]],
            }
        )
    ]
    groups = _groups_by_label()
    for name in (XLSX, CSV):
        body = _web_rows(raw / "barometer" / name)[2:]
        parts.append(
            pd.DataFrame(
                {
                    "round": 2017,
                    "region": [cls.region(cls.code_of(r[4], 2017), 2017) for r in body],
                    "group": [groups[_fold(r[3])] for r in body],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load_generator()


@pytest.fixture(scope="module")
def twice(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example data generated into two fresh folders."""
    first = tmp_path_factory.mktemp("raw_a")
    second = tmp_path_factory.mktemp("raw_b")
    generator.generate(first)
    generator.generate(second)
    return first, second


# --------------------------------------------------------------------------- determinism


def test_reference_files_are_byte_identical(twice: tuple[Path, Path]) -> None:
    a, b = twice
    for name in REFERENCE_FILES:
        assert (a / "reference" / name).read_bytes() == (b / "reference" / name).read_bytes()


def test_exports_are_identical(twice: tuple[Path, Path]) -> None:
    a, b = twice
    for name in (CSV, XLSX):
        assert (a / "barometer" / name).read_bytes() == (b / "barometer" / name).read_bytes()
    df_a, meta_a = _read_sav(a / "barometer" / SAV)
    df_b, meta_b = _read_sav(b / "barometer" / SAV)
    pd.testing.assert_frame_equal(df_a, df_b)
    assert meta_a.variable_value_labels == meta_b.variable_value_labels
    assert meta_a.missing_ranges == meta_b.missing_ranges
    assert meta_a.column_names_to_labels == meta_b.column_names_to_labels


def test_committed_example_is_current(twice: tuple[Path, Path]) -> None:
    fresh = twice[0]
    hint = "data/raw is out of date: run `python tools/make_example_data.py`"
    for name in REFERENCE_FILES:
        path = Path("reference") / name
        assert (RAW / path).read_bytes() == (fresh / path).read_bytes(), f"{path}: {hint}"
    for name in (XLSX, CSV):
        assert _web_rows(RAW / "barometer" / name) == _web_rows(fresh / "barometer" / name), hint
    df_repo, _ = _read_sav(RAW / "barometer" / SAV)
    df_new, _ = _read_sav(fresh / "barometer" / SAV)
    pd.testing.assert_frame_equal(df_repo, df_new, obj=hint)


# --------------------------------------------------------------------------- codebook


def test_codebook_parses_and_uses_the_same_items_everywhere() -> None:
    book = _codebook()
    assert book["survey"] == "barometer"
    assert set(book["scales"]) == {"wellbeing5", "change3", "adequacy5"}
    assert sorted(book["groups"]) == ["1", "2", "3", "4", "5"]
    assert [e["file"] for e in book["exports"]] == list(EXPORTS)
    for export in book["exports"]:
        assert list(export["items"]) == list(book["items"])
    for item in book["items"].values():
        assert item["scale"] in book["scales"] and item["theme"] in book["themes"]
        assert set(item["label"]) == set(item["question"]) == {"fi", "sv", "en"}
    web = [_export(XLSX)["items"], _export(CSV)["items"]]
    assert web[0] == web[1], "the Finnish and Swedish web exports share their positions"


def test_sav_variables_in_codebook_exist() -> None:
    export = _export(SAV)
    _, meta = pyreadstat.read_sav(str(RAW / "barometer" / SAV), metadataonly=True)
    labels = _codebook()["items"]
    for ref in _refs(export):
        assert ref in meta.column_names
    for item, var in export["items"].items():
        assert meta.column_names_to_labels[var].endswith(labels[item]["label"]["fi"])


@pytest.mark.parametrize(("name", "language"), [(XLSX, "fi"), (CSV, "sv")])
def test_web_columns_in_codebook_exist(name: str, language: str) -> None:
    export = _export(name)
    assert export["language"] == language and export["header_rows"] == 2
    rows = _web_rows(RAW / "barometer" / name)
    width = len(rows[0])
    assert all(len(r) == width for r in rows)
    for ref in _refs(export):
        assert isinstance(ref, int) and 1 <= ref <= width
    labels = _codebook()["items"]
    for item, pos in export["items"].items():
        assert rows[1][pos - 1] == labels[item]["label"][language], (name, item, pos)
    meta = [export[k] for k in COLUMN_KEYS if k in export] + list(export["personal"])
    assert all(rows[1][pos - 1] == "" for pos in meta), "metadata columns have no statement"
    assert all(rows[0][pos - 1] != "" for pos in meta), "metadata columns have a question text"


def test_sav_answers_are_codes_of_their_scale() -> None:
    book = _codebook()
    df, _ = _read_sav(RAW / "barometer" / SAV)
    for item, var in _export(SAV)["items"].items():
        scale = book["scales"][book["items"][item]["scale"]]
        allowed = set(scale["codes"]) | set(scale["dont_know"])
        assert set(df[var].dropna().astype(int)) <= allowed, var


@pytest.mark.parametrize(("name", "language"), [(XLSX, "fi"), (CSV, "sv")])
def test_web_answers_are_labels_of_their_scale(name: str, language: str) -> None:
    book, export = _codebook(), _export(name)
    body = _web_rows(RAW / "barometer" / name)[2:]
    for item, pos in export["items"].items():
        scale = book["scales"][book["items"][item]["scale"]]
        texts = {**scale["codes"], **scale["dont_know"]}.values()
        allowed = {_fold(t[language]) for t in texts} | {""}
        assert {_fold(r[pos - 1]) for r in body} <= allowed, (name, item)
    groups = {_fold(t[language]) for t in book["groups"].values()}
    assert {_fold(r[export["group"] - 1]) for r in body} <= groups


# --------------------------------------------------------------------------- file formats


def test_sav_keeps_dont_know_as_user_missing() -> None:
    path = RAW / "barometer" / SAV
    kept, meta = _read_sav(path)
    dropped, _ = pyreadstat.read_sav(str(path))
    items = list(_export(SAV)["items"].values())
    for var in items:
        assert meta.missing_ranges[var] == [{"lo": 9.0, "hi": 9.0}]
        assert (kept[var] == 9).any(), var
        assert not (dropped[var] == 9).any(), var
    assert kept[items].isna().any().all(), "every item has some item non-response"
    assert meta.variable_value_labels["q1_1"][9] == "En osaa sanoa"


def test_sav_has_merged_and_moved_municipalities() -> None:
    df, meta = _read_sav(RAW / "barometer" / SAV)
    codes = set(df["kunta"].astype(int))
    assert {863, 164, 915, 152} <= codes  # Töysä, Jalasjärvi, Vähäkyrö, Isokyrö
    assert set(df.loc[df["kunta"] == 152, "maakunta"]) == {15}
    assert meta.variable_value_labels["kunta"][863] == "Töysä"


def test_sv_csv_is_a_finnish_excel_csv() -> None:
    raw = (RAW / "barometer" / CSV).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # cp1252 with Swedish letters
    text = raw.decode("cp1252")
    assert text.count("\r\n") >= 103 and "\r\n" in text.splitlines(keepends=True)[0]
    rows = _web_rows(RAW / "barometer" / CSV)
    weights = [r[-1] for r in rows[2:]]
    assert all(re.fullmatch(r"\d+,\d{6}", w) for w in weights)
    free = [r[31] for r in rows[2:]]
    assert any(";" in t for t in free) and any('"' in t for t in free)
    assert any("\n" in t for t in free)


def test_raw_folder_is_small() -> None:
    size = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert size < 1_000_000


# --------------------------------------------------------------------------- reference files


def test_population_is_at_least_three_times_the_respondents() -> None:
    pop = pd.read_csv(RAW / "reference" / "population.csv", dtype=str)
    pop["N"] = pop["N"].astype(int)
    big_n = pop.set_index(["round", "region_code", "group_code"])["N"]
    strata = _strata(RAW)
    counts = strata.groupby(["round", "region", "group"]).size()
    assert len(counts) == 30
    for (rnd, region, group), n in counts.items():
        assert big_n[(str(rnd), region, group)] >= 3 * n, (rnd, region, group)


def test_population_uses_regions_of_2021() -> None:
    strata = _strata(RAW)
    assert len(strata[strata["round"] == 2012]) == 450
    assert len(strata[strata["round"] == 2017]) == 353
    cls = Classification(RAW / "reference")
    assert cls.region("152", 2012) == "14"  # Isokyrö: Pohjanmaa then, Etelä-Pohjanmaa now
    assert cls.region("915", 2012) == "15"  # Vähäkyrö -> Vaasa


def test_municipal_stats_cover_every_municipality_of_the_year() -> None:
    stats = pd.read_csv(RAW / "reference" / "municipal_stats.csv", dtype={"municipality_code": str})
    cls = Classification(RAW / "reference")
    for year, rows in stats.groupby("year"):
        expected = set(cls.rows(int(year))["code"])
        assert set(rows["municipality_code"]) == expected, year
        assert (rows["residents_15_64"] < rows["residents"]).all()
        share = rows["long_term_unemployed"] / rows["residents"]
        assert share.between(0.005, 0.035).all(), year
        assert (rows["benefit_days_1000"] <= rows["benefit_days_300"]).all()
    seinajoki = stats[(stats["municipality_code"] == "743") & (stats["year"] == 2017)]
    assert 55_000 < int(seinajoki["residents"].iloc[0]) < 70_000
