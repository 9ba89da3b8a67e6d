"""The drafted codebook before it is written: scales, themes, groups, items and exports, each
with the ``# check:`` notes the user must confirm."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.draft.scales import Scale
from pipeline.draft.sources import Source

Ref = str | int
Texts = dict[str, str]  # language -> text


@dataclass
class Item:
    id: str
    scale: str
    theme: str
    label: Texts
    question: Texts
    rounds: list[int] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class Export:
    source: Source
    round: int
    language: str
    checks: dict[str, str] = field(default_factory=dict)  # key -> why (round, language, roles)
    roles: dict[str, Ref] = field(default_factory=dict)
    personal: list[tuple[Ref, str]] = field(default_factory=list)  # (ref, what it holds)
    items: dict[str, Ref] = field(default_factory=dict)
    item_notes: dict[str, str] = field(default_factory=dict)  # item id -> comment
    left_out: list[str] = field(default_factory=list)  # commented-out mappings with reasons
    unmapped: list[str] = field(default_factory=list)  # columns that are none of the above
    notes: list[str] = field(default_factory=list)  # export-level # check: lines
    recode: dict[int, int] | None = None
    recode_scales: dict[str, dict[int, int]] = field(default_factory=dict)
    group_codes: dict[str, str] | None = None
    aligned_with: Export | None = None

    def asked(self) -> set[str]:
        """Items the file holds (mapped)."""
        return set(self.items)

    def ref(self, position: int) -> Ref:
        col = self.source.columns[position - 1]
        return position if self.source.is_web else col.name


@dataclass
class Draft:
    survey: str
    survey_why: str
    title: Texts
    scales: dict[str, Scale] = field(default_factory=dict)
    themes: dict[str, Texts] = field(default_factory=dict)
    groups: dict[str, Texts] = field(default_factory=dict)
    group_checks: dict[str, str] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    exports: list[Export] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # (language, question stem, label), folded -> item id: the same question in another round
    text_keys: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def new_group_code(self) -> str:
        nums = [int(k) for k in self.groups if k.isdigit()]
        return str(max(nums, default=0) + 1)
