"""The per-respondent columns of one export: respondent ids (none missing, none repeated),
their pseudonyms, and weights (positive numbers). Problems stop the run at the first row (in
file order) that has one.

Each function has a fast path for the fast CSV reader's categorical columns in the common
case (distinct whole-number ids, plain positive weights) and the general path, which reads
every distinct cell and reports the first bad one, for everything else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook, Export
from pipeline.errors import UserError, quote
from pipeline.ingest.values import (
    code_text,
    distinct,
    first_rows,
    is_blank,
    number_or_reason,
    plain_numbers,
)
from pipeline.io.readers import ColumnRef, RawTable


def pseudonymise(ids: Sequence[object], salt: str, context: str) -> np.ndarray:
    """Stable pseudonyms: a keyed BLAKE2b hash of (context, id) with the salt as key, as an
    object array; ``ids`` are distinct (each is hashed once).

    The same salt and export give the same pseudonyms in every run; without the salt they
    cannot be linked back to the raw ids. The hasher holding the key and the context is set
    up once and copied for each id, which gives the same digest as hashing
    ``f"{context}\x1f{id}"`` from scratch (the UTF-8 of a joined text is the join of the
    parts' UTF-8). A plain loop, no helper call per id and no factorisation of ids that are
    already distinct: 60 instead of 90 ms for 200,000 ids (hashing itself is most of it)."""
    key = hashlib.blake2b(salt.encode("utf-8"), digest_size=32).digest()
    copy = hashlib.blake2b(f"{context}\x1f".encode(), key=key, digest_size=8).copy
    out = []
    append = out.append
    for value in ids:
        hasher = copy()
        hasher.update(str(value).encode())
        append(hasher.hexdigest())
    return np.array(out, dtype=object)


def _plain_positive(column: pd.Series, decimal: str) -> np.ndarray | None:
    """The weights of a categorical weight column (the fast CSV reader's) when every cell is
    filled and every category is a plain positive number (:func:`plain_numbers`); None
    otherwise (the general path reads and reports them).

    Fast path (speed): the general path first merges the distinct cells that mean the same
    (blank texts) and orders them by first row (13 ms at 200,000 distinct weights); a plain
    number text is never blank, so here the categories are read as they are."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return None
    codes = np.asarray(column.cat.codes)
    if len(codes) == 0 or codes.min() < 0:
        return None
    values = plain_numbers(column.cat.categories.tolist(), decimal)
    if not (values > 0).all():
        return None
    return values[codes]


def export_weights(
    table: RawTable, ref: ColumnRef, export: Export, codebook: Codebook
) -> np.ndarray:
    def one(value: Any) -> float | str:
        if is_blank(value):
            return "is missing"
        number = number_or_reason(value, export.decimal, export.thousands)
        if isinstance(number, str):
            return number
        if number <= 0:
            return f"{number:g} is not positive"
        return number

    plain = _plain_positive(table.data[ref], export.decimal)
    if plain is not None:
        return plain
    firsts, inverse = distinct(table.data[ref])
    # every weight is distinct: plain positive numbers are read vectorised, the rest one by one
    values = plain_numbers(firsts, export.decimal)
    for j in np.flatnonzero(~(values > 0)):
        res = one(firsts[j])
        if isinstance(res, str):
            row = int(np.flatnonzero(inverse == j)[0])
            fix = (
                "every respondent needs a positive numeric weight; fix the export "
                "or remove 'weight' from the codebook to use weight 1"
            )
            if "separator" in res or "two ways" in res:
                fix = (
                    f"set decimal and thousands (' ', '.' or ',') in {export.where} of "
                    f"{codebook.path.name}, or fix the cell"
                )
            raise UserError(table.path, table.place(ref, row), f"weight {res}", fix)
        values[j] = res
    return values[inverse]


def _id_text(plain: float, value: Any) -> str:
    """code_text of an id cell ("" when blank), from its plain number when it has one."""
    if np.isfinite(plain) and plain == int(plain):
        return str(int(plain))
    return "" if is_blank(value) else code_text(value)


# "0" or a whole number without sign, white space or leading zeros, in at most 15 digits
# (exact in a float): the id text that _respondent_ids makes of such a cell is the cell itself
_CANONICAL_ID = r"^(0|[1-9][0-9]{0,14})$"


def _distinct_plain_ids(column: pd.Series) -> np.ndarray | None:
    """The ids of a categorical id column (the fast CSV reader's) whose cells are all
    different canonical whole numbers ("1", "2", ...): then no id is missing or repeated and
    each id text is the cell as it is. None for any other column (the general path).

    Fast path (speed): the general path reads every distinct cell as a number, turns it back
    into a text and numbers the texts again to find repeats (65 ms at 200,000 respondents);
    here one permutation check and one vectorised pattern match (~15 ms)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(column.dtype, pd.CategoricalDtype):
        return None
    codes = np.asarray(column.cat.codes)
    texts = np.asarray(column.cat.categories, dtype=object)
    n = len(codes)
    if n == 0 or len(texts) != n or codes.min() < 0:
        return None
    if np.count_nonzero(np.bincount(codes, minlength=n)) != n:
        return None  # some category is used twice (and another not at all)
    try:
        arr = pa.array(texts, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None  # not all texts
    if not pc.all(pc.match_substring_regex(arr, _CANONICAL_ID)).as_py():
        return None
    return texts[codes]


def respondent_ids(table: RawTable, ref: ColumnRef | None) -> np.ndarray:
    """The respondent ids as texts (object array); a missing or repeated id stops the run at
    the first row (in file order) that has either problem."""
    if ref is None:
        return np.array([str(r) for r in table.file_rows], dtype=object)
    plain_ids = _distinct_plain_ids(table.data[ref])
    if plain_ids is not None:
        return plain_ids
    firsts, inverse = distinct(table.data[ref])
    plain = plain_numbers(firsts, ",")  # code_text's reading, vectorised for the plain ones
    whole = np.isfinite(plain) & (plain == np.round(plain))
    texts = np.empty(len(firsts), dtype=object)
    texts[whole] = pd.Series(plain[whole].astype(np.int64)).astype(str).to_numpy(object)
    for j in np.flatnonzero(~whole):
        texts[j] = _id_text(plain[j], firsts[j])
    # "1" and "1.0" are the same id: number the distinct texts, then find repeats
    distinct_code = pd.factorize(texts)[0]
    text_code = distinct_code[inverse]
    first = first_rows(text_code, int(distinct_code.max(initial=-1)) + 1)[text_code]
    missing = texts[inverse] == ""
    repeated = (first != np.arange(len(text_code))) & ~missing
    bad = np.flatnonzero(missing | repeated)
    if bad.size:
        i = int(bad[0])
        if missing[i]:
            raise UserError(
                table.path,
                table.place(ref, i),
                "respondent id is missing",
                "fill it in, or remove respondent_id from the codebook to use row numbers",
            )
        rid = texts[inverse[i]]
        raise UserError(
            table.path,
            table.place(ref, i),
            f"duplicate respondent id {quote(rid)} (also in {table.row_word} "
            f"{table.file_rows[int(first[i])]})",
            "each respondent must appear once; remove the duplicate rows",
        )
    return texts[inverse]
