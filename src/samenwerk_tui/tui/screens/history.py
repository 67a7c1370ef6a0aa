"""A partnership's history from git, and any earlier version of it, read-only.

Both read git, so both read in a thread worker and show a waiting line meanwhile. Dates
are shown as the author recorded them (their own clock), the way ``git log`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.services import git_session
from samenwerk_tui.services.git_session import HistoryEntry
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.commands import bindings, commands, key_for, key_text
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.scroll import ChoiceList, Pane


def hint(scope: str, keymap: Mapping[str, str]) -> Content:
    """The keys of a scope as one muted line, from the command table."""
    parts = [f"{key_text(c, keymap)} {c.label}" for c in commands(scope)]
    return Content.styled(" · ".join(parts), "$text-muted")


def entry_content(entry: HistoryEntry) -> Content:
    """One commit on one line: when, who, what."""
    return Content("  ").join(
        [
            Content.styled(minute(entry.when), "$text-muted"),
            content(entry.author, "bold"),
            content(entry.message),
        ]
    )


class HistoryLoaded(Message):
    def __init__(self, entries: list[HistoryEntry]) -> None:
        super().__init__()
        self.entries = entries


class HistoryScreen(ModalScreen[None]):
    """Who changed the partnership, when, and the commit message; newest first."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("history"))

    def __init__(self, state: AppState, file: str, name: str) -> None:
        super().__init__(classes="history-screen")
        self.state = state
        self.file = file
        self.name_shown = name
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="history-box") as box:
            box.border_title = Content(i18n.t("tui.history.title") + ": ") + content(
                self.name_shown
            )
            yield Static(
                Content.styled(i18n.t("tui.history.loading"), "$text-muted"), id="history-state"
            )
            yield ChoiceList(id="history-list", markup=False, compact=True)
            yield Static(hint("history", self.state.keymap), classes="history-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False
        self.load()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        self.post_message(HistoryLoaded(git_session.history(self.state.session, self.file)))

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        self.entries = message.entries
        state = self.query_one("#history-state", Static)
        options = self.query_one(OptionList)
        if not self.entries:
            state.update(Content.styled(i18n.t("tui.history.none"), "$text-muted"))
            return
        state.update(
            Content.styled(i18n.t("tui.history.count", count=len(self.entries)), "$text-muted")
        )
        options.add_options(Option(entry_content(e), id=e.commit) for e in self.entries)
        options.display = True
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show_version()

    def action_show_version(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.entries):
            return
        self.app.push_screen(VersionScreen(self.state, self.file, self.entries[index]))

    def action_close(self) -> None:
        self.dismiss(None)


class VersionLoaded(Message):
    def __init__(self, partnership: Partnership | None) -> None:
        super().__init__()
        self.partnership = partnership


class VersionScreen(ModalScreen[None]):
    """The partnership as it was committed in one commit: the detail and notes, read-only."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("version"))

    def __init__(self, state: AppState, file: str, entry: HistoryEntry) -> None:
        super().__init__(classes="history-screen")
        self.state = state
        self.file = file
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="history-box version-box") as box:
            box.border_title = Content(
                i18n.t(
                    "tui.version.title",
                    when=minute(self.entry.when),
                )
            )
            yield Static(self._about(), id="version-about")
            with Pane(id="version-scroll"):
                resolve_key = key_for("main.resolve", self.state.keymap)
                yield DetailPane(id="version-detail", resolve_key=resolve_key)
                yield NotesPane(id="version-notes")
            yield Static(hint("version", self.state.keymap), classes="history-hint")

    def _about(self) -> Content:
        e = self.entry
        return Content("\n").join(
            [
                Content.styled(i18n.t("tui.version.read_only"), "$text-warning")
                + Content(" ")
                + Content.styled(i18n.t("tui.version.by", commit=e.commit[:8]), "$text-muted")
                + content(e.author, "bold"),
                content(e.message, "italic"),
            ]
        )

    def on_mount(self) -> None:
        self.query_one(DetailPane).show_nothing(i18n.t("tui.history.loading"))
        self.query_one("#version-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="version", exit_on_error=False)
    def load(self) -> None:
        found = git_session.version_at(self.state.session, self.entry.commit, self.file)
        self.post_message(VersionLoaded(found))

    @on(VersionLoaded)
    def _loaded(self, message: VersionLoaded) -> None:
        detail = self.query_one(DetailPane)
        p = message.partnership
        if p is None:
            detail.show_nothing(i18n.t("tui.version.unreadable"))
            return
        detail.show(p, self.file)
        self.query_one(NotesPane).show(p)

    def action_close(self) -> None:
        self.dismiss(None)
