"""Run independent jobs of a stage in forked worker processes (the packs' PDFs, decks,
workbooks and worksheets), and how many workers a stage gets (also the figures stage's).

A job is a call ``task(job)``; ``task`` and everything it reads (plans, tables, figures) reach
the workers by ``fork`` as they are in the parent, so nothing large is pickled; only the jobs
(small keys) and the results go through pipes. Each job writes its own files and returns a
small result, so the output does not depend on the number of workers or on which worker ran
what. Without ``fork`` (or with one worker, or one job) the jobs run in this process, in order.

A :class:`~pipeline.errors.UserError` raised by a job is re-raised in the parent as it was (the
exception class itself cannot be pickled: its fields are passed instead)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from pipeline.errors import UserError

J = TypeVar("J")
R = TypeVar("R")

_TASK: Callable[[Any], Any] | None = None  # set in each worker by _install


@dataclass(frozen=True)
class _Failed:
    """A job's UserError, as picklable fields."""

    file: str
    where: str
    what: str
    fix: str


def cores() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(requested: int, jobs: int) -> int:
    """``requested`` workers (0 = one per core), at most one per job and at least one."""
    return max(1, min(requested or cores(), jobs))


def _install(task: Callable[[Any], Any]) -> None:
    global _TASK
    _TASK = task


def _run(job: Any) -> Any:
    assert _TASK is not None, "worker started without a task"
    try:
        return _TASK(job)
    except UserError as error:
        return _Failed(str(error.file), error.where, error.what, error.fix)


def run_jobs(task: Callable[[J], R], jobs: Sequence[J], workers: int = 0) -> list[R]:
    """``[task(job) for job in jobs]``, in ``workers`` processes (0 = one per core). Jobs are
    started in the order given (put the longest first) and the results come back in that
    order."""
    n = worker_count(workers, len(jobs))
    if n == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(job) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(n, mp_context=context, initializer=_install, initargs=(task,)) as pool:
        results = list(pool.map(_run, jobs))
    for result in results:
        if isinstance(result, _Failed):
            raise UserError(result.file, result.where, result.what, result.fix)
    return results
