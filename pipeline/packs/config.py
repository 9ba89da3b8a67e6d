"""The ``packs`` section of params.yaml -> frozen :class:`~pipeline.config.PacksConfig`.

```yaml
packs:
  etela-pohjanmaa:            # folder name reports/packs/<name>/ and reports/tables/<name>.xlsx
    title: {fi: ..., sv: ..., en: ...}   # or one text
    language: fi              # fi | sv | en (charts in it must have been rendered)
    region: "14"              # focus region code, or ALL (default) for a cross-regional pack
    themes: [wellbeing]       # codebook themes (default: all)
    families: [regional_dots] # chart families (default: all)
    activation: false         # include activation-survey charts (default: false)
    data_date: "2017"         # shown on the title page (default: the latest round)
    prompts: [...]            # discussion prompts replacing the defaults (pack language)
    notes_pages: false        # a notes page after each chart in the PDF handout
```

Checks that need the data (region codes, themes) are made by the stage against the codebook
snapshot, naming the key as well."""

from __future__ import annotations

import re

from pipeline.config import CHART_FAMILIES as FAMILIES
from pipeline.config import PacksConfig, PackSpec
from pipeline.i18n import LANGUAGES
from pipeline.stats.types import ALL
from pipeline.yamlcheck import Section

__all__ = ["PackSpec", "PacksConfig", "parse_packs"]
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def parse_packs(sec: Section) -> PacksConfig:
    """Parse ``packs:`` (a mapping from pack name to its settings)."""
    packs = []
    for name in list(sec.data):
        key = str(name)
        if not _NAME.match(key):
            raise sec.error(
                key,
                "is not a usable pack name (it becomes a folder name)",
                "use lower-case letters, digits, '-' and '_' only",
            )
        packs.append(_pack(sec.section(key, required=True), key))
    sec.finish()
    return PacksConfig(tuple(packs))


def _texts(sec: Section, key: str, language: str) -> str:
    value = sec.get(key, (str, dict))
    if isinstance(value, str):
        text = value
    else:
        texts = Section(value, sec.file, sec.key_path(key))
        found = {lang: texts.get(lang, str, "") for lang in LANGUAGES}
        texts.finish()
        text = found[language]
        if not text:
            raise sec.error(
                key, f"has no text in the pack's language {language!r}", f"add {key}.{language}"
            )
    if not text.strip():
        raise sec.error(key, "is empty", "write a title")
    return text.strip()


def _strings(sec: Section, key: str) -> tuple[str, ...]:
    raw = sec.get(key, (list, str), [])
    values = [raw] if isinstance(raw, str) else list(raw)
    for v in values:
        if not isinstance(v, str | int) or isinstance(v, bool) or not str(v).strip():
            raise sec.error(key, f"must list texts, got {v!r}")
    return tuple(str(v).strip() for v in values)


def _pack(sec: Section, name: str) -> PackSpec:
    language = sec.choice("language", LANGUAGES, "fi", "language")
    title = _texts(sec, "title", language)
    region = str(sec.get("region", (str, int), ALL))
    themes = _strings(sec, "themes")
    families = _strings(sec, "families")
    for f in families:
        if f not in FAMILIES:
            raise sec.error(
                "families", f"unknown chart family {f!r}", f"use some of {list(FAMILIES)}"
            )
    activation = sec.get("activation", bool, False)
    data_date = str(sec.get("data_date", (str, int), "")).strip()
    prompts = _strings(sec, "prompts")
    notes_pages = sec.get("notes_pages", bool, False)
    sec.finish()
    return PackSpec(
        name, title, language, region, themes, families, activation, data_date, prompts, notes_pages
    )
