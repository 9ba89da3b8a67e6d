"""Shared runner of the data-driven bad-input corpus (tests/bad_inputs/cases.yaml): runs one
stage on a prepared raw folder and checks the user-error contract (exit 2, one line naming
the place, no traceback, nothing written) or returns the stage's metrics for cases that are
handled and counted."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.stage_run import run_stage


def metric(metrics: dict[str, Any], dotted: str) -> Any:
    """Look up a dotted path whose keys may themselves contain dots (file names)."""
    node: Any = metrics
    rest = dotted
    while rest:
        for key in sorted(node, key=len, reverse=True):
            if rest == key or rest.startswith(key + "."):
                node, rest = node[key], rest[len(key) + 1 :]
                break
        else:
            raise KeyError(dotted)
    return node


MAX_MESSAGE = 300
# e-mail addresses planted in the example exports and in corpus cases (free text, e-mail columns)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def check_message(err: str, root: Path) -> None:
    """A message is at most 300 characters (the case folder's own path not counted:
    it is the user's path, not the message) and never repeats an e-mail address."""
    text = err.removeprefix("error: ").replace(f"{root}/", "").replace(str(root), "")
    assert len(text) <= MAX_MESSAGE, (len(text), text)
    if os.environ.get("BAD_INPUT_MESSAGES"):  # review aid: a file to append every message to
        with open(os.environ["BAD_INPUT_MESSAGES"], "a", encoding="utf-8") as fh:
            fh.write(f"{len(text):4d} {text}\n")
    assert not EMAIL.search(text), text


def run_case(
    stage: str, root: Path, case: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> dict[str, Any] | None:
    """Run ``barometer <stage>`` on ``root`` and check ``case``'s expectations. Returns the
    stage's metrics (after checking the case's expected metric values) when the case is
    handled and counted (exit 0), None when it is a user error (exit 2)."""
    capsys.readouterr()
    code = run_stage(stage, root)
    err = capsys.readouterr().err.strip()
    assert code == case["exit"], err
    if case["exit"] == 2:
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
        assert "Traceback" not in err
        check_message(err, root)
        for fragment in case["expect"]:
            assert str(fragment) in err, (fragment, err)
        assert not (root / "processed").exists() or not any((root / "processed").iterdir())
        return None
    metrics = json.loads((root / "reports" / "metrics" / f"{stage}.json").read_text())
    for path, value in case.get("metrics", {}).items():
        assert metric(metrics, path) == value, path
    return metrics
