"""The notes pane: the selected partnership's annotations, newest first."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Note, Partnership
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.detail import type_chip


def note_content(note: Note) -> Content:
    """Header (date, author, type with letter and colour, tags) and the text."""
    header = [Content.styled(minute(note.created), "$text-muted")]
    header.append(content(note.author, "bold"))
    if note.type is not None:
        header.append(type_chip(note.type) + Content(" " + i18n.type_name(note.type.value)))
    if note.tags:
        header.append(content(" ".join(f"#{tag}" for tag in note.tags), "$accent"))
    return Content("\n").join([Content("  ").join(header), content(note.text, multiline=True)])


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
        blocks = [heading, *(note_content(note) for note in reversed(p.notes))]
        self.update(Content("\n\n").join(blocks))
