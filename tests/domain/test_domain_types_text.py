"""The vocabularies and the text rules: what an advisor types is understood, and what a
file holds can never drive the terminal or escape the partnerships folder."""

from __future__ import annotations

import unicodedata
from pathlib import PureWindowsPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerk_tui.domain.text import (
    SLUG_MAX,
    fold,
    new_id,
    normalize_line,
    normalize_text,
    safe_text,
    slugify,
    truncate,
)
from samenwerk_tui.domain.types import (
    AgreementType,
    PerspectiveName,
    Stage,
    parse_perspective,
    parse_stage,
    parse_type,
)

# ------------------------------------------------------------------ types


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("deliver", AgreementType.DELIVER),
        ("Leveren", AgreementType.DELIVER),
        ("samen-leveren", AgreementType.DELIVER),
        ("samen leveren", AgreementType.DELIVER),
        ("doelen", AgreementType.GOALS),
        ("beweging", AgreementType.MOVEMENT),
        ("  BEWEGING ", AgreementType.MOVEMENT),
        ("ontmoeting", AgreementType.PLATFORM),
        ("platform", AgreementType.PLATFORM),
        # The badges the list shows (and the keys that set a type) name the types too.
        ("1", AgreementType.DELIVER),
        (" 2 ", AgreementType.GOALS),
        ("3", AgreementType.MOVEMENT),
        ("4", AgreementType.PLATFORM),
        ("0", None),
        ("5", None),
        ("project", None),
        ("", None),
    ],
)
def test_agreement_types_accept_english_ids_and_dutch_words(
    word: str, expected: AgreementType | None
) -> None:
    assert parse_type(word) is expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("execute", Stage.EXECUTE),
        ("verkennen", Stage.EXPLORE),
        ("delen", Stage.SHARE),
        ("overeenkomen", Stage.AGREE),
        ("vormgeven", Stage.SHAPE),
        ("Uitvoeren", Stage.EXECUTE),
        ("afgesloten", Stage.CLOSED),
        ("beëindigd", Stage.CLOSED),  # the accent a Dutch advisor types
        ("beeindigd", Stage.CLOSED),
        ("afgerond", Stage.CLOSED),
        ("afbouwen", Stage.WIND_DOWN),  # winding down is a phase, not the end state
        ("Afbouwen", Stage.WIND_DOWN),
        ("wind-down", Stage.WIND_DOWN),
        ("winding down", Stage.WIND_DOWN),
        ("movement", None),
    ],
)
def test_stages_accept_dutch_words_with_or_without_accents(
    word: str, expected: Stage | None
) -> None:
    assert parse_stage(word) is expected


def test_perspectives_accept_dutch_words() -> None:
    assert parse_perspective("ambitie") is PerspectiveName.AMBITION
    assert parse_perspective("Relatie") is PerspectiveName.RELATIONSHIP
    assert parse_perspective("process") is PerspectiveName.PROCESS
    assert parse_perspective("geld") is None


def test_each_type_has_a_badge_that_reads_the_same_in_both_languages() -> None:
    # D/G/M/P read as "Doelen" for deliver to a Dutch eye; the digit is also the key.
    assert [t.digit for t in AgreementType] == ["1", "2", "3", "4"]
    assert [t.badge for t in AgreementType] == ["1", "2", "3", "4"]
    assert [t.badge for t in AgreementType] == ["1", "2", "3", "4"]


def test_winding_down_comes_after_execution_and_before_the_end_state() -> None:
    stages = list(Stage)
    assert stages.index(Stage.EXECUTE) < stages.index(Stage.WIND_DOWN) < stages.index(Stage.CLOSED)
    assert Stage.WIND_DOWN.value == "wind-down"


# ------------------------------------------------------------------ normalising input

PAYLOAD = "\x1b]52;c;ZXZpbA==\x07[bold]x[/] [link=https://e.vil]y[/link]"


def test_input_loses_terminal_escapes_but_keeps_markup_as_plain_text() -> None:
    cleaned = normalize_line(PAYLOAD)
    assert "\x1b" not in cleaned and "\x07" not in cleaned
    assert cleaned == "]52;c;ZXZpbA==[bold]x[/] [link=https://e.vil]y[/link]"


