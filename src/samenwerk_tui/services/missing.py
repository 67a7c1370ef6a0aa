"""Why a folder is not a workspace, as the error the front ends raise.

Kept apart from the session so that opening a session can ask it without an import
circle: it needs git (is this an empty clone?) and the store's error, nothing more.
"""

from __future__ import annotations

from pathlib import Path

from samenwerk_tui.store.records import StoreError


def missing_workspace(root: Path) -> StoreError:
    """Why ``root`` is not a workspace, as the error to raise.

    Usually "there is no workspace"; but a clone that checked out an empty branch (a
    bare remote whose HEAD names a branch nobody pushed) holds the team's workspace on
    another branch, and making a new one there would be a mistake: that error names
    the branch to check out. Callers never create a workspace after it.
    """
    from samenwerk_tui.gitsync.remote import unborn_clone

    found = unborn_clone(root)
    if found is None:
        return StoreError("error.no_workspace", path=str(root))
    branch, branches = found
    first = "main" if "main" in branches else branches[0]
    return StoreError(
        "error.empty_clone",
        path=str(root),
        branch=branch,
        branches=", ".join(branches),
        first=first,
    )
