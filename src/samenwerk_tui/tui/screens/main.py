"""The main screen: filter, list, detail and notes, and every command of the main scope.

It shows the :class:`~samenwerk_tui.tui.state.AppState` and changes it; it never touches
files. It watches the state's vars (a new data version redraws the rows, the git state
the marks and the status line, the filter the list) and hands plain values down to its
widgets; it keeps the state's ``selected`` up to date. Commands that change a partnership
either save at once (``1``-``4``, ``x``, ``u``: :func:`~samenwerk_tui.tui.feedback.save_and_tell`)
or open a screen (:mod:`.openers` makes it: the forms, diagnosis, guidance, history…)
whose form's ``Submitted`` message comes back here (:mod:`.main_forms` says what each
saves; the form saves it three-way). The questions before a delete or a repair are
:mod:`.main_dialogs`', ``o`` (the file in an editor) is :mod:`samenwerk_tui.tui.editor`'s.
A key whose command cannot run now says why (:mod:`.main_commands`). Sync and repair are
the app's work: the screen posts :mod:`~samenwerk_tui.tui.messages` for them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.events import Key, Resize, ScreenResume
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from samenwerk_tui import i18n
from samenwerk_tui.domain.query import Query, parse_query
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.commands import bindings, key_for
from samenwerk_tui.tui.feedback import save_and_tell, tell, undo
from samenwerk_tui.tui.list_rows import ListRows
from samenwerk_tui.tui.messages import ShowPartnership, SyncRequested
from samenwerk_tui.tui.screens.main_commands import answer_key, can_run
from samenwerk_tui.tui.screens.openers import screen_for
from samenwerk_tui.tui.state import AppState, Arrived, DataVersion, GitState, MutateFn
from samenwerk_tui.tui.widgets.filter_box import FilterBox
from samenwerk_tui.tui.widgets.footer import FittingFooter
from samenwerk_tui.tui.widgets.notes import NotesPane, NotesScroll
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from samenwerk_tui.tui.widgets.scroll import Pane
from samenwerk_tui.tui.widgets.status_line import Counts, StatusLine

#: Seconds after new rows before the filter's subjects are made (after the first paint).
WARM_AFTER = 0.3


class MainScreen(Screen[None]):
    """List on the left (filter on top), detail and notes beside or below it."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("main"))
    # Focus is set here, at once and on purpose (never by Textual's choice of "the first
    # focusable widget", which is the filter box while the list is loading).
    AUTO_FOCUS = ""

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self._query: Query = parse_query("")
        self._typed = ""  # what the filter box last said (to tell its changes from others')
        self._filter_error = ""
        self.list_rows = ListRows()
        self._shown: tuple[str | None, Record | Problem | None] | None = None  # the panes show
        self._fill_pending = False  # the panes are to be filled after the next paint
        self._detail_mounted = False  # the detail pane comes after the first paint
        self._detail_asked = False
        self._resumed = False

    def compose(self) -> ComposeResult:
        keymap = self.state.keymap
        with Container(id="panes"):
            with Vertical(id="left"):
                yield FilterBox(
                    id="filter",
                    placeholder=i18n.t("tui.filter.placeholder"),
                    compact=True,
                    select_on_focus=False,
                )
                yield PartnershipList(id="list")
            yield Pane(id="detail-scroll")  # its DetailPane comes after the first paint
            with NotesScroll(id="notes-scroll"):
                yield NotesPane(id="notes", annotate_key=key_for("main.annotate", keymap))
        yield StatusLine(id="status")
        yield FittingFooter(compact=True)

    def on_mount(self) -> None:
        state = self.state
        self.query_one("#filter", Input).cursor_blink = state.blink
        self.list.loading = not state.loaded
        self.set_focus(self.list)  # at once: keys typed from now on go to the list
        # The terminal's width: the screen's own is not known before its first layout, and
        # a class set now and taken back at the first resize costs two restyles of it all.
        self._layout_for(self.app.size.width)
        status = self.query_one(StatusLine)
        status.loaded = state.loaded
        status.workspace = state.session.workspace.display_name
        status.sort = state.sort
        self.watch(state, "loaded", self._loaded_changed, init=False)
        self.watch(state, "progress", self._progress_changed, init=False)
        self.watch(state, "arrived", self._arrived_changed, init=False)
        self.watch(state, "data_version", self._data_changed, init=False)
        self.watch(state, "git", self._git_changed)
        self.watch(state, "filter", self._filter_set, init=False)
        self.watch(self.query_one("#filter", Input), "value", self._filter_typed, init=False)
        self.watch(state, "sort", self._redraw, init=False)
        self.watch(state, "language", self._redraw, init=False)
        if state.loaded:
            self.refresh_data()
            self.call_after_refresh(self._mount_detail)
        # else once the workspace is read: the rows read so far come first

    async def _mount_detail(self) -> None:
        """The detail pane, mounted after the first paint: the list shows first (its
        widgets, a third of the screen's, cost a layout and a paint of their own)."""
        from samenwerk_tui.tui.widgets.panes import mount_detail

        if self._detail_asked:
            return
        self._detail_asked = True
        if await mount_detail(self.query_one("#detail-scroll", Pane), self.state.keymap):
            self._detail_mounted = True
            if self._shown is not None:
                self._fill_panes()

    def on_screen_resume(self, event: ScreenResume) -> None:
        """The first time, Textual's restyle of the whole screen is skipped: it was styled
        a moment ago, when mounted (later resumes restyle, as after a theme change)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width)

    def _layout_for(self, width: int) -> None:
        """Three columns when wide, list beside detail-over-notes, or stacked (< 100)."""
        self.set_class(width >= 150, "-wide")
        self.set_class(width < 100, "-narrow")

    # ------------------------------------------------------------------ state, watched

    def _loaded_changed(self, loaded: bool) -> None:
        self.list.loading = not loaded
        self.query_one(StatusLine).loaded = loaded
        if loaded and self.focused is None:  # the list could not take focus while loading
            self.set_focus(self.list)
        if loaded and not self._detail_mounted:
            self.call_after_refresh(self._mount_detail)

    def _progress_changed(self, progress: tuple[int, int]) -> None:
        self.query_one(StatusLine).progress = progress

    def _arrived_changed(self, arrived: Arrived) -> None:
        """A big first read goes on: show the partnerships read so far (to look at and
        move through; the filter, the details and every change wait for the whole read,
        which then shows the list as usual)."""
        if self.state.loaded or not arrived.records:
            return
        rows = self.list_rows.show_arrived(arrived.records, self.state.sort)
        self.list.loading = False
        self.list.set_rows(rows, self.selected_key)
        if self.focused is None:  # (the list could not take focus while loading)
            self.set_focus(self.list)

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
            "tui.list.no_match" if session.records or session.problems else "tui.list.empty",
            key=key_for("main.new", self.state.keymap),
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
        if self._shown is None or not self.is_attached or not self._detail_mounted:
            return  # (the detail pane, once mounted, fills both)
        key, shown = self._shown
        from samenwerk_tui.tui.widgets.detail import DetailPane
        from samenwerk_tui.tui.widgets.panes import show_in_panes

        show_in_panes(self.query_one(DetailPane), self.query_one(NotesScroll), key, shown,
                      loaded=self.state.loaded)  # fmt: skip
        self.refresh_bindings()

    # ------------------------------------------------------------------ events

    @on(PartnershipList.Highlighted)
    def _highlighted(self, _event: PartnershipList.Highlighted) -> None:
        self.state.selected = self.selected_key
        self.show_selected()
        self.query_one("#detail-scroll").scroll_home(animate=False)
        self.query_one("#notes-scroll").scroll_home(animate=False)

    def _filter_typed(self, value: str) -> None:
        """The filter box's text changed: filter now, in the same call as the key.

        Watched, not taken from the box's ``Changed`` message: that message reaches the
        screen a few hops later, often after the box's own repaint, and the new list then
        waited a whole frame (1/60 s) for the next one. Now both are painted together.
        """
        self._typed = value
        self.state.filter = value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":  # in the box, "/" is text
            return self.is_mounted and self.focused is not self.query_one("#filter", Input)
        return can_run(self, action, parameters)

    def on_key(self, event: Key) -> None:
        """A key of a main command that cannot run now says why, instead of nothing."""
        answer_key(self, event)

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
        # At once, not after a refresh (``focus()``): the app hands the keys queued behind
        # "/" to whichever widget has focus when it reads them.
        self.set_focus(self.query_one("#filter", Input))

    def action_back(self) -> None:
        """Escape (in the list or a pane): clear the filter and go back to the list."""
        self.state.filter = ""
        self.set_focus(self.list)

    def action_quit(self) -> None:
        self.app.exit(0)

    def action_help(self) -> None:
        self.action_open("help")

    def action_set_primary(self, value: str) -> None:
        record = self.selected_record()
        if record is not None:
            primary = AgreementType(value) if value else None
            self.save_and_tell(lambda s: s.classify(record.id, primary=primary))

    def action_new_partnership(self) -> None:
        self.action_open("new")

    def action_edit_partnership(self) -> None:
        self.action_open("edit")

    def action_classify(self) -> None:
        self.action_open("classify")

    def action_annotate(self) -> None:
        self.action_open("annotate")

    def action_open_file(self) -> None:
        record, problem = self.selected_record(), self.selected_problem()
        name = record.name if record is not None else problem.name if problem else None
        if name is not None:
            from samenwerk_tui.tui.editor import open_in_editor

            open_in_editor(self, self.state, name)

    def action_open(self, name: str) -> None:
        """A screen about the selection (see :mod:`.openers`): d, g, v, p, and the rest."""
        screen = screen_for(name, self.state, self.selected_record(), self.selected_problem())
        if screen is not None:
            self.app.push_screen(screen, self._go_to)

    def _go_to(self, answer: object) -> None:
        if isinstance(answer, str):  # the portfolio's choice of a partnership
            self.jump_to(answer)

    def action_delete(self) -> None:
        record = self.selected_record()
        if record is not None:
            from samenwerk_tui.tui.screens import main_dialogs

            main_dialogs.ask_delete_partnership(self, record, in_git=bool(self.state.git.repo))

    def action_undo(self) -> None:
        if not self.state.session.undo_stack:
            tell(self, i18n.t("error.nothing_to_undo"))
            return
        self.save_and_tell(undo)

    def action_sync(self) -> None:
        self.post_message(SyncRequested())

    def action_history(self) -> None:
        self.action_open("history")

    def action_resolve(self) -> None:
        problem = self.selected_problem()
        if problem is not None and self.state.git.repairable(problem):
            from samenwerk_tui.tui.screens import main_dialogs

            main_dialogs.offer_repair(self, problem)
        else:
            self.action_open("resolve")

    # ------------------------------------------------------------------ forms, notes
    # The forms (with Textual's text editor), the dialogs, the editor and the detail pane
    # (with the exports) are imported where they are used, after the first paint: the list
    # needs none of them (start-up, issue 14). So the forms' messages are handled by name
    # (``on_<form>_submitted``), not with ``@on(Form.Submitted)``.

    def _form_submitted(self, event: Message) -> None:
        from samenwerk_tui.tui.screens import main_forms

        main_forms.submitted(self.state, event)

    on_partnership_form_submitted = _form_submitted
    on_classification_form_submitted = _form_submitted
    on_note_form_submitted = _form_submitted
    on_perspectives_form_submitted = _form_submitted

    def action_edit_note(self, note_id: str) -> None:
        """Correct a note (the notes pane's ``e``, run while its key is handled)."""
        record = self.selected_record()
        from samenwerk_tui.tui.screens import main_forms
        from samenwerk_tui.tui.screens.forms import NoteForm

        note = main_forms.note_of(record, note_id)
        if record is not None and note is not None:
            self.app.push_screen(NoteForm(self.state, record, note))

    def action_delete_note(self, note_id: str) -> None:
        """Delete a note after a question (the notes pane's ``x``)."""
        record = self.selected_record()
        from samenwerk_tui.tui.screens import main_dialogs, main_forms

        note = main_forms.note_of(record, note_id)
        if record is not None and note is not None:
            main_dialogs.ask_delete_note(self, record, note)

    # ------------------------------------------------------------------ saving

    def save_and_tell(self, mutate: MutateFn) -> None:
        """Save one change at a key press; what it changed (or what went wrong) is told."""
        save_and_tell(self, self.state, mutate)
