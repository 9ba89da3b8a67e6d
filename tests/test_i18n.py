"""The text layer (pipeline/i18n): every key in every language with the same format fields,
area modules found automatically, and the one set of number rules of charts, packs and
workbooks."""

from __future__ import annotations

import importlib
import pkgutil
import string

import pandas as pd
import pytest

import pipeline.i18n as i18n
from pipeline.i18n import LANGUAGES, catalogue, join_words, t
from pipeline.i18n import numbers as num


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_key_in_every_language_with_the_same_fields() -> None:
    cat = catalogue()
    assert len(cat) > 100
    for key, texts in cat.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key
        expected = fields(texts["fi"])
        for lang in LANGUAGES:
            assert fields(texts[lang]) == expected, (key, lang)


def test_keys_are_named_after_their_area_module() -> None:
    modules = [m.name for m in pkgutil.iter_modules(i18n.__path__)]
    assert {"charts", "packs", "common", "numbers"} <= set(modules)
    for name in modules:
        texts = getattr(importlib.import_module(f"pipeline.i18n.{name}"), "TEXTS", None)
        for key in texts or {}:
            assert key.startswith(f"{name}."), (name, key)


def test_t_fills_fields_and_names_a_missing_key() -> None:
    assert t("packs.page", "fi", page=2, pages=9) == "Sivu 2/9"
    assert t("charts.ci_note", "fi", level="90 %") == "Viiva = 90 %:n luottamusväli."
    with pytest.raises(KeyError, match=r"no text 'packs\.nope'"):
        t("packs.nope", "fi")
    assert join_words(["A", "B", "C"], "sv") == "A, B och C"


@pytest.mark.parametrize(
    ("value", "statistic", "language", "expected"),
    [
        (12.4, "top2_share", "fi", "12 %"),
        (12.4, "top2_share", "sv", "12 %"),
        (12.4, "top2_share", "en", "12%"),
        (3.449, "mean", "fi", "3,4"),
        (3.449, "mean", "en", "3.4"),
        (-12.4, "balance", "fi", "−12"),
        (12.4, "balance", "en", "+12"),
        (-0.3, "balance", "fi", "0"),
        (1234.0, "ratio", "fi", "1234"),
        (-0.04, "mean", "sv", "0,0"),
    ],
)
def test_one_rule_per_language(value, statistic, language, expected) -> None:
    assert num.value_text(value, statistic, language) == expected


def test_vectorised_forms_agree_and_levels_and_spans() -> None:
    values = pd.Series([4.0, 51.6, 0.2])
    assert num.percents(values, "en").tolist() == ["4%", "52%", "0%"]
    assert num.decimals(values, "fi", 1).tolist() == ["4,0", "51,6", "0,2"]
    assert num.confidence(0.9, "fi") == "90 %"
    assert num.confidence(0.975, "en") == "97.5%"
    assert num.span(2009, 2021) == "2009–2021"
    assert num.codes_span([5, 4]) == "4–5" and num.codes_span([1, 3]) == "1, 3"
    assert num.signed(1.26, "fi", 1) == "+1,3" and num.signed(-0.04, "en", 1) == "0.0"
