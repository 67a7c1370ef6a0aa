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

from samenwerk_tui import i18n
from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.commands import Command, by_id, commands, key_for
from samenwerk_tui.tui.state import GitState

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
    }
)
#: Commands about git.
GIT_ACTIONS = frozenset({"sync", "history", "resolve"})
#: Commands that need a readable partnership under the cursor.
NEEDS_PARTNERSHIP = frozenset({"edit_partnership", "set_primary", "classify", "annotate", "delete"})
#: Commands that need a row, readable or not.
NEEDS_ROW = frozenset({"history"})


def availability(
    action: str, *, git: GitState, record: Record | None, problem: Problem | None, can_undo: bool
) -> bool | None:
    """Whether ``action`` can run with this row under the cursor and this git state."""
    allowed = _availability(action, git, record, problem, can_undo)
    if allowed is True and git.syncing and action in EDITING:
        return None  # greyed while a sync owns the files
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
        return bool(problem is not None and problem.is_conflicted)
    if action in NEEDS_PARTNERSHIP and record is None:
        return False
    if action == "open_file":
        return problem is not None  # offered where it is needed; runs on any row
    if action in NEEDS_ROW and record is None and problem is None:
        return False
    return not (action == "undo" and not can_undo)


def reason(
    action: str,
    *,
    git: GitState,
    record: Record | None,
    problem: Problem | None,
    keymap: Mapping[str, str],
) -> str:
    """Why ``action`` cannot run now, as one sentence that says what would help."""
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
