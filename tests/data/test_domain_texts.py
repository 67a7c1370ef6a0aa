"""The guidance texts an advisor reads are complete in both languages.

A missing field would show up as an empty card or an English sentence in the middle of a
Dutch screen, so every type, stage and perspective is checked field by field, and the
Dutch message catalog is checked against the English one key by key.
"""

from __future__ import annotations

import string
import tomllib
from importlib import resources
from typing import Any

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage

TEXT_FIELDS = {
    "types": ("name", "title", "short", "description", "approach", "mixed"),
    "stages": ("name", "focus", "deliverable"),
    "perspectives": ("name", "question", "weak", "strong"),
}
#: list field -> (fewest, most) items
LIST_FIELDS = {
    "types": {"signals": (3, 99), "instruments": (5, 99), "pitfalls": (3, 99)},
    "stages": {"next_steps": (2, 4)},
    "perspectives": {},
}
IDS = {
    "types": [t.value for t in AgreementType],
    "stages": [s.value for s in Stage],
    "perspectives": [p.value for p in PerspectiveName],
}
CASES = [(kind, ident) for kind, idents in IDS.items() for ident in idents]


def load(name: str) -> dict[str, Any]:
    text = resources.files("samenwerk_tui.data").joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(("kind", "ident"), CASES)
def test_every_entry_is_complete_in_english_and_dutch(kind: str, ident: str) -> None:
    entry = load(f"{kind}.toml")[ident]
    for lang in i18n.LANGUAGES:
        texts = entry[lang]
        for field in TEXT_FIELDS[kind]:
            value = texts[field]
            assert isinstance(value, str) and value.strip(), (lang, field)
            assert value == value.strip(), (lang, field)
        for field, (fewest, most) in LIST_FIELDS[kind].items():
            items = texts[field]
            assert fewest <= len(items) <= most, (lang, field, len(items))
            assert all(isinstance(item, str) and item.strip() for item in items), (lang, field)
            assert len(set(items)) == len(items), (lang, field)
        expected = set(TEXT_FIELDS[kind]) | set(LIST_FIELDS[kind])
        assert set(texts) == expected, (lang, set(texts) ^ expected)


@pytest.mark.parametrize(("kind", "ident"), CASES)
def test_dutch_is_a_translation_not_a_copy(kind: str, ident: str) -> None:
    entry = load(f"{kind}.toml")[ident]
    for field in TEXT_FIELDS[kind]:
        assert entry["en"][field] != entry["nl"][field], field
    for field in LIST_FIELDS[kind]:
        assert not set(entry["en"][field]) & set(entry["nl"][field]), field


def test_files_hold_exactly_the_known_ids() -> None:
    for kind, idents in IDS.items():
        assert list(load(f"{kind}.toml")) == idents


def test_domain_text_returns_the_texts_in_the_chosen_language() -> None:
    assert i18n.type_name("deliver", "nl") == "Samen leveren"
    assert i18n.type_name("deliver", "en") == "Delivering together"
    assert i18n.stage_name("execute", "nl") == "Uitvoeren & vernieuwen"
    assert i18n.stage_name("explore", "nl") == "Verkennen"
    assert i18n.perspective_name("interests", "nl") == "Belangen"
    assert i18n.domain_text("stages", "explore", "deliverable", "nl") == "Startnotitie"

    i18n.set_language("nl")
    assert i18n.type_name("movement") == "Beweging starten"
    pitfalls = i18n.domain_text("types", "platform", "pitfalls")
    assert isinstance(pitfalls, list) and len(pitfalls) >= 3
    i18n.set_language("en")
    assert i18n.domain_text("types", "platform", "pitfalls") != pitfalls


def test_dutch_stage_names_are_the_ones_advisors_use() -> None:
    names = [i18n.stage_name(s.value, "nl") for s in Stage]
    assert names == [
        "Verkennen",
        "Delen",
        "Overeenkomen",
        "Vormgeven",
        "Uitvoeren & vernieuwen",
        "Afgesloten",
    ]


def test_type_titles_follow_the_design() -> None:
    titles = {t.value: i18n.domain_text("types", t.value, "title", "nl") for t in AgreementType}
    assert titles == {
        "deliver": "Samen diensten of producten leveren",
        "goals": "Doelen realiseren in een complexe context",
        "movement": "Een beweging in gang zetten",
        "platform": "Een platform voor ontmoeting en interactie",
    }


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def test_dutch_core_catalog_has_every_english_key_with_the_same_placeholders() -> None:
    english = flatten(load("messages/en/core.toml"))
    dutch = flatten(load("messages/nl/core.toml"))
    missing = sorted(set(english) - set(dutch))
    assert not missing, f"missing in nl/core.toml: {missing}"
    assert not sorted(set(dutch) - set(english)), "keys only in nl/core.toml"
    for key, template in english.items():
        assert placeholders(dutch[key]) == placeholders(template), key
        assert dutch[key] != template, key


def test_dutch_messages_are_shown_when_dutch_is_chosen() -> None:
    i18n.set_language("nl")
    assert i18n.t("error.empty_name") == "Een samenwerkingsverband heeft een naam nodig."
    assert "Kon x.toml niet wegschrijven" in i18n.t("error.cannot_write", path="x.toml", reason="?")
