"""The message catalogs speak with one voice in Dutch and say counts the way people do.

Every sentence exists in both languages with the same placeholders; a sentence with a count
has a singular and a plural form in both; the Dutch catalog says "je" (never "u" or "uw"),
uses one word per concept, and never lets the key ``u`` read as the pronoun.
"""

from __future__ import annotations

import re
import string
import tomllib
from importlib import resources
from typing import Any

import pytest

from samenwerk_tui import i18n

AREAS = ("core", "cli", "tui", "git", "decide", "settings")


def catalog(lang: str, area: str) -> dict[str, Any]:
    folder = resources.files("samenwerk_tui.data").joinpath("messages", lang)
    return i18n._flatten(tomllib.loads(folder.joinpath(f"{area}.toml").read_text("utf-8")))


def braces(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def percents(template: str) -> list[str]:
    """argparse's own %-placeholders (``%(value)r``, ``%s``), in order."""
    return re.findall(r"%\([a-z_]+\)[rsd]|%[rsd]", template.replace("%%", ""))


@pytest.mark.parametrize("area", AREAS)
def test_every_sentence_exists_in_both_languages_with_the_same_placeholders(area: str) -> None:
    english, dutch = catalog("en", area), catalog("nl", area)
    assert sorted(set(english) - set(dutch)) == [], f"missing in nl/{area}.toml"
    assert sorted(set(dutch) - set(english)) == [], f"only in nl/{area}.toml"
    for key, template in english.items():
        assert braces(dutch[key]) == braces(template), key
        assert percents(dutch[key]) == percents(template), key


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_sentence_with_a_count_has_a_singular_and_a_plural_form(lang: str) -> None:
    plural_keys = set()
    for area in AREAS:
        messages = catalog(lang, area)
        for key in messages:
            stem, _, form = key.rpartition(".")
            if form in ("one", "other"):
                plural_keys.add(stem)
                assert f"{stem}.one" in messages and f"{stem}.other" in messages, key
        for key, text in messages.items():
            # "file(s)", "bestand(en)", "kapot(te)": a count deserves a real plural.
            assert not re.search(r"\w\((s|en|te|e)\)", text), (key, text)
    assert {"cli.check.ok", "cli.export.done", "tui.status.broken", "git.sync.counts"} <= (
        plural_keys
    )


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("nl", 1, "1 bestand gecontroleerd; alles in orde."),
        ("nl", 0, "0 bestanden gecontroleerd; alles in orde."),
        ("nl", 8, "8 bestanden gecontroleerd; alles in orde."),
        ("en", 1, "1 file checked; all fine."),
        ("en", 2, "2 files checked; all fine."),
    ],
)
def test_counts_read_as_people_say_them(lang: str, count: int, expected: str) -> None:
    i18n.set_language(lang)
    try:
        assert i18n.t("cli.check.ok", count=count) == expected
    finally:
        i18n.set_language("en")


def test_a_plural_sentence_can_count_by_another_parameter() -> None:
    i18n.set_language("nl")
    try:
        assert i18n.t("git.sync.counts", sent=1, received=3) == "1 wijziging verstuurd, 3 ontvangen"
        assert (
            i18n.t("git.sync.counts", sent=2, received=1) == "2 wijzigingen verstuurd, 1 ontvangen"
        )
        assert i18n.t("tui.status.shown", shown=1, total=1) == "1/1 samenwerkingsverband"
        assert i18n.t("tui.status.shown", shown=1, total=8) == "1/8 samenwerkingsverbanden"
        assert i18n.has("cli.export.done") and not i18n.has("cli.export.nonsense")
    finally:
        i18n.set_language("en")


def dutch_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for area in AREAS:
        for key, text in catalog("nl", area).items():
            texts[f"{area}:{key}"] = text
    return texts


def test_dutch_says_je_and_never_u_or_uw() -> None:
    for key, text in dutch_texts().items():
        assert not re.search(r"\b[Uu]w\b", text), (key, text)
        # The key "u" only ever follows the word "toets", so it never reads as "you".
        for match in re.finditer(r"\b[Uu]\b", text):
            assert text[: match.start()].endswith("toets "), (key, text)


def test_dutch_uses_one_word_per_concept() -> None:
    texts = dutch_texts()
    for key, text in texts.items():
        words = set(re.findall(r"[a-zà-ÿ]+", text.lower()))
        assert not words & {"tags", "kapot", "kapotte", "beslechten", "beslecht"}, key
    assert texts["tui:tui.cmd.main.undo.label"] == "ongedaan maken"
    assert texts["tui:tui.list.broken"] == texts["cli:export.broken"] == "onleesbaar"
    assert texts["tui:tui.detail.tags"] == texts["cli:export.tags"] == "Labels"


def test_dutch_footer_labels_are_dutch_words() -> None:
    texts = dutch_texts()
    assert texts["tui:tui.cmd.main.classify.label"] == "typering"
    assert texts["tui:tui.cmd.main.quit.label"] == "afsluiten"
    assert texts["tui:tui.cmd.main.sync.label"] == "synchroniseren"
    english = {
        text
        for area in ("tui", "settings")
        for key, text in catalog("en", area).items()
        if key.endswith(".label")
    }
    for key, text in texts.items():
        area, _, name = key.partition(":")
        if area in ("tui", "settings") and name.startswith("tui.cmd.") and key.endswith(".label"):
            # Words both languages share (filter, platform, type, demo) are fine.
            assert text not in english - {"filter", "platform", "type", "demo"}, key


def dutch_data_texts() -> dict[str, str]:
    """Every Dutch text of the data files: types, phases, advice, guidance, the demo."""
    data = resources.files("samenwerk_tui.data")
    texts: dict[str, str] = {}

    def walk(value: Any, where: str, dutch: bool) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}", dutch or key == "nl")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]", dutch)
        elif isinstance(value, str) and dutch:
            texts[where] = value

    for name in ("types", "stages", "perspectives", "advice", "guidance", "demo"):
        walk(tomllib.loads(data.joinpath(f"{name}.toml").read_text("utf-8")), name, False)
    return texts


def test_dutch_data_texts_say_je_too() -> None:
    texts = dutch_data_texts()
    assert len(texts) > 500  # every type, phase, advice cell and demo text
    for where, text in texts.items():
        assert not re.search(r"\b[Uu]w?\b", text), (where, text)
