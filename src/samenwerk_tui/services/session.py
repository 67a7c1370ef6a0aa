"""A working session on one workspace: the records in memory, every change saved at once.

Both front ends use this class. A change is an edit function applied to the version on
disk; if the file changed meanwhile (a colleague's sync, an editor, a CLI command), the
session re-reads it and applies the same edit to the newer version, so neither change is
lost. A change from a form that was open a while passes the form's ``base`` (the record
as the form opened it) and is saved three-way (:mod:`.threeway`): only the fields the
form changed, merged with what changed on disk meanwhile, a real clash asked, never
overwritten. Every change can be undone, through the same no-blind-overwrite check.

Every mutation returns one :class:`~samenwerk_tui.services.changes.Change`. Reading the
folder (early, through the index cache) is :mod:`.reader`'s; finding a partnership by
what a person typed is :mod:`.lookup`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from samenwerk_tui.domain.query import Query, Subject
from samenwerk_tui.domain.text import fold
from samenwerk_tui.services.changes import (
    REAPPLIED,
    Base,
    Change,
    Edit,
    GoneError,
    Refresh,
    saved_change,
)
from samenwerk_tui.services.config import cache_dir
from samenwerk_tui.services.lookup import RefError, find
from samenwerk_tui.services.reader import INDEX_DELAY, Stats, WorkspaceReader
from samenwerk_tui.services.use_cases import UseCases
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.records import (
    FileStat,
    LoadResult,
    Problem,
    Record,
    StaleFileError,
    StoreError,
    digest,
)
from samenwerk_tui.store.workspace import Workspace

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Partnership


class Session(UseCases):
    """The records of one workspace and the operations on them (the advisor's changes by
    name are :class:`~.use_cases.UseCases`)."""

    def __init__(
        self,
        workspace: Workspace,
        author: str | Callable[[], str],
        *,
        index: Index | None | bool = True,
    ) -> None:
        """``author``: who signs changes, or how to find out at the first change (asking
        git costs a process, which opening the app need not wait for). ``index``: the
        cache of packed files (True: the one in the user cache folder)."""
        self.workspace = workspace
        self._author = author
        self.records: dict[str, Record] = {}
        self.problems: dict[str, Problem] = {}
        self._stats: Stats = {}
        self.changed_files: set[str] = set()  # uncommitted in git (filled by gitsync)
        self.undo_stack: list[Change] = []
        #: Records a re-read or a delete took away, by id: a change still aimed at one
        #: (a form open on it) says what happened to it by name.
        self.vanished: dict[str, Record] = {}
        if index is True:
            index = Index.for_workspace(cache_dir(), workspace.root)
        self.index: Index | None = index or None
        self.reader = WorkspaceReader(workspace, self.index)
        self.from_index = 0  # files the last load took from the index cache
        self._subjects: dict[str, tuple[Record, bool, Subject]] = {}

    @property
    def stats(self) -> dict[str, FileStat]:
        """The stat of every file as last seen (a scan made in a child process arrives
        marshalled, and is unpacked here, when first needed: after the first paint)."""
        if not isinstance(self._stats, dict):
            self._stats = self._stats()
        return self._stats

    @stats.setter
    def stats(self, stats: dict[str, FileStat]) -> None:
        self._stats = stats

    @property
    def author(self) -> str:
        if not isinstance(self._author, str):
            self._author = self._author()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    @classmethod
    def open(
        cls,
        root: Path,
        author: str | Callable[[], str],
        *,
        create: bool = True,
        load: bool = True,
    ) -> Session:
        """Open (and if asked, create) the workspace at ``root`` and read it.

        ``load=False`` leaves the reading to the caller (:meth:`load`), so a front end can
        show itself first and read in the background.
        """
        if not Workspace.is_workspace(root):
            if not create:
                raise StoreError("error.no_workspace", path=str(root))
            Workspace.init(root)
        workspace = Workspace(root)
        session = cls(workspace, author)
        if load:
            workspace.sweep()
            session.load()
        else:  # the read that :meth:`preload` (or :meth:`load`) starts sweeps first
            session.reader.sweep_before_reading()
        return session

    # ------------------------------------------------------------------ reading

    def load(self) -> None:
        """Read every file; unchanged ones come from the index cache when there is one.

        After :meth:`preload`, this takes what the preload read (waiting for it if needed).
        """
        (self._stats, result, to_index), preloaded = self.reader.take()
        self.workspace.reload_settings()
        self.from_index = result.from_index
        self._apply(result, replace_all=True)
        if to_index is not None:
            # After a preload (the TUI) the cache waits a moment, to leave the first paint.
            self.reader.write_index_later(to_index, INDEX_DELAY if preloaded else 0.0)

    def warm(self) -> None:
        """Ready the filter's text in the background (the TUI, once the list is shown: not
        before, when it would take turns with the first paint for the interpreter)."""
        self.reader.warm(list(self.records.values()))

    def preload(self) -> None:
        """Start reading the workspace in a thread now; the next :meth:`load` takes it."""
        self.reader.preload()

    @property
    def preload_finished(self) -> bool:
        """True when the :meth:`preload` has read everything (so :meth:`load` is quick)."""
        return self.reader.preload_finished

    def wait_for_index(self) -> None:
        """Wait until the index cache written by the last :meth:`load` is on disk."""
        self.reader.wait_for_index()

    def _apply(self, result: LoadResult, *, replace_all: bool = False) -> None:
        if replace_all:  # (a load never gives a record and a problem the same name)
            self.problems = {problem.name: problem for problem in result.problems}
            if result.ids is not None:  # (an unchanged workspace: no call per record)
                self.records = dict(zip(result.ids, result.records, strict=True))
            else:
                self.records = {record.id: record for record in result.records}
            return
        for problem in result.problems:
            self.problems[problem.name] = problem
        for record in result.records:
            self.problems.pop(record.name, None)
            self.records[record.id] = record

    def poll(self) -> Refresh:
        """Re-read the files whose stat changed since the last look."""
        current = self.workspace.scan()
        changed = {n for n, st in current.items() if self.stats.get(n) != st}
        gone = set(self.stats) - set(current)
        self.stats = current
        if not changed and not gone:
            return Refresh()
        return self.reload_names(changed | gone)

    def reload_names(self, names: Iterable[str]) -> Refresh:
        """Re-read exactly these file names (after a sync, or an outside change).

        Files whose id another file also uses are re-read each time too, so that when
        one of the pair goes away the other comes back. As in a full load, the file whose
        name sorts first keeps the id; the other is listed as a problem.
        """
        names = set(names)
        names |= {n for n, p in self.problems.items() if p.key == "broken.duplicate_id"}
        before_records = dict(self.records)
        before_problems = dict(self.problems)
        for name in names:
            st = self.workspace.scan_one(name)
            if st is None:
                self.stats.pop(name, None)
            else:
                self.stats[name] = st
        for record in before_records.values():
            if record.name in names:
                del self.records[record.id]
        for name in names:
            self.problems.pop(name, None)
        result = self.workspace.load_names(sorted(n for n in names if n in self.stats))
        problems = list(result.problems)
        for record in result.records:
            other = self.records.get(record.id)
            if other is not None and other.name < record.name:
                problems.append(_duplicate(record, other))
                continue
            if other is not None:
                problems.append(_duplicate(other, record))
            self.records[record.id] = record
        for problem in problems:
            self.problems[problem.name] = problem
        refresh = Refresh()
        for pid, record in self.records.items():
            old = before_records.get(pid)
            if old is None or old.digest != record.digest or old.name != record.name:
                refresh.changed.add(pid)
        refresh.removed = set(before_records) - set(self.records)
        for pid in refresh.removed:
            self.vanished[pid] = before_records[pid]
        refresh.problems_changed = before_problems != self.problems
        return refresh

    def partnerships(self) -> list[Partnership]:
        """All readable partnerships, sorted by name."""
        return [r.partnership for r in self.sorted_records()]

    def sorted_records(self) -> list[Record]:
        return sorted(self.records.values(), key=_sort_key)

    def record(self, pid: str) -> Record:
        return self.records[pid]

    def loaded(self, pid: str) -> Record:
        """The record a change is for; :class:`GoneError` if it was deleted or broken since."""
        record = self.records.get(pid)
        if record is not None:
            return record
        gone = self.vanished.get(pid)
        if gone is None:
            raise StoreError("error.ref_none", ref=pid)
        raise GoneError(gone.facets.name, gone.name, broken=gone.name in self.problems)

    def subject(self, record: Record) -> Subject:
        """What a query sees of ``record``; the model itself is not built for it.

        Kept per record (and git state), so a keystroke in the filter box makes none anew.
        """
        changed = record.name in self.changed_files
        kept = self._subjects.get(record.id)
        if kept is not None and kept[0] is record and kept[1] == changed:
            return kept[2]
        subject = Subject(None, record.haystack, changed=changed, facets=record.facets)
        self._subjects[record.id] = (record, changed, subject)
        return subject

    def problem_subject(self, problem: Problem) -> Subject:
        return Subject(
            None,
            fold(problem.name),
            broken=True,
            changed=problem.name in self.changed_files,
            conflicted=problem.is_conflicted,
        )

    def filter(self, query: Query) -> list[Record]:
        records = self.sorted_records()
        if query.is_empty:
            return records
        return [r for r in records if query.matches(self.subject(r))]

    def filter_problems(self, query: Query) -> list[Problem]:
        return [p for p in self.sorted_problems() if query.matches(self.problem_subject(p))]

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems.values(), key=lambda p: p.name)

    def resolve(self, ref: str) -> Record:
        """Find one partnership by id, id prefix, file name or unique name (:func:`find`)."""
        return find(self.records, ref)

    # ------------------------------------------------------------------ writing

    def create(self, partnership: Partnership) -> Change:
        """Write a new partnership's file (its name is fixed from now on)."""
        record = self.workspace.create(partnership)
        self.remember(record)
        change = Change(
            "created", record.id, partnership.name, record.name, record, None, None, record.digest
        )
        self.undo_stack.append(change)
        return change

    def update(
        self, pid: str, edit: Edit, action: str = "edited", *, base: Base | None = None
    ) -> Change:
        """Apply ``edit`` to the partnership and save it at once.

        If the file changed on disk since it was read, the edit is applied again to the
        version on disk (the change then carries the :data:`REAPPLIED` warning), all under
        the workspace lock (no other save or sync in between). If that version is unreadable
        or gone, a :class:`GoneError` says so and nothing is written. An edit that changes
        nothing writes nothing and cannot be undone. With ``base`` (what a form opened
        with) the save is three-way (:mod:`.threeway`), under the same lock.
        """
        if base is not None:
            from samenwerk_tui.services import threeway  # the merge: only for a form's save

            return threeway.save(self, pid, base, edit, action)
        loaded = self.loaded(pid)
        warning = None
        # One critical section from the stale check to the retry: under the workspace lock
        # the version read again cannot change before it is replaced.
        with self.workspace.locked():
            try:
                new = edit(loaded.partnership)
                if new == loaded.partnership:
                    return Change(
                        action, pid, new.name, loaded.name, loaded, None, None, loaded.digest
                    )
                saved, before = self.workspace.save(loaded, new)
            except StaleFileError as stale:
                fresh = self._fresh(loaded, stale.current)
                new = edit(fresh.partnership)
                saved, before = self.workspace.save(fresh, new)
                warning = REAPPLIED
        self.remember(saved)
        change = saved_change(action, pid, loaded.partnership, saved, before, warning)
        self.undo_stack.append(change)
        return change

    def _fresh(self, loaded: Record, current: bytes | None) -> Record:
        name = loaded.name
        parsed = Workspace.parse(name, current) if current is not None else None
        if not isinstance(parsed, Record):
            self.reload_names([name])
            raise GoneError(loaded.facets.name, name, broken=parsed is not None)
        self.remember(parsed)
        return parsed

    def remember(self, record: Record) -> None:
        """Hold ``record`` as the partnership's current version (just read or written)."""
        old = self.records.get(record.id)
        if old is not None and old.name != record.name:
            self.records.pop(old.id, None)
        self.records[record.id] = record
        self.problems.pop(record.name, None)
        st = self.workspace.scan_one(record.name)
        if st is not None:
            self.stats[record.name] = st

    def delete(self, pid: str) -> Change:
        """Remove the partnership's file, if it is still what was read."""
        loaded = self.loaded(pid)
        before = self.workspace.read_bytes(loaded.name)
        self.workspace.delete(loaded)
        self.records.pop(pid, None)
        self.vanished[pid] = loaded
        self.stats.pop(loaded.name, None)
        change = Change("deleted", pid, loaded.partnership.name, loaded.name, None, None, before)
        self.undo_stack.append(change)
        return change

    def undo(self) -> Change | None:
        """Revert the last change of this session, if the file is still as it left it.

        Returns an ``undone`` change whose ``undid`` is the change reverted (None when
        there is nothing to undo).
        """
        if not self.undo_stack:
            return None
        change = self.undo_stack[-1]
        try:
            if change.before is None:
                record = self.records.get(change.partnership_id)
                if record is None or record.digest != change.after_digest:
                    raise StaleFileError(change.file, None)
                self.workspace.delete(record)
                self.records.pop(change.partnership_id, None)
                self.stats.pop(change.file, None)
            else:
                self.workspace.write_bytes(change.file, change.before, change.after_digest)
                self.reload_names([change.file])
        except StaleFileError:
            # Same sentence whether or not a poll had noticed the change yet.
            raise StoreError("error.undo_changed", file=change.file) from None
        self.undo_stack.pop()
        restored = self.records.get(change.partnership_id)
        # Named as the change it reverts was ("the edit of Senseo 2"), not as it is now.
        return Change(
            "undone", change.partnership_id, change.name, change.file, restored, undid=change
        )

    def recreate(self, base: Base, edit: Edit) -> Change:
        """The base partnership with ``edit`` applied, saved as a new partnership: what a
        form typed, kept after its partnership was deleted or broken outside."""
        from samenwerk_tui.services import threeway

        return threeway.recreate(self, base, edit)


def _sort_key(record: Record) -> tuple[str, str]:
    return record.sort_key


def _duplicate(loser: Record, winner: Record) -> Problem:
    return Problem(loser.name, "broken.duplicate_id", {"other": winner.name}, digest=loser.digest)


__all__ = [
    "REAPPLIED",
    "Change",
    "Edit",
    "Problem",
    "Record",
    "RefError",
    "Refresh",
    "Session",
    "StoreError",
    "digest",
]
