"""The fast paths of the text an export prints are the slow paths, only faster.

``show`` of a partnership with a note of 5 MB used to take seconds, most of it making
control characters visible one character at a time and ``textwrap``. Both now take a
regex scan for ordinary text; these laws hold them equal to the plain definitions on
every kind of line, including the odd ones (leading and double spaces, words longer than
the line, tabs, every control and format character).
"""

from __future__ import annotations

import textwrap
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.services.export.partnership import wrap

WORDS = st.text(alphabet="abcé-.", min_size=1, max_size=30)
SPACES = st.sampled_from([" ", "  ", "   ", "\t", " \t "])
LINES = st.lists(st.tuples(WORDS, SPACES), max_size=40).map(
    lambda parts: "".join(word + space for word, space in parts)
)


def reference_safe_text(value: str, *, multiline: bool = False) -> str:
    """safe_text as it was first written: one character at a time."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch == "\n":
            out.append("\n" if multiline else "⏎")
        elif ch == "\t":
            out.append("\t" if multiline else " ")
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("␡")
        elif (
            code <= 0x9F
            and code >= 0x80
            or unicodedata.category(ch) in ("Zl", "Zp")
            or (unicodedata.category(ch) == "Cf" and ch != "\u200d")
        ):
            out.append(f"⟨U+{code:04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=400)
@given(st.text(), st.booleans())
def test_safe_text_is_the_character_by_character_definition(value: str, multiline: bool) -> None:
    assert safe_text(value, multiline=multiline) == reference_safe_text(value, multiline=multiline)


def test_safe_text_of_every_code_point_below_0x3000_and_the_format_characters() -> None:
    every = "".join(chr(c) for c in range(0x3000)) + "\u200b\u200d\u2060\ufeff\U000e0001"
    for multiline in (False, True):
        assert safe_text(every, multiline=multiline) == reference_safe_text(
            every, multiline=multiline
        )


@settings(max_examples=600)
@given(
    st.one_of(LINES, LINES.map(lambda line: "  " + line), st.text(alphabet="ab \t")),
    st.integers(min_value=2, max_value=90),
)
def test_wrap_is_textwrap(line: str, width: int) -> None:
    expected = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
    assert wrap(line, width) == expected


def test_a_long_note_of_plain_words_wraps_like_textwrap() -> None:
    words = ("zorg regio jeugd water kennis " * 400).strip()
    for width in (20, 72, 78):
        expected = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
        assert wrap(words, width) == expected
