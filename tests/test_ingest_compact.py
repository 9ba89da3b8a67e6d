"""Issue 14: the fast CSV reader reads what the row-wise reader reads, ``responses`` is compact
(categoricals, small integer codes) and ``responses.csv`` follows ``ingest.responses_csv``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from minidata import make_raw

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import UserError
from pipeline.io import fastcsv, readers
from pipeline.io.readers import read_export
from pipeline.io.writers import SPREADSHEET_ROWS, responses_csv_wanted, write_responses

# Quoted separators and line breaks, white space around codes, a leading blank line, blank
# rows inside the data, a two-row header, an exact repeat and a repeat that differs only in
# white space (the same submission) and one that differs in an unmapped column.
QUIRKY = (
    ";;;;\n"
    ';;"Arvioi ""lasten""\nhyvinvointi";;\n'
    'id;kunta;"Lapset";Nuoret;email\n'
    "1;091; 4 ;5;a@b.fi\n"
    ";;;;\n"
    '2;"049";EOS;;c@d.fi\n'
    "3;091; 4;5;a@b.fi\n"
    "1;091;4;5 ;a@b.fi\n"
    '4;091;3;"2;x";e@f.fi\n'
    "\n"
    "1;091; 4 ;5;other@b.fi\n"
)


def _both(path: Path, refs: list, header_rows: int) -> tuple:
    fast = read_export(path, refs, header_rows=header_rows, separator=";")
    slow_reader = fastcsv.read_csv_fast
    try:
        fastcsv.read_csv_fast = lambda *a, **k: None  # force the row-wise reader
        slow = read_export(path, refs, header_rows=header_rows, separator=";")
    finally:
        fastcsv.read_csv_fast = slow_reader
    return fast, slow


def test_fast_csv_reader_reads_what_the_row_wise_reader_reads(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(QUIRKY, encoding="utf-8")
    refs = ["id", 2, "Lapset", 4]
    assert fastcsv.read_csv_fast(path, QUIRKY, ";", refs, 2) is not None  # the fast path ran
    fast, slow = _both(path, refs, 2)
    assert isinstance(fast.row_digests, np.ndarray) and isinstance(slow.row_digests, list)
    for ref in refs:
        assert fast.data[ref].astype(object).tolist() == slow.data[ref].tolist()
    assert fast.file_rows == slow.file_rows == [4, 6, 7, 8, 9, 11]
    assert fast.blank_rows == slow.blank_rows == 2
    assert fast.names == slow.names
    assert fast.header_cells == slow.header_cells
    assert fast.header_cells["Lapset"][0] == 'Arvioi "lasten"\nhyvinvointi'
    assert fast.data[4].astype(object).tolist()[4] == "2;x"
    # rows 4 and 8 are the same submission (white space aside); row 11 differs in email
    assert fast.exact_duplicates() == slow.exact_duplicates() == {3: 0}
    assert fast.separator == slow.separator


def test_irregular_csv_goes_to_the_row_wise_reader(tmp_path: Path) -> None:
    ragged = "a;b\n1;2\n3;4;5\n"
    path = tmp_path / "ragged.csv"
    path.write_text(ragged, encoding="utf-8")
    assert fastcsv.read_csv_fast(path, ragged, ";", ["a"], 1) is None
    with pytest.raises(UserError, match="has 3 fields but the header has 2"):
        read_export(path, ["a"], separator=";")


def test_exact_duplicates_from_digests_and_keys() -> None:
    table = readers.RawTable(Path("x.csv"), pd.DataFrame({"a": [1, 2, 1, 1]}), {}, [2, 3, 4, 5])
    table.row_digests = [b"x", b"y", b"x", b"x"]
    assert table.exact_duplicates() == {2: 0, 3: 0}
    table.row_digests = np.array([7, 3, 7, 3])
    assert table.exact_duplicates() == {2: 0, 3: 1}
    kept = table.without_rows([2])
    assert kept.file_rows == [2, 3, 5] and kept.row_digests.tolist() == [7, 3, 3]


def _ingest(root: Path) -> int:
    return main(
        ["ingest", "-q", "--params", str(root / "params.yaml"), "--raw", str(root / "raw")]
        + ["--processed", str(root / "processed"), "--reports", str(root / "reports")]
    )


def _set_policy(root: Path, policy: str) -> None:
    params = yaml.safe_load((root / "params.yaml").read_text(encoding="utf-8"))
    params.setdefault("ingest", {})["responses_csv"] = policy
    (root / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")


def test_responses_are_compact_and_read_back_as_categoricals(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    assert _ingest(root) == 0
    df = pd.read_parquet(root / "processed" / "responses.parquet")
    for col in ("survey", "respondent_id", "municipality_code", "region_code", "group_code"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert isinstance(df["item"].dtype, pd.CategoricalDtype)
    assert list(df["status"].cat.categories) == ["valid", "dont_know", "missing"]
    assert str(df["code"].dtype) == "Int8" and str(df["round"].dtype) == "int16"
    assert (df["code"].isna() == (df["status"] == "missing")).all()
    # the auto policy writes the full CSV of a small table, codes without ".0"
    csv = pd.read_csv(root / "processed" / "responses.csv", dtype=str, keep_default_na=False)
    assert len(csv) == len(df)
    assert set(csv["code"]) - {""} <= {str(c) for c in range(0, 128)}


def test_responses_csv_policy(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    _set_policy(root, "never")
    assert _ingest(root) == 0
    note = pd.read_csv(root / "processed" / "responses.csv")
    assert list(note.columns) == ["note"] and len(note) == 1
    assert "ingest.responses_csv is never" in note["note"].iloc[0]
    assert "responses.parquet" in note["note"].iloc[0]
    _set_policy(root, "always")
    assert _ingest(root) == 0
    full = pd.read_csv(root / "processed" / "responses.csv")
    assert len(full) == len(pd.read_parquet(root / "processed" / "responses.parquet"))
    _set_policy(root, "sometimes")
    with pytest.raises(UserError, match=r"responses_csv.*unknown value 'sometimes'"):
        load_config(root / "params.yaml")


def test_spreadsheet_limit() -> None:
    assert responses_csv_wanted(SPREADSHEET_ROWS - 1, "auto")  # + the header row: fits
    assert not responses_csv_wanted(SPREADSHEET_ROWS, "auto")
    assert responses_csv_wanted(10**8, "always") and not responses_csv_wanted(5, "never")


def test_large_dictionary_written_per_row_group(tmp_path: Path, monkeypatch) -> None:
    import pyarrow.parquet as pq

    from pipeline.io import writers

    monkeypatch.setattr(writers, "ROW_GROUP", 4)
    monkeypatch.setattr(writers, "LARGE_DICTIONARY", 5)
    ids = [f"id{i:02d}" for i in range(12)]
    df = pd.DataFrame(
        {
            "respondent_id": pd.Categorical(np.repeat(ids, 2)),
            "item": pd.Categorical(["a", "b"] * 12),
            "code": pd.array([1, None] * 12, dtype="Int8"),
        }
    )
    paths = write_responses(df, tmp_path, "never")
    meta = pq.ParquetFile(paths[0]).metadata
    assert meta.num_row_groups == 6
    back = pd.read_parquet(paths[0])
    assert back["respondent_id"].astype(str).tolist() == np.repeat(ids, 2).tolist()
    assert back["code"].tolist() == df["code"].tolist()
    first = pq.ParquetFile(paths[0]).read_row_group(0).column("respondent_id")
    assert len(first.chunk(0).dictionary) == 2  # only its own respondents
