"""The synthetic example data in data/raw/: deterministic, current, and consistent with its
hand-written codebook and the reference files (tools/make_example_data.py writes it).

What the pipeline makes of it (respondents per round, recode, duplicates, stale codes,
trends) is tested in tests/test_example_rounds.py."""

from __future__ import annotations

import csv
import functools
import importlib
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pyreadstat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
BARO = RAW / "barometer"
CODEBOOK = BARO / "codebook.yaml"
REFERENCE_FILES = (
    "regions.csv",
    "municipalities.csv",
    "mergers.csv",
    "population.csv",
    "municipal_stats.csv",
)
SAVS = ("barometri_2009.sav", "barometri_2012.sav")
WEB = (
    ("barometri_2017_fi.xlsx", "fi"),
    ("barometri_2017_sv.csv", "sv"),
    ("barometri_2021_fi.xlsx", "fi"),
    ("barometri_2021_sv.csv", "sv"),
)
EXPORTS = (*SAVS, *(name for name, _ in WEB))
ROUNDS = (2009, 2012, 2017, 2021)
COLUMN_KEYS = ("respondent_id", "weight", "municipality", "region", "group")
REVERSED = {1: 5, 2: 4, 4: 2, 5: 1}
# respondents per round once the two exact double submissions of 2021 are dropped
RESPONDENTS = {2009: 386, 2012: 450, 2017: 353, 2021: 330}


# --------------------------------------------------------------------------- helpers


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
    raw = path.read_bytes()
    text = raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252")
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

    def successor(self, code: str, year: int) -> str:
        for old, new, since in self.mergers.itertuples(index=False):
            if code == old and int(since) <= year:
                code = new
        return code

    def region(self, code: str, year: int, target_year: int = 2021) -> str:
        """Region in ``target_year`` of a code; a code that had merged away before ``year``
        (a stale code) is followed through the mergers first."""
        code = self.successor(code, year)
        assert code in set(self.rows(year)["code"]), f"{code} not valid in {year}"
        code = self.successor(code, target_year)
        rows = self.rows(target_year)
        return str(rows.loc[rows["code"] == code, "region_code"].iloc[0])


def _groups_by_label() -> dict[str, str]:
    return {
        _fold(text): code
        for code, texts in _codebook()["groups"].items()
        for text in texts.values()
    }


def _web_body(name: str) -> list[list[Any]]:
    """Data rows of a web export without the exact double submissions."""
    body = _web_rows(BARO / name)[2:]
    unique: list[list[Any]] = []
    for row in body:
        if row not in unique:
            unique.append(row)
    return unique


