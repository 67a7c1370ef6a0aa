"""The main screen: filter, list, detail and notes, and every command of the main scope.

The screen never touches files: each command calls the session (through
:meth:`SamenwerkApp.change`, which holds the session lock and turns store and domain
errors into one notification) and then redraws from the session's records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import DomainError
from samenwerk_tui.domain.query import Query, parse_query
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.session import Change
from samenwerk_tui.store.workspace import Record
from samenwerk_tui.tui.commands import bindings
from samenwerk_tui.tui.list_rows import BROKEN_PREFIX, ListRows
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.main_git import EDITING, GIT_ACTIONS, MainGitMixin
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.footer import FittingFooter
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList

if TYPE_CHECKING:
    from samenwerk_tui.tui.app import SamenwerkApp

#: Commands that need a readable partnership under the cursor.
_NEEDS_PARTNERSHIP = {"edit_partnership", "set_primary", "classify", "annotate", "delete"}


class MainScreen(MainGitMixin, Screen[None]):
    """List on the left (filter on top), detail and notes beside or below it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("main"))

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self._query: Query = parse_query("")
        self.list_rows = ListRows()
        self._shown: tuple[str | None, object] | None = None  # what the detail pane shows
        self.loaded = False

    @property
    def samenwerk(self) -> SamenwerkApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Container(id="panes"):
            with Vertical(id="left"):
                yield Input(
                    id="filter",
                    placeholder=i18n.t("tui.filter.placeholder"),
                    compact=True,
                    select_on_focus=False,
                )
                yield PartnershipList(id="list")
            with VerticalScroll(id="detail-scroll", can_focus=True):
                yield DetailPane(id="detail")
            with VerticalScroll(id="notes-scroll", can_focus=True):
                yield NotesPane(id="notes")
        yield Static(id="status")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).cursor_blink = self.samenwerk.blink
        self.query_one(PartnershipList).loading = not self.loaded
        self.query_one(PartnershipList).focus()
        self._layout_for(self.size.width)
        self.update_status()
        if self.loaded:
            self.refresh_data()

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        """Three columns when wide, list beside detail-over-notes when narrow."""
        self.set_class(width >= 150, "-wide")
        self.set_class(width < 100, "-narrow")
        # The palette key is in the help screen; at 80 columns its footer room goes to quit.
        self.query_one(Footer).show_command_palette = width >= 100

    # ------------------------------------------------------------------ data

    @property
    def list(self) -> PartnershipList:
        return self.query_one(PartnershipList)

    @property
    def selected_key(self) -> str | None:
        return self.list.highlighted_key

    def selected_record(self) -> Record | None:
        key = self.selected_key
        if key is None or key.startswith(BROKEN_PREFIX):
            return None
        return self.samenwerk.session.records.get(key)

    def data_loaded(self) -> None:
        """The first load finished: show the list (at mount, if it is not composed yet)."""
        self.loaded = True
        if not self.is_mounted:
            return
        self.list.loading = False
        self.refresh_data()

    def refresh_data(self, keep: str | None = None) -> None:
        """Rebuild rows from the session; the cursor stays on ``keep`` or the current row."""
        keep = keep or self.selected_key
        with self.samenwerk.lock:
            self.list_rows.rebuild(self.samenwerk.session)
            self.conflict_count = self.list_rows.conflict_count
        self.apply_filter(keep)

    def apply_filter(self, keep: str | None = None) -> None:
        session = self.samenwerk.session
        with self.samenwerk.lock:
            rows = self.list_rows.filter(session, self._query)
        self.list.empty_text = i18n.t(
            "tui.list.no_match" if session.records or session.problems else "tui.list.empty"
        )
        self.list.set_rows(rows, keep or self.selected_key)
        self.show_selected(only_if_changed=True)
        self.update_status()

    def show_selected(self, *, only_if_changed: bool = False) -> None:
        """Show the selected row in the detail and notes panes.

        ``only_if_changed``: skip the redraw when the same record (or broken file) is
        already shown, as after a filter keystroke that kept the cursor on it.
        """
        key = self.selected_key
        session = self.samenwerk.session
        if key is None:
            shown: object = None
        elif key.startswith(BROKEN_PREFIX):
            shown = session.problems.get(key[1:])
        else:
            shown = session.records.get(key)
        previous = self._shown
        same = previous is not None and previous[0] == key and previous[1] is shown
        if only_if_changed and shown is not None and same:
            return
        self._shown = (key, shown)
        detail = self.query_one(DetailPane)
        notes = self.query_one(NotesPane)
        if key is None:
            detail.show_nothing(i18n.t("tui.detail.nothing") if self.loaded else "")
            notes.show(None)
        elif key.startswith(BROKEN_PREFIX):
            problem = session.problems.get(key[1:])
            if problem is not None:
                detail.show_problem(problem)
            notes.show(None)
        else:
            record = session.records.get(key)
            if record is not None:
                detail.show(record)
                notes.show(record.partnership)
        self.refresh_bindings()

    def update_status(self, message: Content | None = None) -> None:
        session = self.samenwerk.session
        status = self.query_one("#status", Static)
        if not self.loaded:
            status.update(Content(i18n.t("tui.status.loading")))
            return
        parts = [
            Content(
                i18n.t(
                    "tui.status.shown",
                    shown=self.list_rows.shown_count,
                    total=len(session.records),
                )
            )
        ]
        if session.problems:
            parts.append(
                Content.styled(i18n.t("tui.status.broken", count=len(session.problems)), "$error")
            )
        parts += self.git_status()
        if self._filter_error:
            parts.append(Content.styled(self._filter_error, "$warning"))
        if message is not None:
            parts.append(message)
        parts.append(content(session.workspace.display_name, "$text-muted"))
        status.update(Content(" · ").join(parts))

    _filter_error = ""

    @property
    def query_uses_flags(self) -> bool:
        """Whether the filter depends on git state (``is:changed``, ``is:conflict``)."""
        return "is:" in self._query.source.lower()

    # ------------------------------------------------------------------ events

    @on(PartnershipList.Highlighted)
    def _highlighted(self, _event: PartnershipList.Highlighted) -> None:
        self.show_selected()
        self.query_one("#detail-scroll").scroll_home(animate=False)
        self.query_one("#notes-scroll").scroll_home(animate=False)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        try:
            self._query = parse_query(event.value)
            self._filter_error = ""
        except DomainError as exc:
            self._filter_error = i18n.t(exc.key, **exc.params)
            self.update_status()
            return
        self.apply_filter()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = self._can_run(action)
        if allowed is True and self.samenwerk.git.syncing and action in EDITING:
            return None  # greyed while a sync owns the files
        return allowed

    def _can_run(self, action: str) -> bool | None:
        if action in GIT_ACTIONS:
            return self.git_check(action)
        if action in _NEEDS_PARTNERSHIP and self.selected_record() is None:
            return None
        # Undo is hidden until there is a change to undo (footer room at 80 columns).
        return not (action == "undo" and not self.samenwerk.session.undo_stack)

    # ------------------------------------------------------------------ actions

    def jump_to(self, pid: str) -> None:
        """Select a partnership (from the palette); clear the filter if it hides it."""
        if not self.list.select_key(pid):
            self.query_one("#filter", Input).value = ""
            self._query = parse_query("")
            self._filter_error = ""
            self.apply_filter(pid)
        self.list.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        """Escape: clear the filter (from the box or the list) and go back to the list."""
        filter_box = self.query_one("#filter", Input)
        if filter_box.value:
            filter_box.value = ""
        self.list.focus()

    def action_quit(self) -> None:
        self.app.exit(0)

    def action_help(self) -> None:
        from samenwerk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_set_primary(self, value: str) -> None:
        record = self.selected_record()
        if record is None:
            return
        primary = AgreementType(value) if value else None
        self.apply(
            lambda: self.samenwerk.session.classify(record.id, primary=primary),
        )

    def action_new_partnership(self) -> None:
        from samenwerk_tui.tui.screens.forms import PartnershipForm

        self.app.push_screen(PartnershipForm(None, self.submit_new))

    def action_edit_partnership(self) -> None:
        from samenwerk_tui.tui.screens.forms import PartnershipForm

        record = self.selected_record()
        if record is not None:
            self.app.push_screen(
                PartnershipForm(record.partnership, lambda v: self.submit_edit(record.id, v))
            )

    def action_classify(self) -> None:
        from samenwerk_tui.tui.screens.forms import ClassificationForm

        record = self.selected_record()
        if record is not None:
            self.app.push_screen(
                ClassificationForm(
                    record.partnership, lambda v: self.submit_fields(record.id, "classify", v)
                )
            )

    def action_annotate(self) -> None:
        from samenwerk_tui.tui.screens.forms import NoteForm

        record = self.selected_record()
        if record is not None:
            self.app.push_screen(
                NoteForm(record.partnership, lambda v: self.submit_fields(record.id, "note", v))
            )

    def action_delete(self) -> None:
        from samenwerk_tui.tui.screens.confirm import ConfirmScreen

        record = self.selected_record()
        if record is None:
            return
        before, _, after = i18n.t("tui.delete.question").partition("{name}")
        question = Content(before) + content(record.partnership.name, "bold") + Content(after)

        def confirmed(yes: bool | None) -> None:
            if yes:
                change = self.apply(lambda: self.samenwerk.session.delete(record.id))
                if change is not None:
                    self.samenwerk.tell(i18n.t("tui.delete.done", name=record.partnership.name))

        self.app.push_screen(ConfirmScreen(question, i18n.t("tui.delete.yes")), confirmed)

    def action_undo(self) -> None:
        session = self.samenwerk.session
        if not session.undo_stack:
            self.samenwerk.tell(i18n.t("error.nothing_to_undo"))
            return
        change = self.apply(session.undo)
        if isinstance(change, Change) and change.undid is not None:
            self.samenwerk.tell(i18n.t(f"tui.undo.{change.undid.action}", name=change.name))

    # ------------------------------------------------------------------ changes

    def apply(self, fn: Callable[[], Any]) -> Any:
        """Run one session change; on success redraw around the changed partnership."""
        result, error = self.samenwerk.change(fn)
        if error is not None:
            self.samenwerk.tell(error, severity="error")
            return None
        self.after_change(result)
        return result

    def after_change(self, result: Any) -> None:
        change: Change | None = None
        keep: str | None = None
        if isinstance(result, tuple) and len(result) == 2:
            record, change = result
            keep = record.id
        elif isinstance(result, Record):
            keep = result.id
        elif isinstance(result, Change):
            change = result
            keep = result.partnership_id
        if change is not None and change.reapplied:
            self.samenwerk.tell(i18n.t("tui.reapplied", name=change.name), severity="warning")
        self.refresh_data(keep)
        self.samenwerk.refresh_git()

    def submit_new(self, values: dict[str, Any]) -> str | None:
        from samenwerk_tui.domain import edits

        def create() -> Change:
            p = edits.new_partnership(
                values.get("name", ""),
                summary=values.get("summary", ""),
                stage=values.get("stage") or Stage.EXPLORE,
                tags=values.get("tags", ()),
                parties=values.get("parties", ()),
            )
            return self.samenwerk.session.create(p)

        return self._submit(create)

    def submit_edit(self, pid: str, values: dict[str, Any]) -> str | None:
        if not values:
            return None
        return self._submit(lambda: self.samenwerk.session.edit(pid, **values))

    def submit_fields(self, pid: str, kind: str, values: dict[str, Any]) -> str | None:
        session = self.samenwerk.session
        if kind == "classify":
            if not values:
                return None
            return self._submit(lambda: session.classify(pid, **values))
        text = values.pop("text", "")
        return self._submit(lambda: session.add_note(pid, text, **values))

    def _submit(self, fn: Callable[[], Any]) -> str | None:
        """For forms: an error comes back as one sentence and the form keeps its input."""
        result, error = self.samenwerk.change(fn)
        if error is not None:
            return error
        self.after_change(result)
        return None
