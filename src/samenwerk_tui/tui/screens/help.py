"""The help screen: every command with its keys, straight from the command table."""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import COMMANDS, bindings, key_for, key_text
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.partnership_list import CHANGED_MARK, CONFLICT_MARK
from samenwerk_tui.tui.widgets.scroll import Pane

_SECTIONS = (
    ("list", "tui.help.section_list"),
    ("filter", "tui.sections.filter"),
    ("main", "tui.help.section_main"),
    ("notes", "tui.sections.notes"),
    ("form", "tui.help.section_form"),
    ("clash", "tui.sections.clash"),
    ("gone", "tui.sections.gone"),
    ("resolve", "tui.help.section_resolve"),
    ("history", "tui.help.section_history"),
    ("version", "tui.help.section_version"),
    ("pane", "tui.help.sections.pane"),
    ("options", "tui.help.sections.options"),
    ("diagnosis", "tui.help.sections.diagnosis"),
    ("guidance", "tui.help.sections.guidance"),
    ("portfolio", "tui.help.sections.portfolio"),
    ("welcome", "tui.help.sections.welcome"),
    ("help", "tui.help.sections.help"),
    ("app", "tui.help.sections.app"),
)


class HelpScreen(ModalScreen[None]):
    """Keys and what they do (as the user's keymap has them, with what of the keymap
    could not be used); ``escape``, ``?`` or ``q`` closes it."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("help"))

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        with Pane(classes="help-box") as box:
            box.border_title = Content(i18n.t("tui.help.title"))
            for keys, text, heading in self.rows():
                if heading:
                    yield Static(Content.styled(text, "bold $accent"), classes="help-heading")
                else:
                    yield Horizontal(
                        Static(Content.styled(keys, "bold"), classes="help-keys"),
                        Static(Content(text), classes="help-text"),
                        classes="help-row",
                    )

    def rows(self) -> list[tuple[str, str, bool]]:
        """(keys, text, is_heading) for every command of the table, grouped by scope."""
        keymap = self.state.keymap
        out: list[tuple[str, str, bool]] = []
        problems = self.state.keymap_check.problems
        if problems:  # what of the user's [keymap] is not in effect, and why
            out.append(("", i18n.t("tui.keymap.heading"), True))
            out += [("!", problem, False) for problem in problems]
        for scope, title_key in _SECTIONS:
            out.append(("", i18n.t(title_key), True))
            for command in COMMANDS:
                if command.scope == scope:
                    out.append((key_text(command, keymap), command.help_with(keymap), False))
            if scope == "app":
                out.append(("", i18n.t("tui.help.sections.palette"), False))
            if scope == "list":
                sync, resolve = key_for("main.sync", keymap), key_for("main.resolve", keymap)
                out.append((CHANGED_MARK, i18n.t("tui.help.changed_mark", key=sync), False))
                out.append((CONFLICT_MARK, i18n.t("tui.help.conflict_mark", key=resolve), False))
        return out

    def text(self) -> str:
        """The whole table as plain text (what a test or a screen reader sees)."""
        return "\n".join(f"{keys}  {text}" for keys, text, _ in self.rows())
