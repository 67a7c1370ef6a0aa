"""What the detail and notes panes show for the row under the list's cursor."""

from __future__ import annotations

from collections.abc import Mapping

from textual.widget import Widget

from samenwerk_tui import i18n
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.commands import key_for
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.notes import NotesScroll


async def mount_detail(scroll: Widget, keymap: Mapping[str, str]) -> bool:
    """Mount the detail pane in its scroll (the main screen does after its first paint);
    False if the screen is leaving already."""
    if not scroll.is_attached:
        return False
    await scroll.mount(
        DetailPane(
            id="detail",
            resolve_key=key_for("main.resolve", keymap),
            perspectives_key=key_for("main.perspectives", keymap),
            open_key=key_for("main.open", keymap),
        )
    )
    return True


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
