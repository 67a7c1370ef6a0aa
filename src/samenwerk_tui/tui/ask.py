"""The question asked before ``samenwerk -w PATH`` makes a workspace of a folder that is none.

A small app of its own, shown before the workbench: the workbench needs a workspace to
open, and a folder the user named (perhaps mistyped) is never made one without a yes.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App

from samenwerk_tui import i18n
from samenwerk_tui.tui.screens.confirm import ConfirmScreen, question

_HERE = Path(__file__).parent


class AskToCreate(App[bool]):
    """Asks whether to make a workspace at ``root``; returns True only on a yes."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [
        _HERE / "app.tcss",
        _HERE / "screens" / "forms.tcss",
    ]

    def __init__(self, root: Path, kind: str) -> None:
        super().__init__()
        self.root = root
        self.kind = kind

    def on_mount(self) -> None:
        key = (
            "tui.workspace.create_missing"
            if self.kind == "missing"
            else "tui.workspace.create_folder"
        )
        asked = question(key, "path", str(self.root))
        self.push_screen(ConfirmScreen(asked, i18n.t("tui.workspace.create_yes")), self._answered)

    def _answered(self, yes: bool | None) -> None:
        self.exit(bool(yes))


def ask_to_create(root: Path, kind: str) -> bool:
    """Ask in the terminal; True when the user said yes."""
    return bool(AskToCreate(root, kind).run())
