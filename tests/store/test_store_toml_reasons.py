"""A file someone broke by hand says what is wrong in the language in use: the usual
TOML slips (a quote not closed, a field twice, a missing ``=``, a bracket left open) in
words an advisor reads, in Dutch as in English; anything rarer keeps the parser's words."""

from __future__ import annotations

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.store.codec import FormatError, decode

HEAD = b'schema = 1\nid = "abcdef123456"\n'


@pytest.mark.parametrize(
    ("body", "key", "line"),
    [
        (b'name = "Kapot verband\nstage = "explore"\n', "broken.toml_unterminated", 3),
        (b'name = "Kapot', "broken.toml_unterminated", 3),
        (b'name = "A"\nname = "B"\n', "broken.toml_twice", 4),
        (b'name "A"\n', "broken.toml_equals", 3),
        (b"name = Kapot\n", "broken.toml_value", 3),
        (b'tags = ["a", "b"\n', "broken.toml_unclosed", 3),
        (b"[classification\n", "broken.toml_unclosed", 3),
        (b"created = 2026-02-30T10:00:00Z\n", "broken.toml_date", 3),
        (b'name = "A" x\n', "broken.toml_trailing", 3),
        (b"!!\n", "broken.toml_statement", 3),
    ],
)
def test_the_usual_slips_are_named_in_both_languages(body: bytes, key: str, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        decode(HEAD + body)
    assert caught.value.key == key
    assert caught.value.line >= line  # a slip found at the end of the file points there
    english = i18n.text_of(caught.value)
    assert english.startswith("the file is not valid TOML: ")
    i18n.set_language("nl")  # the autouse fixture sets English back afterwards
    dutch = i18n.text_of(caught.value)
    assert dutch.startswith("het bestand is geen geldige TOML: ") and dutch != english
    for word in ("Illegal", "Invalid", "Expected", "Cannot", "Unclosed", "Unterminated"):
        assert word not in dutch


def test_a_rarer_slip_keeps_the_parsers_own_words() -> None:
    with pytest.raises(FormatError) as caught:
        decode(HEAD + b'name = "\\q"\n')  # an escape TOML does not know
    assert caught.value.key == "broken.toml"
    assert "Unescaped" in i18n.text_of(caught.value) or "escape" in i18n.text_of(caught.value)
