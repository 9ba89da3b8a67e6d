"""One BLAS thread for the statistics core's many small matrix products.

The core multiplies small matrices (cells x answer categories, domains x cells) thousands
of times per round. Multi-threaded OpenBLAS splits each of them over the cores and then
waits for the slowest; on a busy 2-core machine that made ``test_round`` 30x slower than
one thread (11 ms instead of 0.3 ms per covariance). ``single_threaded()`` sets OpenBLAS's
per-thread count (``openblas_set_num_threads_local``, OpenBLAS >= 0.3.27, as bundled with
numpy 2) for the calling thread only and restores it afterwards; with another BLAS, or if
the symbol is missing, it does nothing (results do not depend on it, only the time).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


@cache
def _set_local() -> Any:
    """numpy's OpenBLAS ``openblas_set_num_threads_local`` (returns the previous value)."""
    libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("*openblas*.so*")) if libs.is_dir() else []:
        try:
            fn = ctypes.CDLL(str(path)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        fn.argtypes = [ctypes.c_int]
        fn.restype = ctypes.c_int
        return fn
    return None


@contextmanager
def single_threaded() -> Iterator[None]:
    fn = _set_local()
    if fn is None:
        yield
        return
    previous = fn(1)
    try:
        yield
    finally:
        fn(previous)


def one_blas_thread(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``fn`` under :func:`single_threaded`."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with single_threaded():
            return fn(*args, **kwargs)

    return wrapper
