"""The display boundary: text a file or another tool wrote never drives the terminal."""

from __future__ import annotations

from samenwerk_tui.tui.safe import content, markup_escaped, plain


def test_escape_sequences_and_bidi_become_visible_characters() -> None:
    shown = content("\x1b]52;c;ZXZpbA==\x07[bold]x[/] \u202eevil \x9d").plain
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "[bold]x[/]" in shown
    assert "␛" in shown and "⟨U+202E⟩" in shown


def test_markup_in_user_text_is_never_parsed() -> None:
    assert content("[/x] partner").plain == "[/x] partner"
    assert content("[bold]Evil[/bold] co").spans == []


def test_markup_escaped_survives_a_markup_parser() -> None:
    from textual.content import Content

    assert Content.from_markup(markup_escaped("[/x] [b]y[/b]")).plain == "[/x] [b]y[/b]"


def test_a_huge_text_is_cut_for_display_only() -> None:
    text = "x" * 100_000
    assert len(plain(text)) < 25_000
    assert content("🤝 Zoe\u0308 👩‍👩‍👧").plain == "🤝 Zoe\u0308 👩‍👩‍👧"
