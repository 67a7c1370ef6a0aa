"""``o``: the selected file in the advisor's own editor, then read again.

The app steps aside while the editor runs (Textual suspends it, as it supports on Unix
and Windows terminals) and takes the screen back afterwards; the file is then re-read
like any change from outside, and one sentence says what came of it: a broken file that
now reads is back in the list, one that still does not says why.
"""

from __future__ import annotations

from textual.app import SuspendNotSupported
from textual.widget import Widget

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import editor
from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.state import BROKEN_PREFIX, AppState


def open_in_editor(node: Widget, state: AppState, name: str) -> None:
    """Run the editor on partnership file ``name`` and re-read it; tell what came of it."""
    session = state.session
    if not editor.path_of(session, name).is_file():
        # Deleted since the last poll: an editor would make a new, empty file of it.
        with state.lock:
            editor.reopen(session, name)
        state.data_changed()
        tell(node, i18n.t("tui.editor.vanished", file=name), "warning")
        return
    try:
        command = editor.editor_command()
        # Nothing may raise inside: Textual takes the terminal back only on a normal exit.
        with node.app.suspend():
            failed = editor.run_editor(command, editor.path_of(session, name))
    except SuspendNotSupported:
        tell(node, i18n.t("tui.editor.cannot_suspend"), "error")
        return
    except SamenwerkError as exc:
        tell(node, i18n.text_of(exc), "error")
        return
    if failed is not None:
        tell(node, i18n.text_of(failed), "error")
        return
    node.app.refresh()
    with state.lock:
        found = editor.reopen(session, name)
    if isinstance(found, Record):
        state.data_changed(focus=found.id)
        tell(node, i18n.t("tui.editor.reread", name=found.facets.name, file=name))
    elif found is None:
        state.data_changed()
        tell(node, i18n.t("tui.editor.gone", file=name), "warning")
    else:
        state.data_changed(focus=BROKEN_PREFIX + name)
        reason = i18n.text_of(found)
        tell(node, i18n.t("tui.editor.still_broken", file=name, reason=reason), "warning")
