"""The one text layer: every user-facing string of charts, packs, worksheets and the site.

Texts live in one module per area (``pipeline/i18n/<area>.py``), each defining
``TEXTS: dict[str, dict[str, str]]`` that maps a key (``"<area>.<name>"``) to its Finnish,
Swedish and English template. Templates use ``str.format`` fields; :func:`t` fills them.
Names of items, scales, regions and groups are not here: they come from the codebook.
Numbers are formatted by :mod:`pipeline.i18n.numbers` (one place for charts, packs, workbooks
and the site)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

Texts = dict[str, str]


@cache
def catalogue() -> dict[str, Texts]:
    """Every text of every area module, by key (a key defined twice is a programming error)."""
    merged: dict[str, Texts] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        texts: dict[str, Texts] | None = getattr(module, "TEXTS", None)
        if texts is None:
            continue
        for key, value in texts.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} is defined twice (in {info.name})")
            merged[key] = value
    return merged


def t(key: str, lang: str, /, **fields: object) -> str:
    """The text ``key`` in ``lang`` with ``fields`` filled in."""
    try:
        template = catalogue()[key][lang]
    except KeyError as exc:
        raise KeyError(f"no text {key!r} in language {lang!r}") from exc
    return template.format(**fields) if fields else template


def join_words(words: list[str], lang: str) -> str:
    """'A, B and C' in ``lang``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {t('common.and', lang)} " + words[-1]


def join_or(words: list[str], lang: str) -> str:
    """'A or B' in ``lang``."""
    return f" {t('common.or', lang)} ".join(words)
