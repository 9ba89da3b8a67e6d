"""`barometer` command line: one subcommand per DVC stage, plus `run` for the whole pipeline.

Exit status: 0 success; 2 a problem with the user's data, codebook or params (one line on
stderr, no traceback); 1 an internal error. Heavy libraries are imported inside the stages so
``barometer --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline.errors import UserError

STAGES = ("ingest", "activation", "analyse", "figures", "packs", "review", "site")
TOOLS = {"codebook": "pipeline.draft:draft_command", "check": "pipeline.check:check_command"}
log = logging.getLogger("pipeline")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--params",
        type=Path,
        default=Path("params.yaml"),
        help="params file (default: params.yaml)",
    )
    noise = common.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    noise.add_argument(
        "-v", "--verbose", action="store_true", help="debug output, tracebacks for internal errors"
    )

    p = argparse.ArgumentParser(
        prog="barometer",
        description="Reproducible analysis of Finnish regional welfare surveys "
        "(welfare barometer, activation-resource survey).",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    helps = {
        "ingest": "read the exports listed in the codebooks into data/processed/responses",
        "analyse": "design-based estimates, tests between regions, changes, suppression",
        "activation": "activation-resource survey: municipal ratios and region summaries",
        "figures": "render every chart as PNG into reports/figures",
        "packs": "assemble workshop figure packs (PDF, PPTX) and Excel tables",
        "review": "read filled workshop worksheets (data/raw/workshop) into the workshop table",
        "site": "write the published review as a static, accessible web site (reports/site)",
    }
    for name in STAGES:
        sp = sub.add_parser(name, parents=[common], help=helps[name], description=helps[name])
        sp.add_argument("--raw", type=Path, default=Path("data/raw"), help="raw input folder")
        sp.add_argument(
            "--processed", type=Path, default=Path("data/processed"), help="processed tables folder"
        )
        sp.add_argument("--reports", type=Path, default=Path("reports"), help="reports folder")
    run = sub.add_parser(
        "run",
        parents=[common],
        help="run every stage (same code path as dvc repro) on any raw folder, without DVC",
        description="Run every stage on RAW (laid out like data/raw/); tables go to "
        "OUT/processed/, reports to OUT/reports/.",
    )
    run.add_argument("--raw", type=Path, required=True, help="raw input folder")
    run.add_argument("--out", type=Path, required=True, help="output folder")
    _add_draft_and_check(sub, common)
    return p


def _add_draft_and_check(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """`codebook draft` and `check` (docs/codebook.md, "Drafting a codebook from your files")."""
    cb = sub.add_parser("codebook", help="codebook tools: draft a codebook from your exports")
    cbsub = cb.add_subparsers(dest="codebook_command", required=True, metavar="ACTION")
    noise = argparse.ArgumentParser(add_help=False)  # the draft reads no params
    loud = noise.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    loud.add_argument("-v", "--verbose", action="store_true", help="tracebacks for internal errors")
    d = cbsub.add_parser(
        "draft",
        parents=[noise],
        help="write a commented codebook draft from .sav/.xlsx/.csv exports",
        description="Draft codebook.yaml from exports (FILE... or the exports of --raw DIR); "
        "every guess to confirm is a '# check:' line.",
    )
    d.add_argument("files", nargs="*", type=Path, metavar="FILE", help="exports to draft from")
    d.add_argument("--raw", type=Path, help="raw folder (exports in RAW/barometer/)")
    d.add_argument("-o", "--output", type=Path, help="write the draft here (default: stdout)")
    d.add_argument("--survey", help="survey id (default: from reference/population.csv)")
    d.add_argument("--force", action="store_true", help="overwrite an existing -o file")
    c = sub.add_parser(
        "check",
        parents=[common],
        help="validate a raw folder as ingest, activation and analyse would; writes nothing",
        description="Run every validation of ingest, activation and analyse on RAW and print "
        "one table per export; writes nothing.",
    )
    c.add_argument("--raw", type=Path, default=Path("data/raw"), help="raw input folder")


def _setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(message)s", "%H:%M:%S"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("pipeline").setLevel(level)


class Terminated(Exception):
    """SIGTERM, turned into an exception so that temporary files are cleaned up."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args.quiet, args.verbose)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        from pipeline import stages
        from pipeline.config import load_config

        if args.command in TOOLS:
            # Imported by name: these commands are not DVC stages, so their code must not
            # count as a code dependency of the stages that run through this module.
            module, function = TOOLS[args.command].split(":")
            tool = getattr(importlib.import_module(module), function)
            if args.command == "check":
                return tool(args.raw, args.params)
            return tool(args.files, args.raw, args.output, args.survey, args.force)
        config = load_config(args.params)
        if args.command == "run":
            paths = stages.Paths(args.raw, args.out / "processed", args.out / "reports")
            names = list(STAGES)
        else:
            paths = stages.Paths(args.raw, args.processed, args.reports)
            names = [args.command]
        for name in names:
            start = time.perf_counter()
            log.info("stage %s: start", name)
            getattr(stages, name)(config, paths)
            log.info("stage %s: done in %.1f s", name, time.perf_counter() - start)
    except UserError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: the stage's previous outputs are left as they were", file=sys.stderr)
        return 130
    except Terminated:
        print("terminated: the stage's previous outputs are left as they were", file=sys.stderr)
        return 143
    except Exception as exc:  # internal error: short message, traceback only with --verbose
        if args.verbose:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc} (rerun with --verbose for the "
            "traceback and report it)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
