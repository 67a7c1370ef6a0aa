"""The portfolio: what the partnerships the current filter shows look like together.

A bar chart of primary types and the average type profile (both in the type colours),
the stage × type matrix, and one list of what needs attention: partnerships not yet
classified, with disagreeing advisors, with recorded conflicts, or not updated for 90
days. ``enter`` on one closes the screen and puts the list's cursor on it (the screen
dismisses with its id). Computed from each record's facets by
:func:`samenwerk_tui.services.portfolio.portfolio`, so a workspace of thousands builds
no model; it redraws when the data changes.

Below :data:`COMPACT_BELOW` rows (80×24) the screen is compact: no blank lines between
the parts and the matrix's title in its header row, so every phase's row of the matrix
shows together with the first lines of the attention list; the charts scroll (``tab``)
only in a terminal lower than that.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import utc_now
from samenwerk_tui.domain.query import Query, parse_query
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.export.sections import portfolio_lists
from samenwerk_tui.services.portfolio import Item, Portfolio, portfolio
from samenwerk_tui.tui.commands import bindings, commands, key_text
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.state import AppState, DataVersion
from samenwerk_tui.tui.widgets import portfolio_view
from samenwerk_tui.tui.widgets.chips import type_chip
from samenwerk_tui.tui.widgets.scroll import ChoiceList, Pane

#: Terminals with fewer rows get the compact layout.
COMPACT_BELOW = 32


def bar_cells(width: int) -> int:
    """Cells of a bar when two charts share ``width`` columns (beside chip, label, number)."""
    return max(10, min(40, (width - 8) // 2 - 22))


def shown_portfolio(state: AppState, now: datetime) -> Portfolio:
    """The portfolio of the partnerships the filter lets through (all when it is empty
    or cannot be read: the main screen says what is wrong with it)."""
    try:
        query: Query = parse_query(state.filter)
    except SamenwerkError:
        query = parse_query("")
    session = state.session
    with state.lock:
        records = session.filter(query)
        unreadable = len(session.filter_problems(query))
        facets = [r.facets for r in records]
    return portfolio(facets, now=now, unreadable=unreadable)


def item_content(item: Item, now: datetime) -> Content:
    """One partnership in a list: chip, name, stage, when it last changed."""
    days = max(0, (now - item.updated).days)
    ago = i18n.t("tui.portfolio.days_ago", count=days) if days else i18n.t("tui.portfolio.today")
    return Content("  ").join(
        [
            type_chip(item.primary),
            content(item.name, "bold"),
            Content.styled(i18n.stage_name(item.stage.value) + " · " + ago, "$text-muted"),
        ]
    )


class PortfolioScreen(ModalScreen[str | None]):
    """Charts and lists of the shown partnerships; dismisses with the id to go to."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("portfolio"))

    def __init__(self, state: AppState, *, now: datetime | None = None) -> None:
        super().__init__(classes="portfolio-screen")
        self.state = state
        self._now = now  # fixed in tests; otherwise the time of each redraw
        self.items: list[Item | None] = []  # aligned with the list's options
        self._cells = 0  # the bars' width when last drawn
        self._compact = False  # whether it was last drawn compact

    def compose(self) -> ComposeResult:
        now = self._now or utc_now()
        pf = shown_portfolio(self.state, now)
        cells = self._cells = bar_cells(self.app.size.width)
        compact = self._compact = self.app.size.height < COMPACT_BELOW
        self.set_class(compact, "-compact")
        with Vertical(classes="portfolio-box") as box:
            box.border_title = Content(i18n.t("portfolio.title"))
            yield Static(self._summary(pf), id="portfolio-summary")
            with Pane(id="portfolio-charts"):
                with Horizontal(id="portfolio-bars"):
                    yield Static(portfolio_view.type_counts(pf, cells), classes="chart")
                    yield Static(portfolio_view.profile(pf, cells), classes="chart")
                yield Static(portfolio_view.matrix(pf, compact=compact), id="portfolio-matrix")
            yield Static(
                portfolio_view.title(i18n.t("tui.portfolio.attention")), id="portfolio-heading"
            )
            yield ChoiceList(
                *self._options(pf, now), id="portfolio-list", markup=False, compact=True
            )
            yield Static(self._hint(), classes="portfolio-hint")

    def _summary(self, pf: Portfolio) -> Content:
        parts = [Content.styled(i18n.t("portfolio.partnerships", count=pf.total), "bold")]
        if self.state.filter.strip():
            parts.append(
                Content.styled(i18n.t("tui.portfolio.filter") + " ", "$text-muted")
                + content(self.state.filter)
            )
        else:
            parts.append(Content.styled(i18n.t("tui.portfolio.all"), "$text-muted"))
        if pf.unreadable:
            parts.append(
                Content.styled(i18n.t("portfolio.unreadable", count=pf.unreadable), "$text-error")
            )
        return Content("  ·  ").join(parts)

    def _options(self, pf: Portfolio, now: datetime) -> list[Option]:
        options: list[Option] = []
        self.items = []
        for heading, items in portfolio_lists(pf):
            options.append(
                Option(Content.styled(f"{heading} ({len(items)})", "bold $accent"), disabled=True)
            )
            self.items.append(None)
            for item in items:
                options.append(Option(item_content(item, now)))
                self.items.append(item)
        return options

    def _hint(self) -> Content:
        keymap = self.state.keymap
        parts = [f"{key_text(c, keymap)} {c.label}" for c in commands("portfolio")]
        parts.append(i18n.t("tui.portfolio.moves"))
        return Content.styled(" · ".join(parts), "$text-muted")

    def on_mount(self) -> None:
        self.watch(self.state, "data_version", self._data_changed, init=False)
        self._focus_list()

    def _focus_list(self) -> None:
        choices = self.query_one(ChoiceList)
        first = next((i for i, item in enumerate(self.items) if item is not None), None)
        choices.highlighted = first
        choices.focus()

    def _data_changed(self, _version: DataVersion) -> None:
        self.call_after_refresh(self._redraw)

    def on_resize(self, event: Resize) -> None:
        if not self._cells:
            return  # not drawn yet
        compact = event.size.height < COMPACT_BELOW
        if bar_cells(event.size.width) != self._cells or compact != self._compact:
            self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        await self.recompose()
        self._focus_list()

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show()

    def action_show(self) -> None:
        index = self.query_one(ChoiceList).highlighted
        if index is not None and 0 <= index < len(self.items):
            item = self.items[index]
            if item is not None:
                self.dismiss(item.id)

    def action_close(self) -> None:
        self.dismiss(None)
