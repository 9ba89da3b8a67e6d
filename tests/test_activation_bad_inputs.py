"""Runs the activation cases (``stage: activation``) of the bad-input corpus in
tests/bad_inputs/cases.yaml on the mini raw folder of
tests/fixtures/activation/activation_minidata.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "activation"))
from activation_minidata import make_activation_raw
from bad_input_runner import run_case

HERE = Path(__file__).parent / "bad_inputs"
CASES = [
    c
    for c in yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
    if c.get("stage") == "activation"
]


def apply(root: Path, op: dict[str, Any]) -> None:
    ((name, arg),) = op.items()
    if name == "act_xlsx":
        path = root / "raw" / "activation" / f"aktivointi_{arg['round']}.xlsx"
        wb = openpyxl.load_workbook(path)
        wb.active[arg["cell"]] = arg["value"]
        wb.save(path)
    elif name == "replace":
        p = root / arg["path"]
        text = p.read_text(encoding="utf-8")
        assert arg["old"] in text, arg["old"]
        p.write_text(text.replace(arg["old"], arg["new"]), encoding="utf-8")
    elif name == "delete":
        (root / arg).unlink()
    else:  # pragma: no cover - a typo in cases.yaml
        raise AssertionError(f"unknown operation {name}")


def test_corpus_has_the_named_cases() -> None:
    ids = {c["id"] for c in CASES}
    assert len(CASES) >= 10
    for needed in (
        "activation-text-in-numeric-field",
        "activation-municipality-not-in-reference",
        "activation-duplicate-municipality",
        "activation-negative-count",
    ):
        assert needed in ids


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: dict[str, Any]) -> None:
    root = make_activation_raw(tmp_path)
    for op in case["ops"]:
        apply(root, op)
    run_case("activation", root, case, capsys)
