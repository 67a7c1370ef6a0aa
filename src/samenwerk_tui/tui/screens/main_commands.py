"""Which main-screen command can run now: True runs, None greyed (not now), False hidden.

The footer, the help screen and the palette all follow from this (through the screen's
``check_action``). Hidden rather than greyed where possible: at 80 columns the footer has
no room to spare, so ``s`` shows only in a repository, ``r`` only on a conflict and ``u``
only when there is a change to undo.
"""

from __future__ import annotations

from samenwerk_tui.services.session import Problem, Record
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
        return None
    return not (action == "undo" and not can_undo)
