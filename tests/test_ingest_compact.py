"""Issue 14: the fast CSV reader reads what the row-wise reader reads, ``responses`` is compact
(categoricals, small integer codes) and ``responses.csv`` follows ``ingest.responses_csv``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from helpers.stage_run import run_stage
from minidata import make_raw

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


# Item columns holding only integer codes (white space and leading zeros around some), a
# leading blank row, a blank row inside the data, ids different in every row.
CODES = ";;;\nid;kunta;q1;q2\n1;091; 4 ;5\n2;049;;9\n;;;\n3;091;04;1\n4;091;3;\n"


def _typed(path: Path, text: str) -> readers.RawTable | None:
    return fastcsv.read_csv_fast(path, text, ";", ["id", "kunta", "q1", "q2"], 1, ["q1", "q2"])


def _cells(table: readers.RawTable, ref: str) -> list:
    return [None if pd.isna(v) else v for v in table.data[ref].astype(object)]


def test_item_columns_of_integer_codes_are_read_as_integers(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text(CODES, encoding="utf-8")
    typed = _typed(path, CODES)
    text = fastcsv.read_csv_fast(path, CODES, ";", ["id", "kunta", "q1", "q2"], 1)
    assert typed is not None and text is not None
    assert _cells(typed, "q1") == [4, None, 4, 3]  # as as_code reads them; empty: missing
    assert _cells(typed, "q2") == [5, 9, 1, None]
    assert text.data["q1"].astype(object).tolist() == [" 4 ", "", "04", "3"]
    # ids and municipality codes keep their text: "091" is not 91
    assert typed.data["kunta"].astype(object).tolist() == ["091", "049", "091", "091"]
    for attr in ("file_rows", "blank_rows", "names", "header_cells", "separator"):
        assert getattr(typed, attr) == getattr(text, attr), attr
    assert typed.file_rows == [3, 4, 6, 7] and typed.blank_rows == 1
    assert typed.exact_duplicates() == text.exact_duplicates() == {}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ("3;091;04;1", "3;091;EOS;1"),  # a label: not an integer code
        ("3;091;04;1", "3;091;4.0;1"),  # a decimal
        ("3;091;04;1", "3;091; ;1"),  # white space only
        ("3;091;04;1", "3;091;0x4;1"),  # pyarrow would read hex, as_code does not
    ],
)
def test_item_columns_with_other_cells_are_read_as_text(
    tmp_path: Path, change: str, why: str
) -> None:
    text = CODES.replace(change, why)
    path = tmp_path / "codes.csv"
    path.write_text(text, encoding="utf-8")
    table = _typed(path, text)
    assert table is not None
    assert table.data["q1"].astype(object).tolist()[2] == why.split(";")[2]
    # only that column is read as text; a file with "0x" anywhere is read as text
    assert _cells(table, "q2")[0] == ("5" if "0x" in why else 5)


def test_two_item_columns_with_labels_read_the_file_as_text(tmp_path: Path) -> None:
    text = CODES.replace("3;091;04;1", "3;091;EOS;EOS")
    path = tmp_path / "codes.csv"
    path.write_text(text, encoding="utf-8")
    table = _typed(path, text)
    assert table is not None
    assert _cells(table, "q1") == [" 4 ", "", "EOS", "3"]
    assert _cells(table, "q2") == ["5", "9", "EOS", ""]


def _long_export(labels: dict[int, str]) -> str:
    """20,000 rows of integer codes (beyond the first block pyarrow parses for the header),
    with a label in column q1 or q2 at the given rows."""
    lines = ["id;kunta;q1;q2"]
    for i in range(20000):
        cells = [str(i + 1), "091", str(i % 5 + 1), str(i % 3 + 1)]
        for col, row in labels.items():
            if row == i:
                cells[col] = "EOS"
        lines.append(";".join(cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("labels", "q2_typed"), [({2: 15000}, True), ({2: 15000, 3: 18000}, False)]
)
def test_labels_deep_in_the_file(tmp_path: Path, labels: dict, q2_typed: bool) -> None:
    # one column with a label: that column is text, the other stays integers; two: all text
    text = _long_export(labels)
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    table = _typed(path, text)
    assert table is not None
    assert _cells(table, "q1")[14999:15001] == ["5", "EOS"]
    assert _cells(table, "q2")[:2] == ([1, 2] if q2_typed else ["1", "2"])
    assert table.file_rows[-1] == 20001 and table.exact_duplicates() == {}


def test_rows_that_may_repeat_are_compared_by_their_texts(tmp_path: Path) -> None:
    # ids repeat: only the item cells tell the rows apart, "04" and "4" are not the same
    text = "id;q1;q2\n1;04;5\n1;4;5\n1; 4;5\n"
    path = tmp_path / "repeat.csv"
    path.write_text(text, encoding="utf-8")
    table = fastcsv.read_csv_fast(path, text, ";", ["id", "q1", "q2"], 1, ["q1", "q2"])
    assert table is not None
    assert table.data["q1"].astype(object).tolist() == ["04", "4", " 4"]  # read as text
    assert table.exact_duplicates() == {2: 1}  # " 4" is "4" stripped, "04" is not


def test_plain_numbers_read_as_parse_number_reads() -> None:
    from pipeline.ingest.values import parse_number, plain_numbers

    values = ["12", " 3.5 ", "3,5", "+4", "-0", "-7.25", "1e5", "1.234,5", "abc", "", " "]
    values += [None, 3.0, "\xa012", "\u0661\u0662", "0.1", "123456789012345", "007", "\t8\n"]
    values += ["1234567890123456", "9.", ".5", "1 000", "0.30000000000000004", "\x1c5"]
    for decimal in (".", ","):
        got = plain_numbers(values, decimal)
        for value, number in zip(values, got, strict=True):
            if not np.isnan(number):  # vectorised: exactly what parse_number reads
                assert number == parse_number(value, decimal), (value, decimal)
        plain = [v for v, n in zip(values, got, strict=True) if not np.isnan(n)]
        if decimal == ".":
            expected = ["12", " 3.5 ", "+4", "-0", "-7.25", "0.1", "123456789012345"]
            assert plain == [*expected, "007", "\t8\n"]
        else:
            assert "3,5" in plain and " 3.5 " not in plain


def test_exact_duplicates_from_digests_and_keys() -> None:
    table = readers.RawTable(Path("x.csv"), pd.DataFrame({"a": [1, 2, 1, 1]}), {}, [2, 3, 4, 5])
    table.row_digests = [b"x", b"y", b"x", b"x"]
    assert table.exact_duplicates() == {2: 0, 3: 0}
    table.row_digests = np.array([7, 3, 7, 3])
    assert table.exact_duplicates() == {2: 0, 3: 1}
    kept = table.without_rows([2])
    assert kept.file_rows == [2, 3, 5] and kept.row_digests.tolist() == [7, 3, 3]


def _set_policy(root: Path, policy: str) -> None:
    params = yaml.safe_load((root / "params.yaml").read_text(encoding="utf-8"))
    params.setdefault("ingest", {})["responses_csv"] = policy
    (root / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")


def test_responses_are_compact_and_read_back_as_categoricals(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    assert run_stage("ingest", root) == 0
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
    assert run_stage("ingest", root) == 0
    note = pd.read_csv(root / "processed" / "responses.csv")
    assert list(note.columns) == ["note"] and len(note) == 1
    assert "ingest.responses_csv is never" in note["note"].iloc[0]
    assert "responses.parquet" in note["note"].iloc[0]
    _set_policy(root, "always")
    assert run_stage("ingest", root) == 0
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

    from pipeline.io import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP", 4)
    monkeypatch.setattr(parquet, "LARGE_DICTIONARY", 5)
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


def test_blank_texts_vectorised_as_str_strip() -> None:
    from pipeline.ingest.values import blank_texts
    from pipeline.io.digests import ASCII_STRIP

    assert sorted(ASCII_STRIP) == [c for c in map(chr, range(128)) if not c.strip()]
    odd = ["", " ", "\t\n", "\x1c", "\x1f 1", " a ", "0", "\xa0", "\u2003", "x\u2003"]
    for texts in (odd * 200, [t for t in odd if t.isascii()] * 200):  # Python / pyarrow
        texts = np.array(texts, dtype=object)
        assert blank_texts(texts).tolist() == [not t.strip() for t in texts]
