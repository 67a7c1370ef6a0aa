"""The partnership form: a new partnership, or the name, summary, stage, tags and parties
of one. An edit hands over only what the user changed, so a change made on disk meanwhile
to another field survives when the session applies the edit to the newer version."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.edits import PartnershipEdit
from samenwerk_tui.domain.model import Partnership, Party
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import (
    FormScreen,
    label,
    split_tags,
    text_area,
    text_input,
)
from samenwerk_tui.tui.state import AppState


def parties_text(parties: tuple[Party, ...]) -> str:
    """One party per line, ``Name: role`` (the role left out when there is none)."""
    return "\n".join(f"{p.name}: {p.role}" if p.role else p.name for p in parties)


@dataclass(frozen=True)
class PartnershipValues:
    """What the partnership form holds: the fields as typed, tags and parties parsed."""

    name: str = ""
    summary: str = ""
    stage: Stage = Stage.EXPLORE
    tags: tuple[str, ...] = ()
    parties_text: str = ""  # one party per line, as typed
    parties: tuple[Party, ...] = ()

    @classmethod
    def of(cls, p: Partnership | None) -> PartnershipValues:
        """The values a form opens with: the partnership's, or a new one's."""
        if p is None:
            return cls()
        return cls(p.name, p.summary, p.stage, p.tags, parties_text(p.parties), p.parties)

    def new_partnership(self) -> Partnership:
        """A new partnership with these values (raises ``DomainError`` for an empty name)."""
        return edits.new_partnership(
            self.name,
            summary=self.summary,
            stage=self.stage,
            tags=self.tags,
            parties=self.parties,
        )

    def changes_from(self, start: PartnershipValues) -> PartnershipEdit:
        """The fields the user changed since the form opened with ``start``."""
        changed: PartnershipEdit = {}
        if self.name != start.name:
            changed["name"] = self.name
        if self.summary != start.summary:
            changed["summary"] = self.summary
        if self.stage != start.stage:
            changed["stage"] = self.stage
        if self.tags != start.tags:
            changed["tags"] = self.tags
        if self.parties_text != start.parties_text:
            changed["parties"] = self.parties
        return changed


class PartnershipForm(FormScreen[PartnershipValues]):
    """New partnership (``initial`` None) or edit: name, summary, stage, tags, parties."""

    class Submitted(Message):
        """Saved: ``values`` as typed; ``form.pid`` (None: a new one) and ``form.start``."""

        def __init__(self, form: PartnershipForm, values: PartnershipValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, record: Record | None) -> None:
        super().__init__(state, record)
        self.initial = initial = record.partnership if record is not None else None
        self.pid = initial.id if initial is not None else None
        self.start = PartnershipValues.of(initial)
        self.title_key = "tui.form.edit_title" if initial else "tui.form.new_title"

    def form_title(self) -> Content:
        title = Content(i18n.t(self.title_key))
        if self.initial is not None:
            title = title + Content(": ") + content(self.initial.name)
        return title

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        start = self.start
        yield label("tui.form.name"), text_input(start.name, "name")
        yield (
            label("tui.form.stage"),
            Select(
                [(Content(i18n.stage_name(s.value)), s) for s in Stage],
                value=start.stage,
                allow_blank=False,
                id="stage",
                compact=True,
            ),
        )
        yield (
            label("tui.form.tags"),
            text_input(" ".join(start.tags), "tags", placeholder=i18n.t("tui.form.tags_hint")),
        )
        yield label("tui.form.summary"), text_area(start.summary, "summary", "summary")
        yield (
            label("tui.form.parties"),
            text_area(start.parties_text, "parties", "parties", i18n.t("tui.form.parties_hint")),
        )

    def values(self) -> PartnershipValues:
        stage = self.query_one("#stage", Select).value
        typed = self.query_one("#parties", TextArea).text
        return PartnershipValues(
            name=self.query_one("#name", Input).value,
            summary=self.query_one("#summary", TextArea).text,
            stage=stage if isinstance(stage, Stage) else self.start.stage,
            tags=split_tags(self.query_one("#tags", Input).value),
            parties_text=typed,
            parties=tuple(edits.parse_party(line) for line in typed.splitlines() if line.strip()),
        )

    def submitted(self, values: PartnershipValues) -> PartnershipForm.Submitted:
        return self.Submitted(self, values)
