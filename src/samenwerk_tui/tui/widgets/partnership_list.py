"""The partnership list: a line-API ``ScrollView`` over a plain list of rows.

Only the visible lines are ever rendered, and a new filter result is just a new Python
list, so 10,000 partnerships populate and filter in milliseconds (an ``OptionList``
measures every option up front; a ``ListView`` makes one widget per row and takes
seconds). Each row shows the primary type as a coloured chip *with* its letter, the name,
and the stage; broken files are rows too, marked ``!``. Git marks follow the name, each a
symbol in its own colour: ``●`` changed since the last commit, ``≠`` a conflict to settle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NamedTuple, overload

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import BindingType
from textual.color import Color
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from samenwerk_tui.domain.text import truncate
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.tui.commands import bindings
from samenwerk_tui.tui.safe import plain

#: Widest stage name in a narrow list; the detail pane shows it in full.
STAGE_WIDTH = 11
#: The marks after a name: changed since the last commit, and a conflict to settle.
CHANGED_MARK = "●"
CONFLICT_MARK = "≠"


class Row(NamedTuple):
    """What one line shows; ``key`` is a partnership id, or ``!`` + file name if broken.

    A named tuple: ten thousand are made whenever the data changes.
    """

    key: str
    name: str
    primary: AgreementType | None = None
    stage: str = ""
    broken: bool = False
    conflicted: bool = False
    file: str = ""  # the partnership's file name, for the changed mark


class LazyRows(Sequence[Row]):
    """The rows of ``order`` (any items ``make`` turns into rows), each made when first
    asked for: the first paint of ten thousand partnerships makes a screenful.

    ``extra`` rows (broken files) are shown at position ``at`` among them.
    """

    def __init__(
        self,
        order: list[Any],
        make: Callable[[Any], Row],
        keys: Callable[[Any], str],
        extra: Sequence[Row] = (),
        at: int | None = None,
    ) -> None:
        self._order = order
        self._make = make
        self._keys = keys
        self._built: list[Row | None] = [None] * len(order)
        self._extra = list(extra)
        self._at = len(order) if at is None else at

    def with_extra(self, extra: Sequence[Row], at: int | None = None) -> LazyRows:
        """The same rows (sharing what is made) with ``extra`` shown at ``at``."""
        view = LazyRows.__new__(LazyRows)
        view.__dict__.update(self.__dict__)
        view._extra = list(extra)
        view._at = len(self._order) if at is None else at
        return view

    def __len__(self) -> int:
        return len(self._order) + len(self._extra)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        at, extra = self._at, len(self._extra)
        if at <= index < at + extra:
            return self._extra[index - at]
        if index >= at + extra:
            index -= extra
        if not 0 <= index < len(self._order):
            raise IndexError(index)
        row = self._built[index]
        if row is None:
            row = self._built[index] = self._make(self._order[index])
        return row

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # (mutable rows, as a list's)

    def __repr__(self) -> str:
        return f"LazyRows({len(self)} rows)"

    def index_of(self, key: str) -> int | None:
        """Where the row with ``key`` is (None: not here), without making the rows."""
        keys = self._keys
        found = next((i for i, item in enumerate(self._order) if keys(item) == key), None)
        if found is not None:
            return found + len(self._extra) if found >= self._at else found
        extra = next((i for i, row in enumerate(self._extra) if row.key == key), None)
        return None if extra is None else self._at + extra


def index_of(rows: Sequence[Row], key: str) -> int | None:
    """Where the row with ``key`` is in ``rows`` (None: not there)."""
    if isinstance(rows, LazyRows):
        return rows.index_of(key)
    return next((i for i, row in enumerate(rows) if row.key == key), None)


class PartnershipList(ScrollView, can_focus=True):
    """The virtualised list of partnerships (and broken files) on the main screen."""

    COMPONENT_CLASSES = {
        "partnership-list--cursor",
        "partnership-list--stage",
        "partnership-list--broken",
        "partnership-list--empty",
        "partnership-list--changed",
        "partnership-list--conflict",
    }
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("list"))

    class Highlighted(Message):
        """The cursor moved to another row (``key`` None: the list is empty)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.rows: Sequence[Row] = []
        self.cursor = 0
        self.empty_text = ""
        self.changed: set[str] = set()  # file names changed since the last commit
        self._last_key: str | None = None
        self._type_styles: dict[str, RichStyle] = {}

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        self._type_styles.clear()
        self.refresh()

    # ------------------------------------------------------------------ data

    @property
    def highlighted_key(self) -> str | None:
        if not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)].key

    def set_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (or the same position) if it can."""
        old_cursor = self.cursor
        self.rows = rows
        index = index_of(rows, keep) if keep else None
        self.cursor = index if index is not None else min(old_cursor, max(len(rows) - 1, 0))
        self._set_height(len(rows))
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def _set_height(self, count: int) -> None:
        """Make the list ``count`` lines high (its virtual size).

        Textual answers a new virtual size with a layout of the whole screen, which at
        every filter keystroke costs a few milliseconds for nothing when the scroll bar
        stays as it is (shown, or not): then only the scroll bar is updated, as Textual
        itself does when a layout gives a widget a new virtual size.
        """
        region = self.scrollable_content_region
        size = Size(region.width, count)
        was = self.virtual_size.height
        if self.is_mounted and was and (count > region.height) == (was > region.height):
            self.set_reactive(PartnershipList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def select_key(self, key: str) -> bool:
        """Move the cursor to the row with ``key``; False if it is not shown."""
        index = index_of(self.rows, key)
        if index is None:
            return False
        self._move(index)
        return True

    def _announce(self) -> None:
        key = self.highlighted_key
        if key != self._last_key:
            self._last_key = key
            self.post_message(self.Highlighted(key))

    def _move(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.cursor:
            self.refresh_line(self.cursor)
            self.cursor = index
            self.refresh_line(index)
        self._scroll_to_cursor()
        self._announce()

    def refresh_line(self, index: int) -> None:
        self.refresh(Region(0, index - int(self.scroll_offset.y), self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        if self.is_mounted and self.rows:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )

    # ------------------------------------------------------------------ actions

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_top(self) -> None:
        self._move(0)

    def action_cursor_bottom(self) -> None:
        self._move(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_half_page(self, direction: int) -> None:
        self._move(self.cursor + direction * max(1, self.scrollable_content_region.height // 2))

    def on_click(self, event: Click) -> None:
        self._move(int(self.scroll_offset.y) + event.y)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self._scroll_to_cursor()

    # ------------------------------------------------------------------ drawing

    def _type_style(self, agreement_type: AgreementType) -> RichStyle:
        style = self._type_styles.get(agreement_type.value)
        if style is None:
            variables = self.app.theme_variables
            colour = Color.parse(variables.get(f"type-{agreement_type.value}", "#808080"))
            style = RichStyle(
                color=colour.get_contrast_text(1.0).rich_color,
                bgcolor=colour.rich_color,
                bold=True,
            )
            self._type_styles[agreement_type.value] = style
        return style

    def _muted_colour(self) -> str | None:
        colour = self.get_component_rich_style("partnership-list--stage").color
        return colour.name if colour is not None else None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.get_visual_style().rich_style
        if index >= len(self.rows):
            if index == 0 and self.empty_text:
                empty = self.get_visual_style("partnership-list--empty").rich_style
                return Strip([Segment(" " + self.empty_text, empty)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = self.rows[index]
        if index == self.cursor:
            base = self.get_visual_style("partnership-list--cursor").rich_style
        dim = base + RichStyle(color=self._muted_colour())
        if row.broken:
            chip_style = self.get_component_rich_style("partnership-list--broken")
            chip = Segment(" ! ", chip_style)
        elif row.primary is None:
            chip = Segment(" · ", dim)
        else:
            chip = Segment(f" {row.primary.badge} ", self._type_style(row.primary))
        marks = self._marks(row, base)
        stage_width = STAGE_WIDTH if width < 46 else 2 * STAGE_WIDTH
        stage = f" {truncate(row.stage, stage_width)} " if row.stage and width >= 36 else " "
        name_width = max(1, width - 4 - len(stage) - 2 * len(marks))
        text = plain(row.name, limit=400)
        if cell_len(text) > name_width:  # cut, and say so: "Grootst" reads as a typo
            text = set_cell_size(text, name_width - 1) + "…"
        name = Strip([Segment(text, base)]).crop_extend(0, name_width, base)
        segments = [chip, Segment(" ", base), *name]
        for mark in marks:
            segments += [Segment(" ", base), mark]
        segments.append(Segment(stage, dim))
        return Strip(segments).crop_extend(0, width, base)

    def _marks(self, row: Row, base: RichStyle) -> list[Segment]:
        """The git marks of a row, each a symbol in its own colour (never colour alone)."""
        marks = []
        if row.file and row.file in self.changed:
            style = base + self.get_component_rich_style("partnership-list--changed", partial=True)
            marks.append(Segment(CHANGED_MARK, style))
        if row.conflicted:
            style = base + self.get_component_rich_style("partnership-list--conflict", partial=True)
            marks.append(Segment(CONFLICT_MARK, style))
        return marks
