"""The notes pane: the selected partnership's annotations, newest first.

With focus (``tab`` from the list, or a click) the pane has a cursor: ``j``/``k`` move it
from note to note (the view follows), ``g``/``G`` to the newest and the oldest, ``e`` asks
to correct the note under it and ``x`` to delete it (the screen opens the form or the
question; both changes can be undone). The pager's other keys work as in every pane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.commands import bindings
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.chips import type_chip
from samenwerk_tui.tui.widgets.scroll import Pane

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Note, Partnership

#: Characters of one note the pane shows. The pane lays out all it is given (to know its
#: height), so a note of megabytes would take seconds each time it is selected; past this
#: a line says how much more there is and where to read it all.
NOTE_SHOWN = 20_000


def note_content(note: Note, pid: str = "") -> Content:
    """Header (date, author, type with letter and colour, tags, correction) and the text."""
    header = [Content.styled(minute(note.created), "$text-muted")]
    header.append(content(note.author, "bold"))
    if note.type is not None:
        header.append(type_chip(note.type) + Content(" " + i18n.type_name(note.type.value)))
    if note.tags:
        header.append(content(" ".join(f"#{tag}" for tag in note.tags), "$accent"))
    if note.edited is not None:
        when = minute(note.edited)
        header.append(Content.styled(i18n.t("tui.note_pane.edited", when=when), "$text-muted"))
    text = note.text
    parts = [Content("  ").join(header), content(text[:NOTE_SHOWN], multiline=True)]
    if len(text) > NOTE_SHOWN:
        more = i18n.t("tui.notes_long.more", count=len(text) - NOTE_SHOWN, id=pid[:6])
        parts.append(Content.styled(more, "$text-muted italic"))
    return Content("\n").join(parts)


class NotesPane(Static):
    """All notes as one block of ``Content``; the scroll container around it scrolls.

    ``cursor`` (an index into the notes, newest first) marks one note, or None.
    """

    def __init__(self, *args: object, annotate_key: str = "a", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.annotate_key = annotate_key  # the key of "add a note" in effect, for the hint
        self.partnership: Partnership | None = None
        self.cursor: int | None = None
        self._blocks: list[Content] = []

    def show(self, p: Partnership | None, cursor: int | None = None) -> None:
        self.partnership = p
        self.cursor = cursor if p is not None and p.notes else None
        if p is None:
            self._blocks = []
            self.update("")
            return
        heading = Content.styled(i18n.t("tui.notes.title_count", count=len(p.notes)), "bold")
        if not p.notes:
            self._blocks = [heading]
            self.update(
                heading
                + Content("\n")
                + Content.styled(i18n.t("tui.notes.none", key=self.annotate_key), "$text-muted")
            )
            return
        blocks = [heading]
        for i, note in enumerate(self.notes()):
            block = note_content(note, p.id)
            if i == self.cursor:
                block = (Content.styled("▸ ", "bold $accent") + block).stylize("on $boost")
            blocks.append(block)
        self._blocks = blocks
        self.update(Content("\n\n").join(blocks))

    def notes(self) -> list[Note]:
        """The notes as shown: newest first."""
        return list(reversed(self.partnership.notes)) if self.partnership is not None else []

    def current(self) -> Note | None:
        notes = self.notes()
        return notes[self.cursor] if self.cursor is not None and self.cursor < len(notes) else None

    def line_of(self, index: int) -> int:
        """The first line of note ``index`` as wrapped at the pane's width."""
        width = max(1, self.content_region.width or self.size.width or 1)
        lines = 0
        for block in self._blocks[: index + 1]:  # the heading, then the notes before it
            lines += len(block.wrap(width)) + 1
        return lines


class NotesScroll(Pane):
    """The focusable scroll around the notes pane, with a cursor over the notes."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("notes"))

    @property
    def pane(self) -> NotesPane:
        return self.query_one(NotesPane)

    def show(self, p: Partnership | None) -> None:
        """Show ``p``'s notes; with focus, the cursor stays on the same note if it can."""
        pane = self.pane
        kept = pane.current()
        cursor = None
        if self.has_focus and p is not None and p.notes:
            ids = [n.id for n in reversed(p.notes)]
            cursor = ids.index(kept.id) if kept is not None and kept.id in ids else 0
            cursor = min(cursor, len(ids) - 1)
        pane.show(p, cursor)

    def on_focus(self) -> None:
        self.pane.show(self.pane.partnership, 0)
        self.refresh_bindings()

    def on_blur(self) -> None:
        self.pane.show(self.pane.partnership, None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_note", "delete_note", "move"):
            return self.pane.current() is not None
        return True

    def action_move(self, step: int) -> None:
        pane = self.pane
        notes = pane.notes()
        if not notes or pane.cursor is None:
            return
        cursor = max(0, min(pane.cursor + step, len(notes) - 1))
        pane.show(pane.partnership, cursor)
        self.scroll_to(y=pane.line_of(cursor), animate=False)

    def action_scroll_home(self) -> None:
        self._to(0)

    def action_scroll_end(self) -> None:
        self._to(len(self.pane.notes()) - 1)

    def _to(self, cursor: int) -> None:
        pane = self.pane
        if pane.cursor is None:  # no notes: scroll as every pane does
            if cursor <= 0:
                super().action_scroll_home()
            else:
                super().action_scroll_end()
            return
        pane.show(pane.partnership, cursor)
        self.scroll_to(y=pane.line_of(cursor), animate=False)

    # The screen's actions run while this key is handled; a message would reach the screen
    # one hop later, and keys typed right after ``e`` would run the main screen's commands
    # ("q" quits) before the form is up, instead of waiting for it.

    async def action_edit_note(self) -> None:
        note = self.pane.current()
        if note is not None:
            await self.run_action(f"screen.edit_note({note.id!r})")

    async def action_delete_note(self) -> None:
        note = self.pane.current()
        if note is not None:
            await self.run_action(f"screen.delete_note({note.id!r})")