@pytest.mark.parametrize(
    "char",
    ["\x9d", "\x9b", "\x85", "\u202e", "\u2066", "\u200e", "\ufeff", "\x7f", "\x00", "\u2028"],
)
def test_c1_bidi_and_format_characters_never_survive_a_single_line_field(char: str) -> None:
    cleaned = normalize_line(f"Rivier{char}dal")
    assert char not in cleaned
    assert cleaned.replace(" ", "") == "Rivierdal"


def test_line_breaks_of_every_kind_become_lf_in_multiline_text() -> None:
    assert normalize_text("a\r\nb\rc\u2028d\x85e") == "a\nb\nc\nd\ne"
    assert normalize_line("a\r\nb") == "a b"


def test_tabs_and_emoji_sequences_survive() -> None:
    family = "👩\u200d👩\u200d👧"
    assert normalize_text(f"a\tb {family}") == f"a\tb {family}"


def test_input_is_stored_in_nfc() -> None:
    nfd = "Zoe\u0308"
    assert normalize_line(nfd) == "Zoë"
    assert unicodedata.is_normalized("NFC", normalize_line(nfd))


@settings(max_examples=150)
@given(st.text())
def test_normalising_is_idempotent_and_leaves_no_control_characters(value: str) -> None:
    once = normalize_text(value)
    assert normalize_text(once) == once
    assert all(ch in "\n\t" or safe_text(ch) == ch for ch in once)
    line = normalize_line(value)
    assert "\n" not in line and normalize_line(line) == line


# ------------------------------------------------------------------ safe display


def test_safe_text_shows_every_control_character_visibly() -> None:
    shown = safe_text(PAYLOAD)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.startswith("␛]52;") and "␇" in shown
    assert "[bold]" in shown  # markup stays literal text; rendering decides, not us
    assert safe_text("a\x9d52") == "a⟨U+009D⟩52"
    assert safe_text("a\u202eb") == "a⟨U+202E⟩b"
    assert safe_text("a\x7f") == "a␡"
    assert safe_text("a\nb") == "a⏎b"
    assert safe_text("a\nb", multiline=True) == "a\nb"
    assert safe_text("a\u2028b") == "a⟨U+2028⟩b"


@settings(max_examples=150)
@given(st.text())
def test_safe_text_output_never_holds_a_raw_control_character(value: str) -> None:
    for multiline in (False, True):
        for ch in safe_text(value, multiline=multiline):
            code = ord(ch)
            assert ch in "\n\t" or not (code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F)
            assert unicodedata.category(ch) not in ("Cf", "Zl", "Zp") or ch == "\u200d"


# ------------------------------------------------------------------ fold, slug, id


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Zoë") == fold("ZOE") == fold("Zoe\u0308") == "zoe"
    assert fold("Straße") == "strasse"


SLUG_CASES = [
    "CON",
    "aux.",
    "a:b",
    "Zoë",
    "Zoe\u0308",
    "   ",
    "../x",
    "🤝👩‍👩‍👧",
    "nul.txt",
    "COM¹",
]


@pytest.mark.parametrize("name", SLUG_CASES)
def test_hostile_names_give_valid_windows_safe_slugs(name: str) -> None:
    slug = slugify(name)
    assert 1 <= len(slug) <= SLUG_MAX
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-")
    assert not PureWindowsPath(slug).is_reserved()
    assert not PureWindowsPath(f"{slug}.toml").is_reserved()


def test_nfc_and_nfd_spellings_give_the_same_slug() -> None:
    assert slugify("Zoë") == slugify("Zoe\u0308") == "zoe"


def test_slugs_of_empty_or_symbol_names_fall_back_to_a_word() -> None:
    assert slugify("   ") == slugify("🤝") == "partnership"
    assert slugify("../x") == "x"
    assert slugify("a:b") == "a-b"


@settings(max_examples=150)
@given(st.text())
def test_any_name_gives_a_valid_slug(name: str) -> None:
    slug = slugify(name)
    assert 1 <= len(slug) <= SLUG_MAX
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not PureWindowsPath(slug).is_reserved()
    assert slugify(unicodedata.normalize("NFD", name)) == slugify(
        unicodedata.normalize("NFC", name)
    )


def test_ids_are_lowercase_alphanumeric_of_the_asked_length() -> None:
    ids = {new_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) == 12 and i.isascii() and i.isalnum() and i == i.lower() for i in ids)
    assert len(new_id(8)) == 8


def test_truncate_adds_an_ellipsis_only_when_cut() -> None:
    assert truncate("Senseo", 10) == "Senseo"
    assert truncate("Senseo", 4) == "Sen…"
