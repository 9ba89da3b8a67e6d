"""A user-facing text in fi, sv and en (:class:`Text`) and how YAML files declare one: a
single text for every language, or a mapping ``{fi: ..., sv: ..., en: ...}`` where a missing
Swedish or English text falls back to the Finnish one. The codebooks and params.yaml read
their texts through these functions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.yamlcheck import Section


@dataclass(frozen=True)
class Text:
    """A user-facing text in Finnish, Swedish and English."""

    fi: str
    sv: str
    en: str

    def get(self, language: str) -> str:
        return str(getattr(self, language))

    def pick(self, language: str, fallback: str = "") -> str:
        """The text in ``language``, else the Finnish one, else ``fallback`` (never empty when
        a fallback is given)."""
        return getattr(self, language, "") or self.fi or fallback

    def as_dict(self) -> dict[str, str]:
        return {"fi": self.fi, "sv": self.sv, "en": self.en}

    @classmethod
    def from_dict(cls, texts: Mapping[str, str]) -> Text:
        fi = str(texts.get("fi", ""))
        return cls(fi, str(texts.get("sv", fi)), str(texts.get("en", fi)))


def text_value(value: Any, sec: Section, where: str) -> Text:
    """``value`` (one text, or a mapping by language) found at ``where`` of ``sec``'s file."""
    if isinstance(value, str):
        return Text(value, value, value)
    inner = Section(value, sec.file, where)
    fi = inner.get("fi", (str, int, float))
    sv = inner.get("sv", (str, int, float), fi)
    en = inner.get("en", (str, int, float), fi)
    inner.finish()
    return Text(str(fi), str(sv), str(en))


def read_text(sec: Section, key: str, required: bool) -> Text | None:
    """The text under ``key``; None when it is absent and not ``required``."""
    if not sec.has(key):
        if required:
            sec.get(key, dict)  # raises "required key is missing"
        sec.get(key, dict, None)
        return None
    sec.get(key, (dict, str))
    return text_value(sec.data[key], sec, sec.key_path(key))


def read_texts(sec: Section, key: str, required: bool = False) -> dict[str, Text]:
    """A mapping of ids to texts under ``key`` (e.g. themes, groups), in the file's order."""
    data = sec.get(key, dict) if required else sec.get(key, dict, {})
    if required and not data:
        raise sec.error(key, "is empty", "declare at least one entry")
    return {str(k): text_value(v, sec, sec.key_path(f"{key}.{k}")) for k, v in (data or {}).items()}


def survey_heading(survey: str, title: Text, source: Text, rounds: list[int]) -> dict[str, Any]:
    """The first keys of a codebook snapshot (codebook.json, activation_codebook.json)."""
    return {
        "survey": survey,
        "title": title.as_dict(),
        "source": source.as_dict(),
        "rounds": rounds,
    }
