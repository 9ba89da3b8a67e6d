"""User-facing errors.

A :class:`UserError` is a problem with the user's data, codebook or params. The CLI prints
its one-line message on stderr and exits with status 2, without a traceback. Anything else
that escapes a stage is an internal error (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.privacy import mask_personal

MAX_QUOTE = 40


def quote(value: Any) -> str:
    """A cell's value for a message: white space collapsed, personal data masked, at most
    40 characters (longer values are cut with "..."), in quotes. Every message that repeats
    data from an export must go through here."""
    text = mask_personal(" ".join(str(value).split()))
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 3].rstrip() + "..."
    return repr(text)


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
        # a safety net: messages quote cells through quote(), but none may repeat an address
        text = f"{place}: {mask_personal(self.what)}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return " ".join(text.split())

    def __str__(self) -> str:
        return self.message
