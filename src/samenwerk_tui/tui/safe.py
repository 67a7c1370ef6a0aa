"""The one display boundary of the TUI: user text becomes inert ``Content``.

Textual parses markup in plain strings (a name such as ``[/x]`` would crash a ``Label``)
and lets ESC through to the terminal. Everything a user or a file wrote goes through
:func:`content` (or :func:`plain` where Textual wants a string and ``markup=False``), so no
widget ever sees raw user text.
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape
from textual.style import Style

from samenwerk_tui.domain.text import safe_text

#: Longest stretch of one text shown on screen; the rest is summarised, never parsed.
DISPLAY_LIMIT = 20_000


def plain(value: str, *, multiline: bool = False, limit: int = DISPLAY_LIMIT) -> str:
    """``value`` with control and bidi characters made visible, cut at ``limit``."""
    text = safe_text(value, multiline=multiline)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def content(value: str, style: Style | str = "", *, multiline: bool = False) -> Content:
    """Literal ``Content`` of user text, optionally in one style; never interprets markup."""
    text = plain(value, multiline=multiline)
    return Content.styled(text, style) if style else Content(text)


def markup_escaped(value: str) -> str:
    """User text prepared for APIs that insist on parsing markup (``Matcher.highlight``)."""
    return escape(plain(value))
