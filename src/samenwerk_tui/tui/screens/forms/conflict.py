"""The conflict editor: the user's own text for one conflicting text field; saving settles
the conflict with it (opened from the resolve screen, which saves). Both recorded values
stay visible above the editor while you write."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Conflict
from samenwerk_tui.tui.fields import value_content
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import FormScreen, text_area
from samenwerk_tui.tui.state import AppState


@dataclass(frozen=True)
class ConflictText:
    """The value typed for the conflicting field."""

    text: str


class ConflictEditForm(FormScreen[ConflictText]):
    """Edit the value of one conflicting text field; saving settles the conflict with it."""

    title_key = "tui.resolve.edit_title"

    class Submitted(Message):
        """Saved: ``values.text`` settles ``form.conflict``."""

        def __init__(self, form: ConflictEditForm, values: ConflictText) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, conflict: Conflict, label: str, text: str) -> None:
        super().__init__(state)
        self.conflict = conflict
        self.label = label
        self.text = text

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key) + ": ") + content(self.label)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        field = self.conflict.field
        for key, value in (
            ("tui.resolve.ours", self.conflict.ours),
            ("tui.resolve.theirs", self.conflict.theirs),
        ):
            yield (
                Label(Content(i18n.t(key)), classes="form-label"),
                Static(value_content(field, value), classes="conflict-value"),
            )
        yield (
            Label(Content(i18n.t("tui.resolve.value")), classes="form-label"),
            text_area(self.text, "text", "note-text"),
        )

    def values(self) -> ConflictText:
        return ConflictText(self.query_one("#text", TextArea).text)

    def submitted(self, values: ConflictText) -> ConflictEditForm.Submitted:
        return self.Submitted(self, values)
