"""Property-based tests of the readers and ingest: random valid web exports read back exactly;
random corruptions of valid exports give a clean result or a user error, never a crash."""

from __future__ import annotations

import csv
import functools
import io
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from helpers.stage_run import run_stage
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from minidata import CHANGE_FI, CHANGE_SV, RATING_FI, RATING_SV, make_raw

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MUNIS = [
    ("Alavus", "Alavus", "010"),
    ("Storkyro", "Storkyro", "152"),
    ("Vasa", "Vasa", "905"),
    ("Karleby", "Karleby", "272"),
    ("Seinäjoki", "Seinäjoki", "743"),
]
GROUPS = ["Kommunal förtroendevald", "Social- och hälsovårdsledning"]


def _noisy(text: str, case: int, pad: int) -> str:
    """The same label as a web tool or a person might type it."""
    text = [text, text.upper(), text.lower()][case]
    return " " * pad + text.replace(" ", "\u00a0" if pad == 2 else " ") + " " * (pad % 2)


answer = st.tuples(
    st.sampled_from([None, 1, 2, 3, 4, 5, 9]),  # rating
    st.sampled_from([None, 1, 2, 3, 9]),  # change
    st.integers(0, 2),  # case
    st.integers(0, 2),  # padding / NBSP
    st.sampled_from(range(len(MUNIS))),
    st.integers(0, 1),  # group
    st.floats(0.5, 50, allow_nan=False).map(lambda w: round(w, 6)),
)


@SETTINGS
@given(
    rows=st.lists(answer, min_size=1, max_size=25),
    sep=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\r\n", "\n"]),
)
def test_random_valid_csv_reads_back(tmp_path_factory, rows, sep, encoding, newline) -> None:
    root = make_raw(tmp_path_factory.mktemp("prop"))
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=newline)
    w.writerow(
        ["Respondentnummer", "E-post", "Kommun", "Respondentgrupp", "Bedöm", "", "Öppen", "Vikt"]
    )
    w.writerow(["", "", "", "", "Barn", "Barn", "", ""])
    for i, (q1, q2, case, pad, m, g, wt) in enumerate(rows, start=1):
        rating = _noisy(RATING_SV[q1], case, pad) if q1 else ""
        change = _noisy(CHANGE_SV[q2], case, pad) if q2 else ""
        weight = f"{wt:.6f}".replace(".", ",") if sep != "," else f"{wt:.6f}"
        w.writerow([i, "", _noisy(MUNIS[m][1], case, 0), GROUPS[g], rating, change, "", weight])
    path = root / "raw/barometer/mini_2017_sv.csv"
    path.write_bytes(buf.getvalue().encode(encoding))
    # random weights 0.5-50 over a few respondents are no survey: one may hold most of the
    # round's weight total, which analyse.max_weight_share rightly refuses; this test is about
    # reading the values back, so the share limit is lifted (tested in the bad-input corpus)
    params = root / "params.yaml"
    params.write_text(
        params.read_text().replace("  min_cell: 1\n", "  min_cell: 1\n  max_weight_share: 1.0\n")
    )
    # only the export under test: the codebook's other exports (.sav, .xlsx) are the same in
    # every example and would only be read again
    cb = root / "raw/barometer/codebook.yaml"
    text = cb.read_text(encoding="utf-8")
    exports = text.index("  - file: mini_2012.sav\n")
    text = text[:exports] + text[text.index("  - file: mini_2017_sv.csv\n") :]
    if sep == ",":  # the codebook's decimal mark for this export
        text = text.replace(
            "  - file: mini_2017_sv.csv\n", "  - file: mini_2017_sv.csv\n    decimal: '.'\n"
        )
    cb.write_text(text, encoding="utf-8")
    code = run_stage("ingest", root, processed=root / "out", reports=root / "rep")
    assert code == 0
    df = pd.read_parquet(root / "out/responses.parquet")
    assert set(df["round"]) <= {2017}  # empty when no row has an answer
    wb = df[df["item"] == "wb_children"]
    ch = df[df["item"] == "ch_children"]
    rows = [r for r in rows if r[0] or r[1]]  # respondents without answers are dropped
    assert wb["code"].fillna(0).astype(int).tolist() == [r[0] or 0 for r in rows]
    assert ch["code"].fillna(0).astype(int).tolist() == [r[1] or 0 for r in rows]
    assert wb["municipality_code"].tolist() == [MUNIS[r[4]][2] for r in rows]
    assert wb["weight"].tolist() == [r[6] for r in rows]
    assert set(RATING_FI) == set(RATING_SV) and set(CHANGE_FI) == set(CHANGE_SV)


@SETTINGS
@given(
    target=st.sampled_from(
        [
            "raw/barometer/mini_2012.sav",
            "raw/barometer/mini_2017_fi.xlsx",
            "raw/barometer/mini_2017_sv.csv",
            "raw/barometer/codebook.yaml",
            "raw/reference/municipalities.csv",
        ]
    ),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=4),
)
# found by this test: a bad byte in a variable the codebook does not map (read for the row
# digests only) was an internal error
@example(target="raw/barometer/mini_2012.sav", cut=1.0, flips=[(0.875, 128)])
def test_random_corruption_never_crashes(tmp_path_factory, target, cut, flips) -> None:
    root = make_raw(tmp_path_factory.mktemp("corrupt"))
    path: Path = root / target
    data = bytearray(path.read_bytes())
    for pos, byte in flips:
        if data:
            data[int(pos * (len(data) - 1))] = byte
    data = data[: max(0, int(len(data) * (0.5 + cut / 2)))] if cut < 0.5 else data
    path.write_bytes(bytes(data))
    ingest = functools.partial(
        run_stage, "ingest", root, processed=root / "out", reports=root / "rep"
    )
    if path.suffix == ".sav":
        code = _in_child(ingest)
        if code in CRASH_SIGNALS:
            # pyreadstat's C library (ReadStat) can die on a damaged .sav file; no Python code
            # can catch that (docs/codebook.md, "Damaged .sav files"). Such a byte pattern is
            # left out of the property; every other outcome must be clean.
            event("pyreadstat crashed on a damaged .sav (left out)")
            return
    else:
        code = ingest()
    assert code in (0, 2)  # 1 would be an internal error (a crash) on user data


# a child killed by one of these signals crashed inside C code
CRASH_SIGNALS = {-signal.SIGSEGV, -signal.SIGBUS, -signal.SIGABRT, -signal.SIGFPE, -signal.SIGILL}


def _run_main(run: Callable[[], int]) -> None:
    os._exit(run())


def _in_child(run: Callable[[], int]) -> int:
    """``run()`` in a forked child (cheap: no new interpreter, no imports): its exit code,
    or minus the signal that killed it."""
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_run_main, args=(run,))
    child.start()
    child.join(300)
    if child.exitcode is None:
        child.kill()
        child.join()
        raise AssertionError(f"ingest of a damaged file did not finish in 300 s: {run}")
    return child.exitcode
