"""User-facing errors.

A :class:`UserError` is a problem with the user's data, codebook or params. The CLI prints
its one-line message on stderr and exits with status 2, without a traceback. Anything else
that escapes a stage is an internal error (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class UserError(Exception):
    """A problem the user can fix.

    file:  the file the problem is in (a path or a short name);
    where: the place in it (variable, column, row, key), may be empty;
    what:  what is wrong;
    fix:   how to fix it, may be empty.
    """

    file: str | Path
    where: str
    what: str
    fix: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def message(self) -> str:
        place = f"{self.file}"
        if self.where:
            place += f", {self.where}"
        text = f"{place}: {self.what}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return " ".join(text.split())

    def __str__(self) -> str:
        return self.message
