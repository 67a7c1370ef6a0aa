"""The welcome pane: what an empty workspace opens on.

It says in two lines per type what the four types of agreement are, and offers what a
person starting out wants: create the first partnership, open the demo, open another
folder, or one of the workspaces opened before. Creating opens the usual form over the
main screen; the others ask the app to open another workspace
(:class:`~samenwerk_tui.tui.messages.OpenDemo`, :class:`~.messages.OpenWorkspace`).
``escape`` leaves it for the empty list. Every choice is a key, a click or ``enter``.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.workspaces import shown_path
from samenwerk_tui.tui.commands import bindings, key_for
from samenwerk_tui.tui.messages import OpenDemo, OpenWorkspace
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.screens.folder import FolderPrompt
from samenwerk_tui.tui.screens.forms import PartnershipForm
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.detail import type_chip
from samenwerk_tui.tui.widgets.footer import FittingFooter


def type_rows() -> list[Horizontal]:
    """The four types, two lines each beside the type's chip and word: what the
    agreement is, and how to run it."""
    rows = []
    for t in AgreementType:
        name = type_chip(t) + Content(" ") + Content.styled(i18n.type_label(t.value), "bold")
        lines = [i18n.t(f"tui.welcome.{t.value}_what"), i18n.t(f"tui.welcome.{t.value}_how")]
        rows.append(
            Horizontal(
                Static(name, classes="welcome-type-name"),
                Static(Content("\n".join(lines)), classes="welcome-type-text"),
                classes="welcome-type",
            )
        )
    return rows


class WelcomeScreen(Screen[None]):
    """The first screen of an empty workspace; ``recent``: other workspaces to offer."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("welcome"))

    def __init__(self, state: AppState, recent: list[Path]) -> None:
        super().__init__()
        self.state = state
        self.recent = recent

    def compose(self) -> ComposeResult:
        keymap = self.state.keymap
        with VerticalScroll(id="welcome-scroll"), Vertical(id="welcome-box"):
            yield Static(Content.styled(i18n.t("tui.welcome.title"), "bold $accent"))
            yield Static(Content(i18n.t("tui.welcome.intro")), classes="welcome-intro")
            with Vertical(classes="welcome-types"):
                yield from type_rows()
            yield Static(Content.styled(i18n.t("tui.welcome.choose"), "bold"))
            options = [
                self._option("new", key_for("welcome.new", keymap), i18n.t("tui.welcome.new")),
                self._option("demo", key_for("welcome.demo", keymap), i18n.t("tui.welcome.demo")),
                self._option("open", key_for("welcome.open", keymap), i18n.t("tui.welcome.open")),
            ]
            for index, other in enumerate(self.recent[:3]):
                text = content(i18n.t("tui.welcome.recent", name=other.name) + "  ")
                prompt = Content("   ") + text + content(shown_path(other), "$text-muted")
                options.append(Option(prompt, id=f"recent-{index}"))
            yield OptionList(*options, id="welcome-choices", compact=True)
            root = self.state.session.workspace.root
            where = i18n.t("tui.welcome.where", path=shown_path(root))
            yield Static(content(where, "$text-muted"), classes="welcome-where")
        yield FittingFooter(compact=True)

    @staticmethod
    def _option(choice: str, key: str, text: str) -> Option:
        return Option(Content.styled(f"{key:<2} ", "bold $accent") + Content(text), id=choice)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option.id or "")

    def action_choose(self, choice: str) -> None:
        """Do what the user chose: ``new``, ``demo``, ``open``, ``recent-N`` or ``close``."""
        if choice == "new":
            self.dismiss()
            self.app.push_screen(PartnershipForm(self.state, None))
        elif choice == "demo":
            self.post_message(OpenDemo())
        elif choice == "open":
            self.app.push_screen(FolderPrompt(self.state))
        elif choice.startswith("recent-"):
            self.post_message(OpenWorkspace(self.recent[int(choice.removeprefix("recent-"))]))
        elif choice == "close":
            self.dismiss()
