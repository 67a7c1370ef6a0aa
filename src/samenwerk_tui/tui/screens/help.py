"""The help screen: every command with its keys, straight from the command table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import COMMANDS, PALETTE_KEY, key_text

_SECTIONS = (
    ("list", "tui.help.section_list"),
    ("main", "tui.help.section_main"),
    ("form", "tui.help.section_form"),
)


class HelpScreen(ModalScreen[None]):
    """Keys and what they do; any of ``escape``, ``?`` or ``q`` closes it."""

    BINDINGS: list[BindingType] = [
        Binding("escape,question_mark,q", "dismiss", i18n.t("tui.help.close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="help-box") as box:
            box.border_title = Content(i18n.t("tui.help.title"))
            yield Static(self.table(), classes="help-table")

    def table(self) -> Content:
        keymap = getattr(getattr(self.app, "config", None), "keymap", {}) or {}
        lines: list[Content] = []
        for scope, title_key in _SECTIONS:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(i18n.t(title_key), "bold $accent"))
            for command in COMMANDS:
                if command.scope != scope:
                    continue
                keys = key_text(command, keymap)
                lines.append(Content.styled(f"  {keys:<14}", "bold") + Content(command.help))
            if scope == "main":
                lines.append(
                    Content.styled(f"  {PALETTE_KEY:<14}", "bold")
                    + Content(i18n.t("tui.help.palette"))
                )
        return Content("\n").join(lines)
