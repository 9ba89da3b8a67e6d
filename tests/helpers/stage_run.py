"""Run one ``barometer`` stage on a test project laid out as ``root/params.yaml``,
``root/raw``, ``root/processed`` and ``root/reports``; any of the four can be put
elsewhere with a keyword."""

from __future__ import annotations

from pathlib import Path

from pipeline.cli import main


def run_stage(
    stage: str,
    root: Path,
    *extra: str,
    params: Path | None = None,
    raw: Path | None = None,
    processed: Path | None = None,
    reports: Path | None = None,
) -> int:
    """Exit status of ``barometer <stage>`` (quiet) on the project at ``root``: params from
    ``params`` (default ``root/params.yaml``), raw files from ``raw`` (default ``root/raw``),
    tables to ``processed`` (default ``root/processed``) and reports to ``reports`` (default
    ``root/reports``); ``extra`` arguments go after ``--quiet``."""
    return main(
        [
            stage,
            "--params",
            str(params if params is not None else root / "params.yaml"),
            "--raw",
            str(raw if raw is not None else root / "raw"),
            "--processed",
            str(processed if processed is not None else root / "processed"),
            "--reports",
            str(reports if reports is not None else root / "reports"),
            "--quiet",
            *extra,
        ]
    )
