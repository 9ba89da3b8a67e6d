"""The answer scales and items of the barometer codebook (format: docs/codebook.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.codebook.text import Text
from pipeline.stats.types import ItemScale


@dataclass(frozen=True)
class Scale:
    id: str
    kind: Literal["rating", "change"]
    codes: dict[int, Text]
    dont_know: dict[int, Text]
    top: tuple[int, ...] = ()
    bottom: tuple[int, ...] = ()
    improved: tuple[int, ...] = ()
    worsened: tuple[int, ...] = ()
    missing_codes: tuple[int, ...] = ()
    missing_labels: tuple[str, ...] = ()

    def item_scale(self) -> ItemScale:
        return ItemScale(
            self.kind,
            tuple(self.codes),
            self.top,
            self.bottom,
            self.improved,
            self.worsened,
        )

    @property
    def valid_codes(self) -> tuple[int, ...]:
        """The valid answer codes in ascending order."""
        return tuple(self.codes)

    @property
    def dont_know_codes(self) -> tuple[int, ...]:
        return tuple(self.dont_know)

    @property
    def positive(self) -> tuple[int, ...]:
        """The favourable side: top-2 codes of a rating scale, "improved" of a change scale."""
        return self.top if self.kind == "rating" else self.improved

    @property
    def negative(self) -> tuple[int, ...]:
        """The unfavourable side: bottom-2 codes of a rating scale, "worsened" of a change."""
        return self.bottom if self.kind == "rating" else self.worsened

    @property
    def range(self) -> tuple[int, int]:
        """Lowest and highest valid code."""
        return min(self.codes), max(self.codes)

    def code_label(self, code: int | float | str, language: str) -> str:
        """Label of a valid or don't-know code (the code itself when it has none)."""
        key = int(float(code))
        text = self.codes.get(key) or self.dont_know.get(key)
        return text.pick(language, str(key)) if text else str(key)

    def as_dict(self) -> dict[str, Any]:
        """The scale as written to codebook.json."""
        return {
            "kind": self.kind,
            "codes": {str(c): t.as_dict() for c, t in self.codes.items()},
            "dont_know": {str(c): t.as_dict() for c, t in self.dont_know.items()},
            "top": list(self.top),
            "bottom": list(self.bottom),
            "improved": list(self.improved),
            "worsened": list(self.worsened),
        }

    @classmethod
    def from_dict(cls, sid: str, data: Mapping[str, Any]) -> Scale:
        def codes(key: str) -> dict[int, Text]:
            return {int(c): Text.from_dict(t) for c, t in data.get(key, {}).items()}

        return cls(
            sid,
            data["kind"],
            codes("codes"),
            codes("dont_know"),
            tuple(int(c) for c in data.get("top", ())),
            tuple(int(c) for c in data.get("bottom", ())),
            tuple(int(c) for c in data.get("improved", ())),
            tuple(int(c) for c in data.get("worsened", ())),
        )


@dataclass(frozen=True)
class Item:
    id: str
    scale: str
    theme: str
    label: Text
    question: Text
