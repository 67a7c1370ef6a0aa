"""What the detail and notes panes show for the row under the list's cursor."""

from __future__ import annotations

from samenwerk_tui import i18n
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.notes import NotesScroll


def show_in_panes(
    detail: DetailPane,
    notes: NotesScroll,
    key: str | None,
    shown: Record | Problem | None,
    *,
    loaded: bool,
) -> None:
    """A partnership in full; a broken file's where and why; or "nothing selected"
    (nothing at all while the workspace is still being read)."""
    if isinstance(shown, Record):
        detail.show(shown.partnership, shown.name)
        notes.show(shown.partnership)
        return
    if shown is not None:
        detail.show_problem(shown)
    elif key is None:
        detail.show_nothing(i18n.t("tui.detail.nothing") if loaded else "")
    notes.show(None)
