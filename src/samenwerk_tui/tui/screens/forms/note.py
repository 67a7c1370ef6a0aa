"""The annotation form: a new note, or a correction of one, multi-line, optionally tied to
a type, with tags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypedDict

from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.edits import NoteFields
from samenwerk_tui.domain.model import Note
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import (
    FormScreen,
    chosen_type,
    label,
    split_tags,
    text_area,
    text_input,
    type_options,
)
from samenwerk_tui.tui.state import AppState


@dataclass(frozen=True)
class NoteValues:
    """What the note form holds."""

    text: str = ""
    note_type: AgreementType | None = None
    tags: tuple[str, ...] = ()

    def fields(self) -> NoteFields:
        """The note's optional parts, as the session takes them."""
        return {"note_type": self.note_type, "tags": self.tags}

    def changes_from(self, note: Note) -> NoteChanges:
        """What the form changed of the note it opened on (a correction touches only that,
        so a colleague's change to another part of the note survives)."""
        changed: NoteChanges = {}
        if self.text != note.text:
            changed["text"] = self.text
        if self.note_type is not note.type:
            changed["note_type"] = self.note_type
        if self.tags != note.tags:
            changed["tags"] = self.tags
        return changed


class NoteChanges(TypedDict, total=False):
    """The parts of a note a correction changes (:func:`~samenwerk_tui.domain.edits.edit_note`)."""

    text: str
    note_type: AgreementType | None
    tags: tuple[str, ...]


class NoteForm(FormScreen[NoteValues]):
    """A new annotation (or, given ``note``, a correction of it): multi-line text,
    optionally tied to a type, with tags."""

    title_key = "tui.form.note_title"

    class Submitted(Message):
        """Saved: ``values`` as typed, for the partnership ``form.pid``."""

        def __init__(self, form: NoteForm, values: NoteValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, record: Record, note: Note | None = None) -> None:
        super().__init__(state, record)
        self.p = record.partnership
        self.pid = self.p.id
        self.note = note
        if note is not None:
            self.title_key = "tui.note_pane.edit_title"

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        note = self.note
        text = note.text if note is not None else ""
        note_type = note.type.value if note is not None and note.type is not None else ""
        tags = " ".join(note.tags) if note is not None else ""
        yield label("tui.form.note_text"), text_area(text, "text", "note-text")
        yield (
            label("tui.form.note_type"),
            Select(
                type_options(i18n.t("tui.form.no_type")),
                value=note_type,
                allow_blank=False,
                id="note-type",
                compact=True,
            ),
        )
        yield (
            label("tui.form.tags"),
            text_input(tags, "tags", placeholder=i18n.t("tui.form.tags_hint")),
        )

    def values(self) -> NoteValues:
        return NoteValues(
            text=self.query_one("#text", TextArea).text,
            note_type=chosen_type(self.query_one("#note-type", Select).value),
            tags=split_tags(self.query_one("#tags", Input).value),
        )

    def submitted(self, values: NoteValues) -> NoteForm.Submitted:
        return self.Submitted(self, values)
