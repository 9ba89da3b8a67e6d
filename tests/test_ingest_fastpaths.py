"""The fast paths of ingest (issue 14) give what the general paths give.

The fast CSV reader hands ingest categorical columns; ids, weights and item columns then take
shortcuts (per category instead of per distinct cell). Each test reads a CSV export with the
fast reader and compares the result with the same cells as plain object columns, which take
the general path."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from minidata import make_raw

from pipeline.codebook import load_codebook
from pipeline.errors import UserError
from pipeline.ingest.items import _by_category, classify_items
from pipeline.ingest.respondents import (
    _distinct_plain_ids,
    _plain_positive,
    export_weights,
    pseudonymise,
    respondent_ids,
)
from pipeline.io.fastcsv import _column_bound, _has_hex_prefix
from pipeline.io.readers import RawTable, read_export

HEADER = "id,kunta,ryhma,paino,q1,q2"
SCALE = """\
survey: fast
title: {fi: Nopea}
scales:
  rating5:
    kind: rating
    codes: {1: {fi: '1'}, 2: {fi: '2'}, 3: {fi: '3'}, 4: {fi: '4'}, 5: {fi: '5'}}
    top: [4, 5]
    bottom: [1, 2]
    dont_know: {9: {fi: EOS}}
    missing: [99, "ei vastausta"]
groups: {'1': {fi: Ryhmä 1}, '2': {fi: Ryhmä 2}}
items:
  a: {scale: rating5, label: {fi: A}}
  b: {scale: rating5, label: {fi: B}}
exports:
  - file: export.csv
    round: 2021
    language: fi
    separator: ','
    decimal: '.'
    respondent_id: id
    municipality: kunta
    group: ryhma
    weight: paino
    items: {a: q1, b: q2}
