"""The main screen: filter, list, detail and notes, and every command of the main scope.

It shows the :class:`~samenwerk_tui.tui.state.AppState` and changes it; it never touches
files. It watches the state's vars (a new data version redraws the rows, the git state
the marks and the status line, the filter the list) and hands plain values down to its
widgets; it keeps the state's ``selected`` up to date. Commands that change a partnership
either save at once (``1``-``4``, ``x``, ``u``) or open a form whose ``Submitted``
message comes back here; both save through :meth:`AppState.apply` and report with
:func:`~samenwerk_tui.tui.feedback.tell_change`. Sync and repair are the app's work: the
screen posts :mod:`~samenwerk_tui.tui.messages` for them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input

from samenwerk_tui import i18n
from samenwerk_tui.domain.query import Query, parse_query
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.changes import Change
from samenwerk_tui.services.session import Problem, Record, Session
from samenwerk_tui.tui.commands import bindings, key_for
from samenwerk_tui.tui.feedback import tell, tell_change
from samenwerk_tui.tui.list_rows import ListRows
from samenwerk_tui.tui.messages import RepairRequested, ShowPartnership, SyncRequested
from samenwerk_tui.tui.screens.confirm import ConfirmScreen, question
from samenwerk_tui.tui.screens.forms import ClassificationForm, NoteForm, PartnershipForm
from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm
from samenwerk_tui.tui.screens.main_commands import availability
from samenwerk_tui.tui.screens.openers import screen_for
from samenwerk_tui.tui.state import AppState, DataVersion, GitState, MutateFn
from samenwerk_tui.tui.widgets.detail import DetailPane
from samenwerk_tui.tui.widgets.footer import FittingFooter
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from samenwerk_tui.tui.widgets.scroll import Pane
from samenwerk_tui.tui.widgets.status_line import Counts, StatusLine

#: Seconds after new rows before the filter's subjects are made (after the first paint).
WARM_AFTER = 0.3


class MainScreen(Screen[None]):
    """List on the left (filter on top), detail and notes beside or below it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("main"))

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self._query: Query = parse_query("")
        self._typed = ""  # what the filter box last said (to tell its changes from others')
        self._filter_error = ""
        self.list_rows = ListRows()
        self._shown: tuple[str | None, Record | Problem | None] | None = None  # the panes show
        self._fill_pending = False  # the panes are to be filled after the next paint

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
            with Pane(id="detail-scroll"):
                yield DetailPane(
                    id="detail",
                    resolve_key=key_for("main.resolve", self.state.keymap),
                    perspectives_key=key_for("main.perspectives", self.state.keymap),
                )
            with Pane(id="notes-scroll"):
                yield NotesPane(id="notes")
        yield StatusLine(id="status")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        state = self.state
        self.query_one("#filter", Input).cursor_blink = state.blink
        self.list.loading = not state.loaded
        self.list.focus()
        self._layout_for(self.size.width)
        status = self.query_one(StatusLine)
        status.loaded = state.loaded
        status.workspace = state.session.workspace.display_name
        status.sort = state.sort
        self.watch(state, "loaded", self._loaded_changed, init=False)
        self.watch(state, "progress", self._progress_changed, init=False)
        self.watch(state, "data_version", self._data_changed, init=False)
        self.watch(state, "git", self._git_changed)
        self.watch(state, "filter", self._filter_set, init=False)
        self.watch(state, "sort", self._redraw, init=False)
        self.watch(state, "language", self._redraw, init=False)
        if state.loaded:
            self.refresh_data()

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        """Three columns when wide, list beside detail-over-notes, or stacked (< 100)."""
        self.set_class(width >= 150, "-wide")
        self.set_class(width < 100, "-narrow")

    # ------------------------------------------------------------------ state, watched

    @property
    def loaded(self) -> bool:
        return self.state.loaded

    def _loaded_changed(self, loaded: bool) -> None:
        self.list.loading = not loaded
        self.query_one(StatusLine).loaded = loaded

    def _progress_changed(self, progress: tuple[int, int]) -> None:
        self.query_one(StatusLine).progress = progress

    def _data_changed(self, version: DataVersion) -> None:
        self.query_one(StatusLine).workspace = self.state.session.workspace.display_name
        if version.only is not None and self.list_rows.built:
            keep = version.focus or self.selected_key
            with self.state.lock:  # a save or a poll: only the rows of what changed
                self.list_rows.update(self.state.session, version.only)
            self.apply_filter(keep)
        else:
            self.refresh_data(version.focus)

    def _git_changed(self, git: GitState) -> None:
        """The changed files or the git state changed: marks, ``is:changed``, status, keys."""
        if git.changed != self.list.changed:
            self.list.changed = set(git.changed)
            if "is:" in self._query.source.lower():  # the filter depends on git state
                self.apply_filter()
            self.list.refresh()
        self.query_one(StatusLine).git = git
        self.refresh_bindings()

    def _redraw(self) -> None:
        """Another sort order or language: every row, pane and the status line again."""
        self.query_one("#filter", Input).placeholder = i18n.t("tui.filter.placeholder")
        self._shown = None
        self.refresh_data()
        self.query_one(StatusLine).redraw(sort=self.state.sort)

    def _filter_set(self, text: str) -> None:
        box = self.query_one("#filter", Input)
        if text != self._typed:  # set from outside the box: show it there
            self._typed = text
            box.value = text
        try:
            self._query = parse_query(text)
            self._filter_error = ""
        except SamenwerkError as exc:
            self._filter_error = i18n.text_of(exc)
            self.query_one(StatusLine).filter_error = self._filter_error
            return
        self.apply_filter()

    # ------------------------------------------------------------------ data

    @property
    def list(self) -> PartnershipList:
        return self.query_one(PartnershipList)

    @property
    def selected_key(self) -> str | None:
        return self.list.highlighted_key

    def selected_record(self) -> Record | None:
        return self.state.record(self.selected_key)

    def selected_problem(self) -> Problem | None:
        return self.state.problem(self.selected_key)

    def refresh_data(self, keep: str | None = None) -> None:
        """Rebuild rows from the session; the cursor stays on ``keep`` or the current row."""
        keep = keep or self.selected_key
        with self.state.lock:
            self.list_rows.rebuild(self.state.session, self.state.sort)
        self.apply_filter(keep)
        # What a first filter keystroke needs, made while the user looks at the list.
        self.set_timer(WARM_AFTER, self._warm_filter)

    def _warm_filter(self) -> None:
        with self.state.lock:
            self.list_rows.warm(self.state.session)

    def apply_filter(self, keep: str | None = None) -> None:
        """Show the rows the filter lets through, and the counts in the status line."""
        session = self.state.session
        with self.state.lock:
            rows = self.list_rows.filter(session, self._query)
        self.list.empty_text = i18n.t(
            "tui.list.no_match" if session.records or session.problems else "tui.list.empty"
        )
        self.list.set_rows(rows, keep or self.selected_key)
        self.show_selected(only_if_changed=True)
        self.query_one(StatusLine).filter_error = self._filter_error
        self.query_one(StatusLine).counts = Counts(
            shown=self.list_rows.shown_count,
            total=len(session.records),
            broken=len(session.problems),
            conflicts=self.list_rows.conflict_count,
        )

    def show_selected(self, *, only_if_changed: bool = False) -> None:
        """Show the selected row in the detail and notes panes.

        ``only_if_changed``: skip the redraw when the same record (or broken file) is
        already shown, as after a filter keystroke that kept the cursor on it.
        """
        key = self.selected_key
        shown: Record | Problem | None = self.state.record(key) or self.state.problem(key)
        previous = self._shown
        same = previous is not None and previous[0] == key and previous[1] is shown
        if only_if_changed and shown is not None and same:
            return
        self._shown = (key, shown)
        # The panes fill in after the list's next paint: moving the cursor (or the first
        # paint of 10,000 rows) shows at once, and a run of moves lays the panes out once.
        if not self._fill_pending:
            self._fill_pending = True
            self.call_after_refresh(self._fill_panes)

    def _fill_panes(self) -> None:
        """Show in the detail and notes panes what :meth:`show_selected` chose last."""
        self._fill_pending = False
        if self._shown is None or not self.is_attached:
            return
        key, shown = self._shown
        detail = self.query_one(DetailPane)
        notes = self.query_one(NotesPane)
        if isinstance(shown, Record):
            detail.show(shown.partnership, shown.name)
            notes.show(shown.partnership)
        else:
            if shown is not None:
                detail.show_problem(shown)
            elif key is None:
                detail.show_nothing(i18n.t("tui.detail.nothing") if self.loaded else "")
            notes.show(None)
        self.refresh_bindings()

    # ------------------------------------------------------------------ events

    @on(PartnershipList.Highlighted)
    def _highlighted(self, _event: PartnershipList.Highlighted) -> None:
        self.state.selected = self.selected_key
        self.show_selected()
        self.query_one("#detail-scroll").scroll_home(animate=False)
        self.query_one("#notes-scroll").scroll_home(animate=False)

    @on(Input.Changed, "#filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        self._typed = event.value
        self.state.filter = event.value

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and parameters:  # open('diagnose') runs when diagnose may
            action = str(parameters[0])
        return availability(
            action,
            git=self.state.git,
            record=self.selected_record(),
            problem=self.selected_problem(),
            can_undo=bool(self.state.session.undo_stack),
        )

    # ------------------------------------------------------------------ actions

    @on(ShowPartnership)
    def _show_asked(self, message: ShowPartnership) -> None:
        self.jump_to(message.pid)

    def jump_to(self, pid: str) -> None:
        """Put the cursor on a partnership; clear the filter if it hides it."""
        if not self.list.select_key(pid) and self.state.record(pid) is not None:
            self.state.filter = ""  # the filter hid it
            self.apply_filter(pid)
        self.list.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        """Escape: clear the filter (from the box or the list) and go back to the list."""
        self.state.filter = ""
        self.list.focus()

    def action_quit(self) -> None:
        self.app.exit(0)

    def action_help(self) -> None:
        from samenwerk_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.state))

    def action_set_primary(self, value: str) -> None:
        record = self.selected_record()
        if record is not None:
            primary = AgreementType(value) if value else None
            self.save_and_tell(lambda s: s.classify(record.id, primary=primary))

    def action_new_partnership(self) -> None:
        self.app.push_screen(PartnershipForm(self.state, None))

    def action_edit_partnership(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.app.push_screen(PartnershipForm(self.state, record.partnership))

    def action_classify(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.app.push_screen(ClassificationForm(self.state, record.partnership))

    def action_annotate(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.app.push_screen(NoteForm(self.state, record.partnership))

    def action_open(self, name: str) -> None:
        """d, g, v, p: a screen about the selection (see :mod:`.openers`)."""
        screen = screen_for(name, self.state, self.selected_record())
        if screen is not None:
            self.app.push_screen(screen, self._go_to)

    def _go_to(self, answer: object) -> None:
        if isinstance(answer, str):  # the portfolio's choice of a partnership
            self.jump_to(answer)

    def action_delete(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        # Only a workspace in git keeps the file's history; say so only there.
        key = "tui.delete.question" if self.state.git.repo else "tui.delete_local.question"
        asked = question(key, "name", record.facets.name)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.save_and_tell(lambda s: s.delete(record.id))

        self.app.push_screen(ConfirmScreen(asked, i18n.t("tui.delete.yes")), confirmed)

    def action_undo(self) -> None:
        if not self.state.session.undo_stack:
            tell(self, i18n.t("error.nothing_to_undo"))
            return
        self.save_and_tell(_undo)

    def action_sync(self) -> None:
        self.post_message(SyncRequested())

    def action_history(self) -> None:
        from samenwerk_tui.tui.screens.history import HistoryScreen

        record = self.selected_record()
        problem = self.selected_problem()
        if record is not None:
            self.app.push_screen(HistoryScreen(self.state, record.name, record.facets.name))
        elif problem is not None:
            self.app.push_screen(HistoryScreen(self.state, problem.name, problem.name))

    def action_resolve(self) -> None:
        from samenwerk_tui.tui.screens.resolve import ResolveScreen

        record = self.selected_record()
        problem = self.selected_problem()
        if record is not None and record.facets.conflicts:
            self.app.push_screen(ResolveScreen(self.state, record.id))
        elif problem is not None and self.state.git.repairable(problem):
            self._offer_repair(problem)

    def _offer_repair(self, problem: Problem) -> None:
        asked = question("tui.repair.question", "file", problem.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(RepairRequested(problem.name))

        self.app.push_screen(ConfirmScreen(asked, i18n.t("tui.repair.yes")), answered)

    # ------------------------------------------------------------------ forms

    @on(PartnershipForm.Submitted)
    def _partnership_submitted(self, event: PartnershipForm.Submitted) -> None:
        values, pid = event.values, event.form.pid
        if pid is None:
            event.form.answer(self.save(lambda s: s.create(values.new_partnership())))
            return
        changes = values.changes_from(event.form.start)
        event.form.answer(self.save(lambda s: s.edit(pid, **changes)) if changes else None)

    @on(ClassificationForm.Submitted)
    def _classification_submitted(self, event: ClassificationForm.Submitted) -> None:
        pid = event.form.pid
        changes = event.values.changes_from(event.form.start)
        event.form.answer(self.save(lambda s: s.classify(pid, **changes)) if changes else None)

    @on(NoteForm.Submitted)
    def _note_submitted(self, event: NoteForm.Submitted) -> None:
        pid, values = event.form.pid, event.values
        event.form.answer(self.save(lambda s: s.add_note(pid, values.text, **values.fields())))

    @on(PerspectivesForm.Submitted)
    def _perspectives_submitted(self, event: PerspectivesForm.Submitted) -> None:
        pid, edit = event.form.pid, event.values.edit_from(event.form.start)
        event.form.answer(self.save(lambda s: s.update(pid, edit, "perspective")) if edit else None)

    # ------------------------------------------------------------------ saving

    def save(self, mutate: MutateFn) -> str | None:
        """Save one change; the sentence of what went wrong, or None (then it is told)."""
        try:
            change = self.state.apply(mutate)
        except SamenwerkError as exc:
            return i18n.text_of(exc)
        tell_change(self, change)
        return None

    def save_and_tell(self, mutate: MutateFn) -> None:
        """Save one change at a key press; what went wrong is told as an error."""
        error = self.save(mutate)
        if error is not None:
            tell(self, error, "error")


def _undo(session: Session) -> Change:
    change = session.undo()
    if change is None:
        raise SamenwerkError("error.nothing_to_undo")
    return change
