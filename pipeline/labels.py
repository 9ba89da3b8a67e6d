"""User-facing labels in fi, sv, en: thin wrappers over the :class:`~pipeline.codebook.Codebook`
lookup methods, taking the typed codebook or its codebook.json snapshot (a dict)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.codebook import Codebook
from pipeline.stats.types import ALL

ALL_CODE = ALL

Snapshot = Codebook | Mapping[str, Any]


def codebook(snapshot: Snapshot) -> Codebook:
    """The typed codebook of ``snapshot`` (itself when it already is one)."""
    return snapshot if isinstance(snapshot, Codebook) else Codebook.from_snapshot(snapshot)


def region_name(snapshot: Snapshot, code: str, language: str) -> str:
    return codebook(snapshot).region_name(code, language)


def group_name(snapshot: Snapshot, code: str, language: str) -> str:
    return codebook(snapshot).group_name(code, language)


def item_label(snapshot: Snapshot, item: str, language: str) -> str:
    return codebook(snapshot).item_label(item, language)


def item_question(snapshot: Snapshot, item: str, language: str) -> str:
    return codebook(snapshot).item_question(item, language)


def theme_name(snapshot: Snapshot, theme: str, language: str) -> str:
    """Name of a codebook theme; items without a theme go under the survey's title."""
    return codebook(snapshot).theme_name(theme, language)


def code_label(snapshot: Snapshot, item: str, code: int | str, language: str) -> str:
    """Label of an answer code (valid or don't-know) of ``item``'s scale."""
    return codebook(snapshot).code_label(item, code, language)


def title(snapshot: Snapshot, language: str) -> str:
    return codebook(snapshot).title_text(language)


def source(snapshot: Snapshot, language: str) -> str:
    return codebook(snapshot).source_text(language)
