"""Issue 14: ingest writes ``responses`` range by range (``LongTable``), in a thread beside the
other outputs. The ranges must make exactly the whole table, whatever the row group size, the
exports and the respondents a range cuts through; a failing range or a failing main thread
must leave no file behind."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.io import parquet, writers
from pipeline.io.schemas import SchemaViolation, check_rows

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw"


@functools.cache
def _example():  # the example's IngestResult (several exports, rounds and languages)
    from pipeline.codebook import load_codebook
    from pipeline.ingest.core import ingest_survey
    from pipeline.io.reference import load_reference

    codebook = load_codebook(EXAMPLE / "barometer" / "codebook.yaml")
    return ingest_survey(codebook, load_reference(EXAMPLE / "reference"), 2021, "salt")


def test_ranges_make_the_whole_table() -> None:
    table = _example().table
    whole = table.frame()
    assert len(table.results) >= 4 and len(whole) == table.rows
    assert whole["round"].nunique() >= 4
    # 7 and 1000 do not divide any export's items per respondent: ranges start and end
    # inside a respondent and across exports
    for size in (7, 1000, table.rows):
        parts = [table.frame(a, b) for a, b in table.ranges(size)]
        assert [len(p) for p in parts[:-1]] == [size] * (len(parts) - 1)
        glued = pd.concat(parts, ignore_index=True)
        pd.testing.assert_frame_equal(glued, whole)
    assert len(table.frame(0, 0)) == 0 and list(table.frame(0, 0).dtypes) == list(whole.dtypes)
    # the same table as one DataFrame per export would give: respondent-major, items in order
    first = table.results[0]
    k = len(first.items)
    head = whole.iloc[: 3 * k]
    assert head["item"].astype(str).tolist() == list(first.items) * 3
    assert (
        head["respondent_id"].astype(str).tolist()
        == np.repeat(first.respondents["respondent_id"].iloc[:3].to_numpy(object), k).tolist()
    )
    codes = first.codes[:3].reshape(-1)
    assert head["code"].isna().tolist() == np.isnan(codes).tolist()
    assert head["code"].dropna().tolist() == codes[~np.isnan(codes)].astype(int).tolist()


def test_row_groups_read_back_as_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = _example().table
    monkeypatch.setattr(parquet, "ROW_GROUP", 1000)
    monkeypatch.setattr(parquet, "LARGE_DICTIONARY", 50)  # pseudonyms pruned per row group
    checked: list[int] = []

    def check(df: pd.DataFrame) -> None:
        check_rows(df)
        checked.append(len(df))

    writers.write_responses(table, tmp_path, "never", check=check)
    assert sum(checked) == table.rows and checked[0] == 1000
    path = tmp_path / "responses.parquet"
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == len(checked)
    back = writers.read_responses(tmp_path)
    whole = table.frame()
    for col in whole.columns:
        if isinstance(whole[col].dtype, pd.CategoricalDtype):
            assert back[col].astype(object).tolist() == whole[col].astype(object).tolist(), col
        else:
            assert back[col].tolist() == whole[col].tolist(), col
    # each row group holds only its own respondents' pseudonyms
    for g in (0, meta.num_row_groups - 1):
        part = pq.ParquetFile(path).read_row_group(g).column("respondent_id").combine_chunks()
        assert len(part.dictionary) == len(set(part.to_pylist()))
    assert "responses.parquet" in (tmp_path / "responses.csv").read_text()


def test_a_failing_range_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = _example().table
    monkeypatch.setattr(parquet, "ROW_GROUP", 1000)
    seen: list[int] = []

    def check(df: pd.DataFrame) -> None:
        seen.append(len(df))
        if len(seen) == 3:
            raise SchemaViolation("third range broken (simulated)")

    with pytest.raises(SchemaViolation, match="third range"), writers.output_set():
        writers.write_responses(table, tmp_path, "never", check=check)
    assert seen == [1000, 1000, 1000]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_check_rows_finds_a_bad_weight_in_a_range() -> None:
    table = _example().table
    part = table.frame(2000, 3000)
    check_rows(part)
    part = part.copy()
    part.loc[part.index[5], "weight"] = -1.0
    with pytest.raises(SchemaViolation, match=r"weight.*not positive.*-1\.0"):
        check_rows(part)


def test_consecutive_codes_prune_as_the_general_way() -> None:
    """The fast path (a run of consecutive codes -> a slice of the dictionary) must give what
    the general way gives: the used categories in their order."""
    words = pa.array([f"p{i:03d}" for i in range(300)])
    arrow_type = pa.dictionary(pa.int32(), pa.string())
    cats = pd.Index(words.to_pylist(), dtype=object)
    for codes in (
        np.repeat(np.arange(40, 90, dtype=np.int16), 3),  # consecutive: fast path
        np.array([5, 5, 9, 7, 7], dtype=np.int16),  # not consecutive: general way
        np.array([-1, 3, 4], dtype=np.int16),  # a missing value: general way
    ):
        series = pd.Series(pd.Categorical.from_codes(codes, categories=cats))
        got = parquet._dictionary_part(series, words, True, arrow_type)
        pruned = series.cat.remove_unused_categories()
        assert got.dictionary.to_pylist() == list(pruned.cat.categories)
        assert got.to_pylist() == series.astype(object).where(series.notna(), None).tolist()


def test_in_background_waits_and_raises(tmp_path: Path) -> None:
    started, release = threading.Event(), threading.Event()

    def job(target: Path) -> None:
        started.set()
        release.wait(5)
        writers.write_json({"a": 1}, target)

    # the main block fails: the job is waited for and nothing is kept
    with (
        pytest.raises(RuntimeError, match="main failed"),
        writers.output_set(),
        writers.in_background(job, tmp_path / "job.json"),
    ):
        started.wait(5)
        writers.write_json({"b": 2}, tmp_path / "main.json")
        release.set()
        raise RuntimeError("main failed")
    assert list(tmp_path.iterdir()) == []

    def broken() -> None:
        raise OSError("disk full (simulated)")

    # the job fails: leaving the block raises its error, nothing is kept
    with (
        pytest.raises(OSError, match="disk full"),
        writers.output_set(),
        writers.in_background(broken),
    ):
        writers.write_json({"b": 2}, tmp_path / "main.json")
    assert list(tmp_path.iterdir()) == []

    release.set()
    with writers.output_set(), writers.in_background(job, tmp_path / "job.json"):
        writers.write_json({"b": 2}, tmp_path / "main.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["job.json", "main.json"]
