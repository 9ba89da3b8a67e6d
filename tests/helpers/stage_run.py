"""Run one ``barometer`` stage on a test project laid out as ``root/params.yaml``,
``root/raw``, ``root/processed`` and ``root/reports``."""

from __future__ import annotations

from pathlib import Path

from pipeline.cli import main


def run_stage(stage: str, root: Path, *extra: str) -> int:
    """Exit status of ``barometer <stage>`` (quiet) on the project at ``root``."""
    return main(
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
            *extra,
        ]
    )
