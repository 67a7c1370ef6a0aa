"""Telling the user: every notification of the TUI, and what a saved change says.

User text in a sentence (a partnership's name, a reason from the system) is made safe
here, with line breaks kept, and never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from samenwerk_tui import i18n
from samenwerk_tui.services.changes import Change
from samenwerk_tui.tui.safe import plain


def tell(node: Widget | App[Any], text: str, severity: SeverityLevel = "information") -> None:
    """One notification: made safe (line breaks kept), never parsed as markup."""
    node.notify(plain(text, multiline=True), severity=severity, markup=False)


def tell_change(node: Widget | App[Any], change: Change) -> None:
    """What the user should hear about a saved change, if anything.

    A plain edit says nothing (the screen shows it); a warning ("applied to a newer
    version"), a deletion (how to undo it) and an undo (what was undone) are told.
    """
    if change.warning is not None:
        tell(node, i18n.t(change.warning, name=change.name, file=change.file), "warning")
    if change.action == "deleted":
        tell(node, i18n.t("tui.delete.done", name=change.name))
    elif change.action == "undone" and change.undid is not None:
        tell(node, i18n.t(f"tui.undo.{change.undid.action}", name=change.name))
