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
    "types": (
        "name",
        "label",
        "title",
        "short",
        "description",
        "approach",
        "principal",
        "steering",
        "result",
        "shifts",
        "mixed",
    ),  # fmt: skip
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
        if (ident, field) == ("platform", "label"):
            continue  # "Platform" is the word in both languages
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
        "Afbouwen",
        "Afgerond",
    ]
    # Dutch advisors write a projectplan; a "projectblad" is not a Dutch document.
    assert i18n.domain_text("stages", "shape", "deliverable", "nl").startswith("Projectplan")


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


# ------------------------------------------------------------------ what a Dutch advisor reads


def test_each_type_says_who_is_principal_how_to_steer_and_what_counts_as_a_result() -> None:
    """The article's language per type: opdrachtgever, regie, resultaat."""
    nl = {t.value: load("types.toml")[t.value]["nl"] for t in AgreementType}
    assert "gedeeld opdrachtgeverschap" in nl["deliver"]["principal"].lower()
    assert "beheersen" in nl["deliver"]["steering"].lower()
    assert "output" in nl["deliver"]["result"].lower()
    assert "programmaraad" in nl["goals"]["principal"]
    assert "procesregie" in nl["goals"]["steering"]
    assert "effecten" in nl["goals"]["result"].lower()
    assert "initiatiefnemer" in nl["movement"]["principal"]
    assert "netwerkregie" in nl["movement"]["steering"].lower()
    assert "deelnemers zelf" in nl["platform"]["principal"]
    assert "faciliteren" in nl["platform"]["steering"].lower()
    assert "vertrouwen" in nl["platform"]["result"]


def test_type_texts_use_the_articles_terms() -> None:
    nl = {t.value: load("types.toml")[t.value]["nl"] for t in AgreementType}
    assert "complex projectmanagement" in nl["deliver"]["approach"]
    assert "alliantiemanagement" in nl["deliver"]["approach"]
    assert "procesregie" in nl["goals"]["approach"]
    assert "procesmanagement" not in nl["goals"]["approach"]
    assert "netwerkregie" in nl["movement"]["approach"]
    # The invented signal "no party dominates" contradicted the demo (the municipality
    # leads Top 500); the signal is that nobody can reach or enforce the goal alone.
    assert not any("domineert" in s for s in nl["goals"]["signals"])
    assert any("alleen bereiken of afdwingen" in s for s in nl["goals"]["signals"])


def test_a_platform_gives_rise_to_delivery_initiatives_over_time() -> None:
    for lang, word in (("nl", "leveringsinitiatieven"), ("en", "delivery initiatives")):
        assert word in i18n.domain_text("types", "platform", "shifts", lang)


def test_short_labels_fit_a_narrow_column_in_both_languages() -> None:
    labels = {
        lang: [i18n.type_label(t.value, lang) for t in AgreementType] for lang in i18n.LANGUAGES
    }
    assert labels["nl"] == ["Leveren", "Doelen", "Beweging", "Platform"]
    assert labels["en"] == ["Delivery", "Goals", "Movement", "Platform"]
    assert all(len(label) <= 8 and " " not in label for ls in labels.values() for label in ls)


ACTIVE_STAGES = [s.value for s in Stage if s is not Stage.CLOSED]


@pytest.mark.parametrize("agreement_type", [t.value for t in AgreementType])
@pytest.mark.parametrize("stage", ACTIVE_STAGES)
def test_every_type_and_phase_has_advice_in_both_languages(agreement_type: str, stage: str) -> None:
    advice = load("advice.toml")
    for lang in i18n.LANGUAGES:
        cell = advice[agreement_type][stage][lang]
        assert set(cell) == {"now", "questions", "warnings", "document"}, (lang, set(cell))
        assert isinstance(cell["now"], str) and len(cell["now"].split()) >= 15
        assert isinstance(cell["document"], str) and cell["document"].strip()
        assert 2 <= len(cell["questions"]) <= 3
        assert all(q.strip().endswith("?") for q in cell["questions"]), lang
        assert 1 <= len(cell["warnings"]) <= 3
        assert all(w.strip() for w in cell["warnings"])
    nl, en = advice[agreement_type][stage]["nl"], advice[agreement_type][stage]["en"]
    assert nl["now"] != en["now"] and not set(nl["questions"]) & set(en["questions"])


def test_advice_covers_exactly_the_types_and_active_phases() -> None:
    advice = load("advice.toml")
    assert list(advice) == [t.value for t in AgreementType]
    for cells in advice.values():
        assert list(cells) == ACTIVE_STAGES


def test_a_movement_or_platform_agrees_on_a_manifest_or_ground_rules_not_a_letter_of_intent() -> (
    None
):
    for agreement_type, word in (("movement", "Manifest"), ("platform", "spelregels")):
        document = i18n.phase_advice(agreement_type, "agree", "nl")["document"]
        assert word in document
        assert "geen intentieverklaring" in document
    assert "manifesto" in i18n.phase_advice("movement", "agree", "en")["document"].lower()


def test_phase_advice_falls_back_to_english_and_is_empty_for_the_end_state() -> None:
    i18n.set_language("nl")
    assert i18n.phase_advice("goals", "execute")["questions"][0].startswith("Wat verandert")
    assert i18n.phase_advice("goals", "closed") == {}
    i18n.set_language("en")


def test_general_guidance_says_a_partnership_can_hold_several_types() -> None:
    guidance = load("guidance.toml")
    assert list(guidance) == ["general"]
    for lang in i18n.LANGUAGES:
        texts = guidance["general"][lang]
        assert set(texts) == {"several_types", "mixed", "unclear"}
        assert all(isinstance(v, str) and len(v.split()) >= 30 for v in texts.values())
    assert "kern" in i18n.domain_text("guidance", "general", "several_types", "nl")
    assert "partners" in i18n.domain_text("guidance", "general", "unclear", "nl")
