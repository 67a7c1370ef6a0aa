"""Settling recorded conflicts: per field both values, keep yours, take theirs, or edit.

A merge that met a field two advisors changed differently kept "ours" and recorded both
values in ``[[conflicts]]``. This screen shows each entry and saves the choice through
the session like any other change (no blind overwrite, undoable). A choice names the
conflict by its content, not its position, so a file that changed meanwhile never gets
the wrong entry settled.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Conflict, Partnership
from samenwerk_tui.domain.text import normalize_line, normalize_text
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import git_session
from samenwerk_tui.tui.commands import bindings, commands, key_text
from samenwerk_tui.tui.feedback import tell, tell_change
from samenwerk_tui.tui.fields import both_sides, field_label
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.screens.forms.conflict import ConflictEditForm
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.cards import mark_current, moved

#: Fields whose value is free text: the editor offers them, prefilled with ours.
TEXT_FIELDS = {"name", "summary", "rationale", "comment", "text", "role"}
#: Of those, the ones that are one line.
LINE_FIELDS = {"name", "role"}


def is_text_field(conflict: Conflict) -> bool:
    last = git_session.field_path(conflict.field)[-1]
    values = (conflict.ours, conflict.theirs)
    return last in TEXT_FIELDS and all(v is None or isinstance(v, str) for v in values)


class ConflictCard(Static):
    """One recorded conflict: the field, then yours and theirs."""

    def __init__(self, conflict: Conflict, number: int, total: int) -> None:
        super().__init__(classes="conflict-card")
        self.conflict = conflict
        self.border_title = Content(f"{number}/{total} · ") + content(field_label(conflict.field))

    def on_mount(self) -> None:
        c = self.conflict
        rows = both_sides(
            c.field,
            c.ours,
            c.theirs,
            ours_title=i18n.t("tui.resolve.ours"),
            theirs_title=i18n.t("tui.resolve.theirs"),
        )
        self.update(Content("\n").join(rows))


class ResolveScreen(ModalScreen[None]):
    """The recorded conflicts of one partnership; ``o``/``t``/``e`` settle the current one."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("resolve"))

    def __init__(self, state: AppState, pid: str) -> None:
        super().__init__(classes="resolve-screen")
        self.state = state
        self.pid = pid
        self.current = 0
        self._stale = False

    def partnership(self) -> Partnership | None:
        record = self.state.record(self.pid)
        return record.partnership if record is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="resolve-box") as box:
            p = self.partnership()
            box.border_title = Content(i18n.t("tui.resolve.title") + ": ") + content(
                p.name if p else ""
            )
            yield Static(
                Content.styled(i18n.t("tui.resolve.intro"), "$text-muted"), classes="resolve-intro"
            )
            yield VerticalScroll(id="conflicts")
            yield Static(id="resolve-error")
            yield Static(self.hint(), classes="resolve-hint", id="resolve-hint")

    def hint(self) -> Content:
        """The keys that work on the current conflict (``e`` only on a text field)."""
        keymap = self.state.keymap
        parts = [
            f"{key_text(c, keymap)} {c.label}"
            for c in commands("resolve")
            if c.action != "edit" or self.check_action("edit", ()) is True
        ]
        return Content.styled(" · ".join(parts), "$text-muted")

    async def on_mount(self) -> None:
        await self.show_conflicts()

    async def on_screen_resume(self) -> None:
        if self._stale:  # back from the editor, which saved
            self._stale = False
            await self.show_conflicts()

    async def show_conflicts(self) -> None:
        p = self.partnership()
        if p is None or not p.conflicts:
            if p is not None:
                tell(self, i18n.t("tui.resolve.all_done", name=p.name))
            self.dismiss(None)
            return
        box = self.query_one("#conflicts", VerticalScroll)
        await box.remove_children()
        total = len(p.conflicts)
        self.current = min(self.current, total - 1)
        await box.mount_all(ConflictCard(c, i + 1, total) for i, c in enumerate(p.conflicts))
        self._mark_current()
        self.refresh_bindings()

    def cards(self) -> list[ConflictCard]:
        return list(self.query(ConflictCard))

    def _mark_current(self) -> None:
        mark_current(self.cards(), self.current)
        self.query_one("#resolve-hint", Static).update(self.hint())

    def current_conflict(self) -> Conflict | None:
        cards = self.cards()
        return cards[self.current].conflict if 0 <= self.current < len(cards) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            conflict = self.current_conflict()
            return None if conflict is None or not is_text_field(conflict) else True
        return True

    # ------------------------------------------------------------------ actions

    def action_move(self, step: int) -> None:
        cards = self.cards()
        if cards:
            self.current = moved(self.current, step, len(cards))
            self._mark_current()
            self.refresh_bindings()

    async def action_settle(self, side: str) -> None:
        conflict = self.current_conflict()
        if conflict is not None:
            await self.save(conflict, side)

    def action_edit(self) -> None:
        conflict = self.current_conflict()
        if conflict is None or not is_text_field(conflict):
            return
        start = conflict.ours if isinstance(conflict.ours, str) else conflict.theirs or ""
        form = ConflictEditForm(self.state, conflict, field_label(conflict.field), start)
        self.app.push_screen(form)

    def action_close(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------ saving

    @on(ConflictEditForm.Submitted)
    def _edited(self, event: ConflictEditForm.Submitted) -> None:
        conflict = event.form.conflict
        last = git_session.field_path(conflict.field)[-1]
        clean = normalize_line if last in LINE_FIELDS else normalize_text
        error = self.save_now(conflict, "theirs", clean(event.values.text))
        self._stale = error is None  # back from the editor: show what is left
        event.form.answer(error)

    def save_now(self, conflict: Conflict, side: str, value: str | None = None) -> str | None:
        """Settle one conflict (by ``side``, or with the typed ``value``) and save it.

        Returns what went wrong as one sentence, or None.
        """
        try:
            change = self.state.apply(
                lambda s: git_session.settle_conflict(s, self.pid, conflict, side, value)
            )
        except SamenwerkError as exc:
            return i18n.text_of(exc)
        tell_change(self, change, self.state.keymap)
        return None

    async def save(self, conflict: Conflict, side: str) -> None:
        error = self.save_now(conflict, side)
        shown = self.query_one("#resolve-error", Static)
        shown.display = error is not None
        if error is not None:
            shown.update(content(error, "bold $text-error"))
            return
        await self.show_conflicts()


__all__ = ["ConflictEditForm", "ResolveScreen", "is_text_field"]