def _strata(raw: Path = RAW) -> pd.DataFrame:
    """round, region (classification 2021), group of every respondent of every export."""
    cls = Classification(raw / "reference")
    parts = []
    for name in SAVS:
        export = _export(name)
        df, _ = _read_sav(raw / "barometer" / name)
        rnd = export["round"]
        parts.append(
            pd.DataFrame(
                {
                    "round": rnd,
                    "region": [
                        cls.region(f"{int(k):03d}", rnd) for k in df[export["municipality"]]
                    ],
                    "group": [str(int(g)) for g in df[export["group"]]],
                }
            )
        )
    groups = _groups_by_label()
    for name, _ in WEB:
        export = _export(name)
        rnd = export["round"]
        body = _web_body(name)
        munis = [str(r[export["municipality"] - 1]) for r in body]
        codes = [m if m.isdigit() else cls.code_of(m, rnd) for m in munis]
        parts.append(
            pd.DataFrame(
                {
                    "round": rnd,
                    "region": [cls.region(c, rnd) for c in codes],
                    "group": [groups[_fold(r[export["group"] - 1])] for r in body],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def generator() -> Any:
    import rounds_fixture  # noqa: F401 - puts tools/ on sys.path

    return importlib.import_module("make_example_data")


@pytest.fixture(scope="module")
def twice(generator: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example data generated into two fresh folders."""
    first = tmp_path_factory.mktemp("raw_a")
    second = tmp_path_factory.mktemp("raw_b")
    generator.generate(first)
    generator.generate(second)
    return first, second


# --------------------------------------------------------------------------- determinism


def test_every_file_is_byte_identical_between_runs(twice: tuple[Path, Path]) -> None:
    a, b = twice
    names = [Path("reference") / n for n in REFERENCE_FILES]
    names += [Path("barometer") / n for n in EXPORTS]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    written = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    assert written == set(names)


def test_committed_example_is_current(twice: tuple[Path, Path]) -> None:
    """Compared by content where a library version could change the bytes (.sav, .xlsx)."""
    fresh = twice[0]
    hint = "data/raw is out of date: run `python tools/make_example_data.py`"
    for name in REFERENCE_FILES:
        path = Path("reference") / name
        assert (RAW / path).read_bytes() == (fresh / path).read_bytes(), f"{path}: {hint}"
    for name, _ in WEB:
        assert _web_rows(BARO / name) == _web_rows(fresh / "barometer" / name), hint
    for name in SAVS:
        df_repo, meta_repo = _read_sav(BARO / name)
        df_new, meta_new = _read_sav(fresh / "barometer" / name)
        pd.testing.assert_frame_equal(df_repo, df_new, obj=hint)
        assert meta_repo.variable_value_labels == meta_new.variable_value_labels, hint


# --------------------------------------------------------------------------- codebook


def test_codebook_maps_every_round_with_its_own_item_set() -> None:
    book = _codebook()
    assert book["survey"] == "barometer"
    assert set(book["scales"]) == {"wellbeing5", "change3", "adequacy5"}
    assert sorted(book["groups"]) == ["1", "2", "3", "4", "5"]
    assert [e["file"] for e in book["exports"]] == list(EXPORTS)
    assert sorted({e["round"] for e in book["exports"]}) == list(ROUNDS)
    items = list(book["items"])
    assert len(items) == 27
    for export in book["exports"]:
        mapped = list(export["items"])
        assert mapped == [i for i in items if i in mapped], "codebook order in every export"
        missing = set(items) - set(mapped)
        expected = {
            2009: {"wb_carers"},
            2012: {"wb_carers"},
            2017: set(),
            2021: {"sv_adult_social_work"},
        }[export["round"]]
        assert missing == expected, export["file"]
    for item in book["items"].values():
        assert item["scale"] in book["scales"] and item["theme"] in book["themes"]
        assert set(item["label"]) == set(item["question"]) == {"fi", "sv", "en"}
    for rnd in (2017, 2021):
        fi, sv = _export(f"barometri_{rnd}_fi.xlsx"), _export(f"barometri_{rnd}_sv.csv")
        assert fi["items"] == sv["items"], "the Finnish and Swedish web exports share positions"


def test_2009_recode_flips_the_rating_scales_only() -> None:
    """An export-wide recode would flip the change scale (1 = improved) as well."""
    recode = _export("barometri_2009.sav")["recode"]
    assert recode == {"wellbeing5": REVERSED, "adequacy5": REVERSED}
    assert all("recode" not in e for e in _codebook()["exports"][1:])
    kinds = {s: v["kind"] for s, v in _codebook()["scales"].items()}
    assert {kinds[s] for s in recode} == {"rating"} and "change3" not in recode


def test_sav_variables_in_codebook_exist() -> None:
    labels = _codebook()["items"]
    for name in SAVS:
        export = _export(name)
        _, meta = pyreadstat.read_sav(str(BARO / name), metadataonly=True)
        for ref in _refs(export):
            assert ref in meta.column_names, (name, ref)
        for item, var in export["items"].items():
            assert meta.column_names_to_labels[var].endswith(labels[item]["label"]["fi"])


@pytest.mark.parametrize(("name", "language"), WEB)
def test_web_columns_in_codebook_exist(name: str, language: str) -> None:
    export = _export(name)
    assert export["language"] == language and export["header_rows"] == 2
    rows = _web_rows(BARO / name)
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
    for name in SAVS:
        df, _ = _read_sav(BARO / name)
        for item, var in _export(name)["items"].items():
            scale = book["scales"][book["items"][item]["scale"]]
            allowed = set(scale["codes"]) | set(scale["dont_know"])
            assert set(df[var].dropna().astype(int)) <= allowed, (name, var)


@pytest.mark.parametrize(("name", "language"), WEB)
def test_web_answers_are_labels_of_their_scale(name: str, language: str) -> None:
    book, export = _codebook(), _export(name)
    body = _web_rows(BARO / name)[2:]
    for item, pos in export["items"].items():
        scale = book["scales"][book["items"][item]["scale"]]
        texts = {**scale["codes"], **scale["dont_know"]}.values()
        allowed = {_fold(t[language]) for t in texts} | {""}
        assert {_fold(r[pos - 1]) for r in body} <= allowed, (name, item)
    groups = {_fold(t[language]) for t in book["groups"].values()}
    assert {_fold(r[export["group"] - 1]) for r in body} <= groups


# --------------------------------------------------------------------------- file formats


def test_sav_keeps_dont_know_as_user_missing() -> None:
    for name in SAVS:
        path = BARO / name
        kept, meta = _read_sav(path)
        dropped, _ = pyreadstat.read_sav(str(path))
        items = list(_export(name)["items"].values())
        for var in items:
            assert meta.missing_ranges[var] == [{"lo": 9.0, "hi": 9.0}]
            assert (kept[var] == 9).any(), var
            assert not (dropped[var] == 9).any(), var
        assert kept[items].isna().any().all(), "every item has some item non-response"
        assert meta.variable_value_labels[items[0]][9] == "En osaa sanoa"


def test_2009_value_labels_run_the_other_way_for_rating_items() -> None:
    _, meta = _read_sav(BARO / "barometri_2009.sav")
    book, export = _codebook(), _export("barometri_2009.sav")
    for item, var in export["items"].items():
        scale = book["scales"][book["items"][item]["scale"]]
        labels = meta.variable_value_labels[var]
        flip = REVERSED if scale["kind"] == "rating" else {}
        for code, text in scale["codes"].items():
            assert labels[flip.get(code, code)] == text["fi"], (var, code)
    assert meta.variable_value_labels["k1_1"][1] == "Erittäin hyvä"
    assert meta.variable_value_labels["k3_1"][5] == "Täysin riittämättömät"
    assert meta.variable_value_labels["k2_1"][1] == "Parantunut"
    _, meta_2012 = _read_sav(BARO / "barometri_2012.sav")
    assert meta_2012.variable_value_labels["q1_1"][1] == "Erittäin huono"


def test_sav_has_merged_and_moved_municipalities() -> None:
    for name in SAVS:
        export = _export(name)
        df, meta = _read_sav(BARO / name)
        kunta, region = df[export["municipality"]], df[export["region"]]
        assert {863, 164, 915, 152} <= set(kunta.astype(int)), name  # Töysä .. Isokyrö
        assert set(region[kunta == 152]) == {15}, "Isokyrö was in Pohjanmaa until 2020"
        assert meta.variable_value_labels[export["municipality"]][863] == "Töysä"


def test_2021_exports_carry_codes_a_stale_code_and_double_submissions() -> None:
    fi, sv = _export("barometri_2021_fi.xlsx"), _export("barometri_2021_sv.csv")
    fi_rows = _web_rows(BARO / fi["file"])[2:]
    sv_rows = _web_rows(BARO / sv["file"])[2:]
    fi_codes = [str(r[fi["municipality"] - 1]) for r in fi_rows]
    assert all(re.fullmatch(r"\d{3}", c) for c in fi_codes), "zero-padded codes as text"
    assert fi_codes.count("164") == 3, "Jalasjärvi's code, merged into Kurikka in 2016"
    assert "152" in fi_codes, "Isokyrö: Etelä-Pohjanmaa from 2021"
    for rows in (fi_rows, sv_rows):
        ids = [r[0] for r in rows]
        repeated = [i for i in set(ids) if ids.count(i) > 1]
        assert len(repeated) == 1, "one double submission per export"
        copies = [r for r in rows if r[0] == repeated[0]]
        assert copies[0] == copies[1], "every column equal"
    assert len(fi_rows) == 239 and len(sv_rows) == 93


def test_csv_exports_are_finnish_excel_csvs() -> None:
    raw_2017 = (BARO / "barometri_2017_sv.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw_2017.decode("utf-8")  # cp1252 with Swedish letters
    raw_2021 = (BARO / "barometri_2021_sv.csv").read_bytes()
    assert raw_2021.startswith(b"\xef\xbb\xbf") and "Närståendevårdare" in raw_2021.decode()
    for name, raw in (("barometri_2017_sv.csv", raw_2017), ("barometri_2021_sv.csv", raw_2021)):
        assert raw.count(b"\r\n") >= 93 and b"\r\n" in raw.splitlines(keepends=True)[0]
        rows = _web_rows(BARO / name)
        export = _export(name)
        weights = [r[export["weight"] - 1] for r in rows[2:]]
        assert all(re.fullmatch(r"\d+,\d{6}", w) for w in weights)
        free = [r[export["personal"][-1] - 1] for r in rows[2:]]
        assert any(";" in t for t in free) and any('"' in t for t in free), name
        assert any("\n" in t for t in free), name


def test_raw_folder_is_small() -> None:
    size = sum(p.stat().st_size for p in RAW.rglob("*") if p.is_file())
    assert size < 1_000_000


# --------------------------------------------------------------------------- reference files


def test_respondents_per_round() -> None:
    strata = _strata()
    assert strata.groupby("round").size().to_dict() == RESPONDENTS


def test_population_is_at_least_three_times_the_respondents() -> None:
    pop = pd.read_csv(RAW / "reference" / "population.csv", dtype=str)
    assert sorted(pop["round"].astype(int).unique()) == list(ROUNDS)
    pop["N"] = pop["N"].astype(int)
    big_n = pop.set_index(["round", "region_code", "group_code"])["N"]
    counts = _strata().groupby(["round", "region", "group"]).size()
    assert len(counts) == 4 * 3 * 5
    for (rnd, region, group), n in counts.items():
        assert big_n[(str(rnd), region, group)] >= 3 * n, (rnd, region, group)


def test_population_uses_regions_of_2021() -> None:
    cls = Classification(RAW / "reference")
    assert cls.region("152", 2009) == "14"  # Isokyrö: Pohjanmaa then, Etelä-Pohjanmaa now
    assert cls.region("915", 2012) == "15"  # Vähäkyrö -> Vaasa
    assert cls.region("164", 2021) == "14"  # a stale code: Jalasjärvi -> Kurikka
    munis = Classification(RAW / "reference").munis
    isokyro = munis[munis["code"] == "152"][["region_code", "valid_from", "valid_to"]]
    assert isokyro.values.tolist() == [["15", "2009", "2020"], ["14", "2021", ""]]


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
