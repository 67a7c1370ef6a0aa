"""The notes pane: the selected partnership's annotations, newest first."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Note, Partnership
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.detail import type_chip

#: Characters of one note the pane shows. The pane lays out all it is given (to know its
#: height), so a note of megabytes would take seconds each time it is selected; past this
#: a line says how much more there is and where to read it all.
NOTE_SHOWN = 20_000


def note_content(note: Note, pid: str = "") -> Content:
    """Header (date, author, type with letter and colour, tags) and the text."""
    header = [Content.styled(minute(note.created), "$text-muted")]
    header.append(content(note.author, "bold"))
    if note.type is not None:
        header.append(type_chip(note.type) + Content(" " + i18n.type_name(note.type.value)))
    if note.tags:
        header.append(content(" ".join(f"#{tag}" for tag in note.tags), "$accent"))
    text = note.text
    parts = [Content("  ").join(header), content(text[:NOTE_SHOWN], multiline=True)]
    if len(text) > NOTE_SHOWN:
        more = i18n.t("tui.notes_long.more", count=len(text) - NOTE_SHOWN, id=pid[:6])
        parts.append(Content.styled(more, "$text-muted italic"))
    return Content("\n").join(parts)


class NotesPane(Static):
    """All notes as one block of ``Content``; the scroll container around it scrolls."""

    def show(self, p: Partnership | None) -> None:
        if p is None:
            self.update("")
            return
        heading = Content.styled(i18n.t("tui.notes.title_count", count=len(p.notes)), "bold")
        if not p.notes:
            self.update(
                heading + Content("\n") + Content.styled(i18n.t("tui.notes.none"), "$text-muted")
            )
            return
        blocks = [heading, *(note_content(note, p.id) for note in reversed(p.notes))]
        self.update(Content("\n\n").join(blocks))
