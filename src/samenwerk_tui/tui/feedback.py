"""Telling the user: every notification of the TUI, and what a saved change says.

User text in a sentence (a partnership's name, a reason from the system) is made safe
here, with line breaks kept, and never parsed as markup. Every change is told in one
short sentence naming what changed ("Senseo: primary type Realising goals"), whatever
made it: a digit key, a form, a delete, an undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Change
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui.commands import key_for
from samenwerk_tui.tui.fields import field_label
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.state import AppState, MutateFn

#: Changes told by their kind alone (the fields they touched say nothing more).
_BY_ACTION = {
    "created": "tui.told.created",
    "noted": "tui.told.noted",
    "note_edited": "tui.told.note_edited",
    "resolved": "tui.told.resolved",
}


def tell(node: Widget | App[Any], text: str, severity: SeverityLevel = "information") -> None:
    """One notification: made safe (line breaks kept), never parsed as markup."""
    node.notify(plain(text, multiline=True), severity=severity, markup=False)


def tell_change(
    node: Widget | App[Any], change: Change, keymap: Mapping[str, str], said: str | None = None
) -> None:
    """What the user should hear about a saved change: what changed (or ``said``, a
    sentence of the caller's that says it better), and any warning ("merged with a newer
    version", "recorded as a conflict"); keys named in it are the ones in effect."""
    if change.warning is not None:
        tell(node, i18n.t(change.warning, name=change.name, file=change.file), "warning")
    if change.conflicts:
        resolve = key_for("main.resolve", keymap)
        count = len(change.conflicts)
        tell(node, i18n.t("tui.told.recorded", name=change.name, count=count, key=resolve),
             "warning")  # fmt: skip
    tell(node, said if said is not None else describe(change, keymap))


def describe(change: Change, keymap: Mapping[str, str]) -> str:
    """One sentence naming what a change changed."""
    name = change.name
    undo = key_for("main.undo", keymap)
    if change.action == "deleted":
        return i18n.t("tui.delete.done", name=name, key=undo)
    if change.action == "undone" and change.undid is not None:
        action = change.undid.action
        key = f"tui.undo.{action}" if i18n.has(f"tui.undo.{action}") else f"tui.undo_more.{action}"
        return i18n.t(key if i18n.has(key) else "tui.undo.undone", name=name)
    if change.action in _BY_ACTION:
        return i18n.t(_BY_ACTION[change.action], name=name)
    if change.action == "note_deleted":
        key = "tui.told.note_deleted" if "notes" in change.fields else "tui.told.note_kept"
        return i18n.t(key, name=name, key=undo)
    if not change.fields:
        return i18n.t("tui.told.unchanged", name=name)
    if change.fields == ("classification.primary",) and change.record is not None:
        primary = change.record.partnership.primary
        if primary is None:
            return i18n.t("tui.told.primary_cleared", name=name)
        return i18n.t("tui.told.primary", name=name, type=i18n.type_name(primary.value))
    fields = ", ".join(field_label(f) for f in change.fields)
    return i18n.t("tui.told.saved", name=name, fields=fields)


def save_and_tell(node: Widget | App[Any], state: AppState, mutate: MutateFn) -> None:
    """Save one change (at a key press, a dialog's yes): tell what it changed, or what
    went wrong as an error."""
    try:
        change = state.apply(mutate)
    except SamenwerkError as exc:
        tell(node, i18n.text_of(exc), "error")
        return
    tell_change(node, change, state.keymap)


def undo(session: Session) -> Change:
    """The session's last change undone (``u``); "nothing to undo" is an error sentence."""
    change = session.undo()
    if change is None:
        raise SamenwerkError("error.nothing_to_undo")
    return change
