"""The annotation form: a new note, multi-line, optionally tied to a type, with tags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.edits import NoteFields
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType
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


class NoteForm(FormScreen[NoteValues]):
    """A new annotation: multi-line text, optionally tied to a type, with tags."""

    title_key = "tui.form.note_title"

    class Submitted(Message):
        """Saved: ``values`` as typed, for the partnership ``form.pid``."""

        def __init__(self, form: NoteForm, values: NoteValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, p: Partnership) -> None:
        super().__init__(state)
        self.p = p
        self.pid = p.id

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        yield label("tui.form.note_text"), text_area("", "text", "note-text")
        yield (
            label("tui.form.note_type"),
            Select(
                type_options(i18n.t("tui.form.no_type")),
                value="",
                allow_blank=False,
                id="note-type",
                compact=True,
            ),
        )
        yield (
            label("tui.form.tags"),
            text_input("", "tags", placeholder=i18n.t("tui.form.tags_hint")),
        )

    def values(self) -> NoteValues:
        return NoteValues(
            text=self.query_one("#text", TextArea).text,
            note_type=chosen_type(self.query_one("#note-type", Select).value),
            tags=split_tags(self.query_one("#tags", Input).value),
        )

    def submitted(self, values: NoteValues) -> NoteForm.Submitted:
        return self.Submitted(self, values)
