"""The diagnosis reads well in both languages: every statement has its text, short name and
five answer labels in Dutch and English, and the new catalogs match key for key."""

from __future__ import annotations

import string
import tomllib
from importlib import resources
from typing import Any

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.domain.diagnosis import Label
from samenwerk_tui.services.diagnosis import (
    general_scale,
    label_meaning,
    label_name,
    load_model,
    statement_text,
    statements,
)


def load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("samenwerk_tui.data").joinpath(name).read_text("utf-8"))


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_there_are_sixteen_statements_in_order() -> None:
    assert load_model().ids == tuple(f"q{i:02d}" for i in range(1, 17))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_statement_has_a_text_a_short_name_and_five_answer_labels(lang: str) -> None:
    for st in statements(lang):
        assert st.text.endswith(".") and len(st.text) < 160, st.id
        assert st.short and st.short != st.number and len(st.short) <= 32, st.id
        assert len(st.scale) == 5 and len(set(st.scale)) == 5, st.id
        assert all(label.strip() == label and label for label in st.scale), st.id
    assert len(general_scale(lang)) == 5
    for label in Label:
        assert label_name(label, lang) and label_meaning(label, lang)


def test_dutch_and_english_are_translations_not_copies() -> None:
    for nl, en in zip(statements("nl"), statements("en"), strict=True):
        assert nl.text != en.text and nl.short != en.short
        assert not set(nl.scale) & set(en.scale)
    assert (
        label_name(Label.MIXED, "nl") == "mengvorm" and label_name(Label.TIE, "nl") == "gelijkspel"
    )


def test_the_review_s_wording_fixes_are_in() -> None:
    nl = {st.id: st.text for st in statements("nl")}
    # One idea per statement: no "(of moet worden)", no "en"-joined pair of claims in Q05/Q12.
    assert "moet worden)" not in nl["q08"]
    assert "voor anderen" in nl["q01"]
    assert "opgeleverd of in gebruik" in nl["q03"]
    assert "toestemming" in nl["q11"]
    assert "persoonlijke titel" in nl["q14"]
    assert "vertegenwoordiger" in nl["q14"]


def test_an_unknown_language_falls_back_to_english() -> None:
    assert statement_text("q01", "fr").text == statement_text("q01", "en").text


@pytest.mark.parametrize("name", ["diagnosis.toml", "report.toml"])
def test_dutch_catalog_has_every_english_key_with_the_same_placeholders(name: str) -> None:
    english = flatten(load(f"messages/en/{name}"))
    dutch = flatten(load(f"messages/nl/{name}"))
    assert sorted(set(english) ^ set(dutch)) == []
    same_in_both = {"diagnosis.item", "diagnosis.scores", "portfolio.title"}
    for key, template in english.items():
        assert placeholders(dutch[key]) == placeholders(template), key
        assert (dutch[key] == template) == (key in same_in_both), key


def test_dutch_uses_je_not_u() -> None:
    for name in ("diagnosis.toml", "report.toml"):
        for key, text in flatten(load(f"messages/nl/{name}")).items():
            words = set(text.replace(",", " ").replace(".", " ").replace(";", " ").split())
            assert not words & {"u", "uw", "U", "Uw"}, key
    for st in statements("nl"):
        assert not set(st.text.split()) & {"u", "uw"}


def test_the_catalog_is_merged_into_the_message_lookup() -> None:
    i18n.set_language("nl")
    assert i18n.t("diagnosis.tie", types="A, B").startswith("Gelijkspel tussen A, B")
    assert i18n.t("portfolio.partnerships.one", count=1) == "1 samenwerkingsverband"
    i18n.set_language("en")
    assert i18n.t("portfolio.partnerships.other", count=2) == "2 partnerships"


def test_every_message_key_the_code_names_exists_in_both_languages() -> None:
    import re
    from pathlib import Path

    import samenwerk_tui

    sentence = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")
    counted = re.compile(r"""\bplural\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']""")
    missing = []
    for path in Path(samenwerk_tui.__file__).parent.rglob("*.py"):
        source = path.read_text("utf-8")
        keys = set(sentence.findall(source))
        keys |= {f"{k}.{form}" for k in counted.findall(source) for form in ("one", "other")}
        for key in keys:
            missing += [
                (path.name, key, lang)
                for lang in ("en", "nl")
                if key not in i18n.catalog(lang) and f"{key}.other" not in i18n.catalog(lang)
            ]
    assert missing == []
