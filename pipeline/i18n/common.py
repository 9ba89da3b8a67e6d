"""Words every area uses: the list joiners ("A, B and C", "A or B")."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "common.and": {
        "fi": "ja",
        "sv": "och",
        "en": "and",
    },
    "common.or": {
        "fi": "tai",
        "sv": "eller",
        "en": "or",
    },
}
