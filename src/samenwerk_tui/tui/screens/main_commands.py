"""Which main-screen command can run now, and if not, why: one sentence for every key.

:func:`availability` answers True (runs), None (greyed: not now) or False (hidden). The
footer, the help screen and the palette all follow from it (through the screen's
``check_action``). Hidden rather than greyed where possible: at 80 columns the footer has
no room to spare, so the footer shows only keys that can act on the current row (``s``
only in a repository, ``r`` only on a conflict, ``u`` only with a change to undo, ``e``
not on a broken file, ``o`` only on a broken file, where it is the way out; on a
readable row the screen runs ``o`` all the same). A key pressed when its command cannot
run is not silently ignored: :func:`reason` gives the sentence that says why and what
would help.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from textual.app import App
from textual.binding import ActiveBinding
from textual.events import Key
from textual.notifications import SeverityLevel

from samenwerk_tui import i18n
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.commands import Command, by_id, commands, key_for
from samenwerk_tui.tui.safe import plain
from samenwerk_tui.tui.state import AppState, GitState
from samenwerk_tui.tui.typeahead import TypeAhead

#: Commands that change files (and sync itself): greyed while a sync owns the files.
EDITING = frozenset(
    {
        "sync",
        "new_partnership",
        "edit_partnership",
        "set_primary",
        "classify",
        "annotate",
        "delete",
        "undo",
        "resolve",
        "open_file",
        "diagnose",
        "perspectives",
    }
)
#: Commands about git.
GIT_ACTIONS = frozenset({"sync", "history", "resolve"})
#: Commands that need a readable partnership under the cursor.
NEEDS_PARTNERSHIP = frozenset(
    {
        "edit_partnership",
        "set_primary",
        "classify",
        "annotate",
        "delete",
        "diagnose",
        "guidance",
        "perspectives",
    }
)
#: Commands that need a row, readable or not.
NEEDS_ROW = frozenset({"history"})


def availability(
    action: str,
    *,
    git: GitState,
    record: Record | None,
    problem: Problem | None,
    can_undo: bool,
    reading: bool = False,
) -> bool | None:
    """Whether ``action`` can run with this row under the cursor and this git state.

    ``reading``: the workspace is still being read; nothing that changes files can run
    (the session is the reading worker's until it is done), so those are greyed, and a
    key for one says why instead of waiting for the read.
    """
    allowed = _availability(action, git, record, problem, can_undo)
    if allowed is True and (git.syncing or reading) and action in EDITING:
        return None  # greyed while a sync owns the files, or the read the session
    return allowed


def _availability(
    action: str, git: GitState, record: Record | None, problem: Problem | None, can_undo: bool
) -> bool | None:
    if action == "sync":
        return bool(git.repo)
    if action == "history":
        if git.repo is False:
            return False
        return True if git.repo and (record is not None or problem is not None) else None
    if action == "resolve":
        if record is not None and record.facets.conflicts:
            return True
        return bool(problem is not None and git.repairable(problem))
    if action in NEEDS_PARTNERSHIP and record is None:
        return False
    if action == "open_file":
        return problem is not None  # offered where it is needed; runs on any row
    if action in NEEDS_ROW and record is None and problem is None:
        return False
    return not (action == "undo" and not can_undo)


def can_run(screen: Explaining, action: str, parameters: tuple[object, ...]) -> bool | None:
    """The main screen's ``check_action`` for its commands (see :func:`availability`)."""
    if action == "open" and parameters:  # open('diagnose') runs when diagnose may
        action = str(parameters[0])
    return availability(
        action,
        git=screen.state.git,
        record=screen.selected_record(),
        problem=screen.selected_problem(),
        can_undo=bool(screen.state.session.undo_stack),
        reading=not screen.state.loaded,
    )


def reason(
    action: str,
    *,
    git: GitState,
    record: Record | None,
    problem: Problem | None,
    keymap: Mapping[str, str],
    reading: bool = False,
) -> str:
    """Why ``action`` cannot run now, as one sentence that says what would help.

    ``reading``: the workspace is still being read (its rows may show already, as a big
    first read shows them as they come, but nothing under the cursor can be used yet).
    """
    if reading and record is None and problem is None:
        return i18n.t("tui.why.reading")
    if git.syncing and action in EDITING:
        return i18n.t("tui.why.syncing")
    if action in GIT_ACTIONS and git.repo is None:
        return i18n.t("tui.why.git_unknown")
    if action in ("sync", "history") and git.repo is False:
        return i18n.t("tui.why.no_git")
    if problem is not None:
        open_key = key_for("main.open", keymap)
        if problem.is_conflicted:
            repair_key = key_for("main.resolve", keymap)
            return i18n.t("tui.why.conflicted", key=open_key, repair=repair_key)
        return i18n.t("tui.why.broken", key=open_key)
    if record is None:
        return i18n.t("tui.why.nothing_selected", key=key_for("main.new", keymap))
    if action == "resolve":
        return i18n.t("tui.why.no_conflicts", name=record.facets.name)
    if action == "undo":
        return i18n.t("error.nothing_to_undo")
    return i18n.t("tui.why.not_now")


class Explaining(Protocol):
    """The main screen as :func:`explain_key` uses it."""

    state: AppState

    @property
    def app(self) -> App[object]: ...

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None: ...

    def selected_record(self) -> Record | None: ...

    def selected_problem(self) -> Problem | None: ...

    def action_open_file(self) -> None: ...

    def notify(
        self, message: str, *, severity: SeverityLevel = ..., markup: bool = ...
    ) -> None: ...


def answer_key(screen: Explaining, event: Key) -> None:
    """The main screen's ``on_key``: a main command's key that cannot run now is answered
    (:func:`explain_key`), once the app has handled the keys before it. A key typed right
    after one that opened another screen (``a`` and a note) is that screen's: the app
    hands it on (:mod:`samenwerk_tui.tui.typeahead`).
    """
    me: object = screen

    def later() -> None:
        if screen.app.screen is me:
            explain_key(screen, event.key)
            return
        typeahead = getattr(screen.app, "typeahead", None)
        if isinstance(typeahead, TypeAhead):
            typeahead.late(event)

    if screen.app.screen is me and would_explain(screen, event.key):
        event.stop()
        screen.app.call_later(later)


def would_explain(screen: Explaining, key: str) -> bool:
    """Whether ``key`` is a main command that cannot run now (:func:`explain_key` answers it).

    A key the focused pane binds itself (the notes pane's ``e``, a pane's ``g``) is the
    pane's.
    """
    active = screen.active_bindings.get(key)
    me: object = screen
    if active is not None and active.node is not me:
        return False
    command = command_for_key(key, screen.state.keymap)
    if command is None or command.priority:
        return False
    name, params = action_of(command)
    return screen.check_action(name, params) is not True


def explain_key(screen: Explaining, key: str) -> bool:
    """Answer ``key`` if it is a main command that cannot run now; True when answered.

    ``o`` on a readable row opens the file (the footer offers it on broken ones).
    """
    if not would_explain(screen, key):
        return False
    keymap = screen.state.keymap
    command = command_for_key(key, keymap)
    assert command is not None
    name, params = action_of(command)
    action = params[0] if name == "open" and params else name  # open('diagnose'): diagnose
    record, problem, git = screen.selected_record(), screen.selected_problem(), screen.state.git
    if action == "open_file" and record is not None and not git.syncing:
        screen.action_open_file()
        return True
    reading = not screen.state.loaded
    why = reason(action, git=git, record=record, problem=problem, keymap=keymap, reading=reading)
    screen.notify(plain(why, multiline=True), severity="warning", markup=False)
    return True


def command_for_key(key: str, keymap: Mapping[str, str], scope: str = "main") -> Command | None:
    """The command of ``scope`` a key runs, as the user's keymap has it."""
    for command in commands(scope):
        keys = keymap.get(command.id, command.keys)
        if key in (k.strip() for k in keys.split(",")):
            return command
    return None


def action_of(command: Command) -> tuple[str, tuple[str, ...]]:
    """A command's action name and parameters (``set_primary('goals')``)."""
    name, _, args = command.action.partition("(")
    params = tuple(a.strip(" ')\"") for a in args.split(",")) if args else ()
    return name, params


__all__ = ["EDITING", "availability", "by_id", "command_for_key", "reason"]
