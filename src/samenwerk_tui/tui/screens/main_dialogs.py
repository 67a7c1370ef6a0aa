"""The questions the main screen asks before it deletes or repairs something.

Each names what it is about (user text made safe, in bold) and, on yes, saves through
the screen like any change (undoable) or posts the app's message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.app import App

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Note
from samenwerk_tui.services.changes import Base
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.commands import key_for
from samenwerk_tui.tui.messages import RepairRequested
from samenwerk_tui.tui.screens.confirm import ConfirmScreen, question
from samenwerk_tui.tui.state import AppState, MutateFn


class Asking(Protocol):
    """The screen asking: it can open a dialog, save a change, post a message."""

    @property
    def app(self) -> App[object]: ...

    @property
    def state(self) -> AppState: ...

    def save_and_tell(self, mutate: MutateFn) -> None: ...

    def post_message(self, message: RepairRequested) -> bool: ...


def ask(
    screen: Asking, key: str, placeholder: str, value: str, yes: str, then: Callable[[], None]
) -> None:
    """Ask the catalog question ``key`` with ``value`` (bold) in its ``placeholder``; a
    ``{key}`` in it is the undo key in effect."""

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            then()

    asked = question(key, placeholder, value, key=key_for("main.undo", screen.state.keymap))
    screen.app.push_screen(ConfirmScreen(asked, i18n.t(yes)), answered)


def ask_delete_partnership(screen: Asking, record: Record, *, in_git: bool = True) -> None:
    """Delete a partnership's file; only a workspace in git keeps its history, so the
    question mentions git history only there (``in_git``)."""

    def delete() -> None:
        screen.save_and_tell(lambda s: s.delete(record.id))

    key = "tui.delete.question" if in_git else "tui.delete_local.question"
    ask(screen, key, "name", record.facets.name, "tui.delete.yes", delete)


def ask_delete_note(screen: Asking, record: Record, note: Note) -> None:
    """Delete one note, three-way: if a colleague corrected it meanwhile, it is kept."""
    first_line = note.text.splitlines()[0] if note.text else ""

    def delete() -> None:
        screen.save_and_tell(lambda s: s.delete_note(record.id, note.id, base=Base(record)))

    ask(screen, "tui.note_pane.delete_question", "note", first_line, "tui.delete.yes", delete)


def offer_repair(screen: Asking, problem: Problem) -> None:
    def repair() -> None:
        screen.post_message(RepairRequested(problem.name))

    ask(screen, "tui.repair.question", "file", problem.name, "tui.repair.yes", repair)
