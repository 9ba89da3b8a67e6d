"""Shared runner of the data-driven bad-input corpus (tests/bad_inputs/cases.yaml): runs one
stage on a prepared raw folder and checks the user-error contract (exit 2, one line naming
the place, no traceback, nothing written) or returns the stage's metrics for cases that are
handled and counted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.cli import main


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


def run_case(
    stage: str, root: Path, case: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> dict[str, Any] | None:
    """Run ``barometer <stage>`` on ``root`` and check ``case``'s expectations. Returns the
    stage's metrics (after checking the case's expected metric values) when the case is
    handled and counted (exit 0), None when it is a user error (exit 2)."""
    capsys.readouterr()
    code = main(
        [
            stage,
            "--params",
            str(root / "params.yaml"),
            "--raw",
            str(root / "raw"),
            "--processed",
            str(root / "processed"),
            "--reports",
            str(root / "reports"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code == case["exit"], err
    if case["exit"] == 2:
        assert len(err.splitlines()) == 1 and err.startswith("error: "), err
        assert "Traceback" not in err
        for fragment in case["expect"]:
            assert str(fragment) in err, (fragment, err)
        assert not (root / "processed").exists() or not any((root / "processed").iterdir())
        return None
    metrics = json.loads((root / "reports" / "metrics" / f"{stage}.json").read_text())
    for path, value in case.get("metrics", {}).items():
        assert metric(metrics, path) == value, path
    return metrics
