"""Saving a form three-way: only what the advisor changed, merged onto what is on disk now.

A form shows a partnership for a while; meanwhile a colleague's sync, another window, a
script or an editor may change its file. On save the form's change is merged the way the
git merge driver merges two advisors' versions (:func:`~samenwerk_tui.gitsync.merge.
merge_partnerships`): base = the record the form opened with, ours = that record with the
form's edit applied, theirs = the file as it is now. So a field only the colleague
changed keeps their value, tags merge as a set, parties by name, notes by id, and two
edits to different paragraphs of a text both survive. A field both changed differently
is never written silently: :class:`~.changes.ClashError` lists those fields and nothing is
written; the advisor decides each (:class:`~.changes.Settled`), and the same save runs
again with the choices in its base. A partnership deleted or broken meanwhile is a
:class:`~.changes.GoneError`, and nothing is written either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from samenwerk_tui.domain.model import Conflict, Partnership, utc_now
from samenwerk_tui.domain.text import new_id
from samenwerk_tui.gitsync.merge import merge_partnerships
from samenwerk_tui.services.changes import (
    MERGED,
    Base,
    Change,
    ClashError,
    Edit,
    GoneError,
    Refresh,
    saved_change,
)
from samenwerk_tui.store.records import Record, StaleFileError, StoreError
from samenwerk_tui.store.workspace import FILE_NAME, Workspace


class Session(Protocol):
    """What of :class:`~samenwerk_tui.services.session.Session` a three-way save uses."""

    workspace: Workspace
    records: dict[str, Record]
    undo_stack: list[Change]

    def remember(self, record: Record) -> None: ...

    def reload_names(self, names: Iterable[str]) -> Refresh: ...

    def create(self, partnership: Partnership) -> Change: ...


#: How often a save merges again when the file changed between its read and its write.
ATTEMPTS = 5


def save(session: Session, pid: str, base: Base, edit: Edit, action: str) -> Change:
    """Apply ``edit`` to the base record and save it merged onto the file as it is now."""
    opened = base.record
    ours = edit(opened.partnership)
    if ours == opened.partnership:  # the form changed nothing: nothing to write
        now = session.records.get(pid, opened)
        return Change(action, pid, ours.name, opened.name, now, None, None, now.digest)
    # Read, merge and replace in one critical section of the workspace lock (shared with
    # other windows' saves and with a sync's commit and merge), so the file cannot change
    # between the merge and the write; the retry stays for a writer that takes no lock.
    with session.workspace.locked():
        for _ in range(ATTEMPTS):
            theirs = on_disk(session, opened)
            warning = None
            recorded: tuple[Conflict, ...] = ()
            if theirs.digest == opened.digest:
                new = ours
            else:
                result = merge_partnerships(
                    opened.partnership, ours, theirs.partnership, base.settled
                )
                if result.unsettled:
                    raise ClashError(theirs.partnership.name, theirs.name, result.unsettled)
                new, warning, recorded = result.partnership, MERGED, result.conflicts
            if new == theirs.partnership:  # someone made the same change meanwhile
                session.remember(theirs)
                return Change(
                    action, pid, new.name, theirs.name, theirs, warning, None, theirs.digest
                )
            try:
                saved, before = session.workspace.save(theirs, new)
            except StaleFileError:
                continue  # changed again between the read and the write: merge again
            session.remember(saved)
            change = saved_change(
                action, pid, theirs.partnership, saved, before, warning, conflicts=recorded
            )
            session.undo_stack.append(change)
            return change
    raise StoreError("error.stale_file", file=opened.name)


def on_disk(session: Session, opened: Record) -> Record:
    """The partnership's file as it is now; :class:`GoneError` if deleted or unreadable.

    A file renamed outside (same id, another name) is followed: the form saves into it.

    Whatever it found is what the session holds afterwards, so the front end shows it.
    """
    data = session.workspace.read_bytes(opened.name)
    if data is not None:
        parsed = Workspace.parse(opened.name, data)
        if isinstance(parsed, Record) and parsed.id == opened.id:
            if parsed.digest == opened.digest:
                return opened
            session.remember(parsed)
            return parsed
    session.reload_names([opened.name])
    if data is None:
        moved = _moved(session.workspace, opened)
        if moved is not None:  # renamed outside (a mv): still the same partnership
            session.remember(moved)
            return moved
    raise GoneError(opened.facets.name, opened.name, broken=data is not None)


def _moved(workspace: Workspace, opened: Record) -> Record | None:
    """The partnership's file under another name (same id), if someone renamed it."""
    for name in sorted(workspace.scan()):
        match = FILE_NAME.fullmatch(name)
        if name == opened.name or match is None or match.group(1) != opened.id[:6]:
            continue
        found = workspace.read_one(name)
        if isinstance(found, Record) and found.id == opened.id:
            return found
    return None


def recreate(session: Session, base: Base, edit: Edit) -> Change:
    """Save the base partnership with ``edit`` applied as a new partnership (new id, new
    file): what a form typed is kept after its partnership was deleted or broken outside.
    """
    kept: Partnership = edit(base.record.partnership)
    now = utc_now()
    return session.create(kept.replace(id=new_id(12), created=now, updated=now, conflicts=()))


__all__ = ["ATTEMPTS", "on_disk", "recreate", "save"]
