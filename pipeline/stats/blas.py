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
import pandas as pd

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


# ------------------------------------------------------------------ same bytes on every CPU

# Significant digits of every published floating-point number (estimates, SEs, CIs, tests,
# changes, distributions). OpenBLAS picks its kernels by CPU; kernels sum in different orders,
# so SEs and CI limits computed with matrix products differ in the 16th digit between machines
# (OPENBLAS_CORETYPE=Prescott vs the default on this machine: 90 SEs and 77 CI limits of the
# four-round example).
# Rounding to 12 digits (a relative error below 5e-13, far inside the 1e-9 agreement with R
# `survey`) makes the written bytes the same; see docs/methods.md.
PUBLISHED_DIGITS = 12
# The test statistics and p-values come from iterative fits (ordinal logit) and solves of
# ill-conditioned covariance matrices, which carry the kernels' last-digit differences up to
# about 1e-11 relative (on the example about 1,300 of them differ, 27 p-values still after
# rounding to 12 digits).
# Seven significant digits leave them a margin of 1e4 and stay within the 1e-6 relative
# agreement with R that tests/test_reference_public_path.py asks of the written tests table.
TEST_DIGITS = 7
# digits per analyse table
TABLE_DIGITS = {
    "estimates": PUBLISHED_DIGITS,
    "distributions": PUBLISHED_DIGITS,
    "changes": PUBLISHED_DIGITS,
    "tests": TEST_DIGITS,
    "trend": PUBLISHED_DIGITS,
}
_EXACT_POWERS = 22  # 10**k is an exact double for 0 <= k <= 22


def round_significant(values: np.ndarray, digits: int = PUBLISHED_DIGITS) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits (NaN, inf and 0 unchanged).

    Vectorised: v -> round(v * 10**s) / 10**s with s = digits - 1 - floor(log10|v|); 10**s
    is an exact double for |s| <= 22, so the quotient is the double nearest to the rounded
    decimal and prints with at most ``digits`` digits. Values outside that range (p-values
    below 1e-11, say) are rounded one by one through their decimal text."""
    x = np.asarray(values, dtype=np.float64)
    out = x.copy()
    ok = np.isfinite(x) & (x != 0)
    if not ok.any():
        return out
    v = x[ok]
    shift = digits - 1 - np.floor(np.log10(np.abs(v))).astype(np.int64)
    res = np.empty_like(v)
    up = (shift >= 0) & (shift <= _EXACT_POWERS)
    down = (shift < 0) & (shift >= -_EXACT_POWERS)
    res[up] = np.round(v[up] * 10.0 ** shift[up]) / 10.0 ** shift[up]
    res[down] = np.round(v[down] / 10.0 ** -shift[down]) * 10.0 ** -shift[down]
    rest = np.flatnonzero(~(up | down))
    res[rest] = [float(f"{v[i]:.{digits - 1}e}") for i in rest]
    out[ok] = res
    return out


def published(df: pd.DataFrame, digits: int = PUBLISHED_DIGITS) -> pd.DataFrame:
    """A copy of a table whose float columns are rounded to ``digits`` significant digits."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype) and not isinstance(
            out[col].dtype, pd.api.extensions.ExtensionDtype
        ):
            out[col] = round_significant(out[col].to_numpy(), digits)
    return out
