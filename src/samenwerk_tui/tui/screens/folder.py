"""Open another folder: a path prompt that asks before it creates a workspace.

A folder that holds a workspace opens at once. A folder that does not exist, or exists
but is not a workspace, is only made one after an explicit yes (only ``init``, ``demo``
and the very first start create a workspace without asking). A file, or nothing typed,
is one sentence in the prompt. The app opens the workspace
(:class:`~samenwerk_tui.tui.messages.OpenWorkspace`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.workspaces import FolderKind, folder_kind, typed_folder
from samenwerk_tui.tui.messages import OpenWorkspace
from samenwerk_tui.tui.screens.confirm import ConfirmScreen, question
from samenwerk_tui.tui.screens.forms.base import FormScreen, label, text_input


@dataclass(frozen=True)
class FolderValues:
    """The folder typed, and what is there."""

    root: Path
    kind: FolderKind


class FolderPrompt(FormScreen[FolderValues]):
    """One field: the folder to open."""

    title_key = "tui.workspace.open_title"

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        yield (
            label("tui.workspace.path"),
            text_input("", "folder", placeholder=i18n.t("tui.workspace.path_hint")),
        )

    def values(self) -> FolderValues:
        typed = self.query_one("#folder", Input).value
        if not typed.strip():
            raise SamenwerkError("tui.workspace.empty")
        root = typed_folder(typed)
        kind = folder_kind(root)
        if kind == "file":
            raise SamenwerkError("tui.workspace.is_file", path=str(root))
        return FolderValues(root, kind)

    def action_save(self) -> None:
        """Open a workspace at once; ask before making one."""
        values = self.checked_values()
        if values is None:
            return
        if values.kind == "workspace":
            self.dismiss(True)
            self.app.post_message(OpenWorkspace(values.root))
            return
        missing = values.kind == "missing"
        key = "tui.workspace.create_missing" if missing else "tui.workspace.create_folder"
        asked = question(key, "path", str(values.root))

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(True)
                self.app.post_message(OpenWorkspace(values.root, create=True))

        self.app.push_screen(ConfirmScreen(asked, i18n.t("tui.workspace.create_yes")), answered)
