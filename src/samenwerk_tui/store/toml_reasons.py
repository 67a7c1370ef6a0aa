"""Which common slip a TOML parse error stands for, so it can be said in the user's words.

``tomllib`` explains a broken file in English parser terms ("Illegal character '\\n'",
"Cannot overwrite a value"). The slips people make when they edit a partnership file
by hand are few; each gets a catalog sentence (``broken.toml_<kind>``) in Dutch and
English. A message not recognised here keeps the parser's own words (``broken.toml``).
"""

from __future__ import annotations

#: The start of a ``tomllib`` message (without its position) -> the kind of slip.
_KINDS: tuple[tuple[str, str], ...] = (
    # A newline inside a one-line string: its closing quote is missing.
    ("Illegal character '\\n'", "unterminated"),
    ("Unterminated string", "unterminated"),
    ("Cannot overwrite a value", "twice"),
    ("Cannot declare", "twice"),
    ("Cannot redefine namespace", "twice"),
    ("Cannot mutate immutable namespace", "twice"),
    ("Duplicate inline table key", "twice"),
    ("Expected '=' after a key", "equals"),
    ("Invalid value", "value"),
    ("Unclosed array", "unclosed"),
    ("Unclosed inline table", "unclosed"),
    ("Expected ']' at the end of a table declaration", "unclosed"),
    ("Expected ']]' at the end of an array declaration", "unclosed"),
    ("Invalid date or datetime", "date"),
    ("Expected newline or end of document after a statement", "trailing"),
    ("Invalid statement", "statement"),
    ("Invalid initial character for a key part", "statement"),
)


def slip_key(reason: str) -> str | None:
    """The catalog key that says what ``reason`` (a ``tomllib`` message) means, if known."""
    for start, kind in _KINDS:
        if reason.startswith(start):
            return f"broken.toml_{kind}"
    return None
