"""What ``ctrl+c`` copies: a partnership's summary or its notes, as plain text.

The text goes to the terminal's clipboard through Textual (``App.copy_to_clipboard``,
an OSC 52 sequence, base64 inside, so the text itself never drives the terminal). Control
characters are made visible first, as on screen, so pasting it anywhere is harmless.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.state import AppState


def copy(app: App[Any], state: AppState, what: str = "") -> None:
    """Copy ``what`` (``summary``, ``notes``) of the selected partnership; without
    ``what``: the text selected with the mouse if any, else the notes when the notes
    pane has focus, else the summary."""
    if not what:
        selected = app.screen.get_selected_text()
        if selected:
            app.copy_to_clipboard(selected)
            tell(app, i18n.t("tui.copy.selection"))
            return
        focused = app.focused
        what = "notes" if focused is not None and focused.id == "notes-scroll" else "summary"
    record = state.record(state.selected)
    if record is None:
        tell(app, i18n.t("tui.copy.nothing"))
        return
    p = record.partnership
    if what == "notes":
        app.copy_to_clipboard(notes_text(p))
        tell(app, i18n.t("tui.copy.notes", count=len(p.notes), name=p.name))
    else:
        app.copy_to_clipboard(summary_text(p))
        tell(app, i18n.t("tui.copy.summary", name=p.name))


def summary_text(p: Partnership) -> str:
    """Name, stage, primary type, parties, tags and summary, one item per line."""
    lines = [p.name, f"{i18n.t('tui.detail.stage')}: {i18n.stage_name(p.stage.value)}"]
    if p.primary is not None:
        lines.append(f"{i18n.t('tui.form.primary')}: {i18n.type_name(p.primary.value)}")
    for party in p.parties:
        lines.append(f"- {party.name}" + (f" ({party.role})" if party.role else ""))
    if p.tags:
        lines.append(" ".join(f"#{tag}" for tag in p.tags))
    if p.summary:
        lines += ["", p.summary.rstrip("\n")]
    return safe_text("\n".join(lines), multiline=True)


def notes_text(p: Partnership) -> str:
    """Every note, newest first: date (local time), author, type, tags, then the text."""
    blocks = []
    for note in reversed(p.notes):
        head = [minute(note.created), note.author]
        if note.type is not None:
            head.append(i18n.type_name(note.type.value))
        head += [f"#{tag}" for tag in note.tags]
        blocks.append("  ".join(head) + "\n" + note.text.rstrip("\n"))
    return safe_text("\n\n".join(blocks), multiline=True)