"""


def _export(tmp_path: Path, rows: list[str]):  # type: ignore[no-untyped-def]
    raw = make_raw(tmp_path) / "raw"
    folder = raw / "fast"
    folder.mkdir()
    (folder / "codebook.yaml").write_text(SCALE, encoding="utf-8")
    (folder / "export.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    codebook = load_codebook(folder / "codebook.yaml")
    export = codebook.exports[0]
    refs = ["id", "kunta", "ryhma", "paino", "q1", "q2"]
    table = read_export(export.file, refs, separator=",", numeric=["q1", "q2"])
    return codebook, export, table


def _general(table: RawTable) -> RawTable:
    """The same cells as object columns (as the row-wise and .xlsx readers give them)."""
    data = pd.DataFrame({c: table.data[c].astype(object).to_numpy() for c in table.data})
    return dataclasses.replace(table, data=data)


def _rows(n: int, rng: np.random.Generator) -> list[str]:
    codes = ["1", "2", "3", "4", "5", "9", "", "99"]
    return [
        f"{i + 1},049,{1 + i % 2},{rng.uniform(0.2, 5):.6f},{rng.choice(codes)},{rng.choice(codes)}"
        for i in range(n)
    ]


def test_fast_and_general_paths_agree(tmp_path: Path) -> None:
    codebook, export, table = _export(tmp_path, _rows(400, np.random.default_rng(7)))
    assert isinstance(table.data["q1"].dtype, pd.CategoricalDtype)  # the fast reader's
    general = _general(table)
    # the shortcuts are taken for the fast reader's columns only
    assert _distinct_plain_ids(table.data["id"]) is not None
    assert _plain_positive(table.data["paino"], ".") is not None
    assert _by_category(table.data["q1"], lambda v: (0.0, "valid", False)) is not None
    assert _distinct_plain_ids(general.data["id"]) is None
    assert _plain_positive(general.data["paino"], ".") is None
    ids = respondent_ids(table, "id")
    assert ids.tolist() == [str(i) for i in range(1, 401)]
    assert ids.tolist() == respondent_ids(general, "id").tolist()
    weights = export_weights(table, "paino", export, codebook)
    np.testing.assert_array_equal(weights, export_weights(general, "paino", export, codebook))
    assert weights.dtype == np.float64 and (weights > 0.2).all()
    fast = classify_items(table, export, codebook, ["a", "b"])
    slow = classify_items(general, export, codebook, ["a", "b"])
    np.testing.assert_array_equal(fast[0], slow[0])  # NaN == NaN here
    np.testing.assert_array_equal(fast[1], slow[1])
    assert fast[2] == slow[2] and fast[2]["a"] > 0  # 99 is declared missing
    cells = table.data["q1"].astype(object).to_numpy()
    expected = [float(c) if c in {1, 2, 3, 4, 5, 9} else np.nan for c in cells]
    np.testing.assert_array_equal(fast[0][:, 0], np.array(expected, dtype=np.float32))


@pytest.mark.parametrize(
    ("cell", "ids", "fast"),
    [
        (" 7", None, False),  # padded: the general path strips it
        ("07", None, False),  # leading zero: read as the number 7
        ("7.0", None, False),  # the same id as 7
        ("A7", ["1", "2", "3", "4", "5", "6", "A7", "8"], False),
        ("1234567890123456", ["1", "2", "3", "4", "5", "6", "1234567890123456", "8"], False),
        ("0", ["1", "2", "3", "4", "5", "6", "0", "8"], True),
    ],
)
def test_ids_in_and_outside_the_fast_path(
    tmp_path: Path, cell: str, ids: list[str] | None, fast: bool
) -> None:
    rows = _rows(8, np.random.default_rng(1))
    rows[6] = cell + rows[6][rows[6].index(",") :]
    _, _, table = _export(tmp_path, rows)
    assert (_distinct_plain_ids(table.data["id"]) is not None) == fast
    got = respondent_ids(table, "id").tolist()
    assert got == respondent_ids(_general(table), "id").tolist()
    assert got == (ids or ["1", "2", "3", "4", "5", "6", "7", "8"])


def test_a_repeated_id_is_reported_at_its_row(tmp_path: Path) -> None:
    rows = _rows(8, np.random.default_rng(1))
    rows[6] = "3" + rows[6][rows[6].index(",") :]
    _, _, table = _export(tmp_path, rows)
    with pytest.raises(
        UserError, match=re.escape("row 8: duplicate respondent id '3' (also in row 4)")
    ):
        respondent_ids(table, "id")


@pytest.mark.parametrize(
    ("cell", "message"),
    [("0", "row 4: weight 0 is not positive"), ("", "row 4: weight is missing")],
)
def test_a_bad_weight_is_reported_at_its_row(tmp_path: Path, cell: str, message: str) -> None:
    rows = _rows(8, np.random.default_rng(1))
    parts = rows[2].split(",")
    parts[3] = cell
    rows[2] = ",".join(parts)
    codebook, export, table = _export(tmp_path, rows)
    with pytest.raises(UserError, match=re.escape(message)):
        export_weights(table, "paino", export, codebook)


def test_an_item_cell_off_the_scale_is_reported_at_its_first_row(tmp_path: Path) -> None:
    rows = _rows(300, np.random.default_rng(3))
    for i in (250, 120):  # the earlier row is named, whatever order the categories are in
        parts = rows[i].split(",")
        parts[5] = "7"
        rows[i] = ",".join(parts)
    codebook, export, table = _export(tmp_path, rows)
    with pytest.raises(UserError, match=re.escape("row 122: '7' is not on the scale")):
        classify_items(table, export, codebook, ["a", "b"])


def test_pseudonyms_are_keyed_hashes_of_context_and_id() -> None:
    import hashlib

    key = hashlib.blake2b(b"salt", digest_size=32).digest()
    want = hashlib.blake2b(b"ctx\x1f12", key=key, digest_size=8).hexdigest()
    got = pseudonymise(np.array(["12", "13"], dtype=object), "salt", "ctx")
    assert got[0] == want and got[1] != want and len(got) == 2


@pytest.mark.parametrize("lines", [1, 2, 49, 50, 51, 120])
def test_column_bound_reads_the_first_fifty_lines(lines: int) -> None:
    text = "\n".join("a,b" if i != 49 else "a,b,c,d,e" for i in range(lines))
    for body in (text, text + "\n"):
        want = max(line.count(",") for line in body.split("\n", 50)[:50]) + 1
        assert _column_bound(body, ",") == want
    assert _column_bound(text, ",") == (5 if lines >= 50 else 2)


@pytest.mark.parametrize(
    "text", ["", "x", "0", "0x", "a0X1", "X0", "x0", "0 x", "ab\n0x4", "12,0X"]
)
def test_hex_prefix(text: str) -> None:
    assert _has_hex_prefix(text) == ("0x" in text or "0X" in text)
