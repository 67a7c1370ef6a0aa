"""What the partnership list shows: rows kept aligned with the sorted records.

A filter keystroke at 10,000 partnerships must stay within a frame or two, so the rows
and what a query sees of each record are built once per data change (or change of sort
order) and a keystroke is one pass over them. Sorting reads each record's facets
(:mod:`samenwerk_tui.domain.ordering`), never a model. Pure bookkeeping: no widgets, no
Textual.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.ordering import DEFAULT_SORT, KEYS, known_sort
from samenwerk_tui.domain.query import Query, Subject
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services.session import Record, Session
from samenwerk_tui.tui.state import BROKEN_PREFIX
from samenwerk_tui.tui.widgets.partnership_list import LazyRows, Row

#: Each record's sort key, id and recorded-conflict flag, read without a Python call per
#: record (the first paint sorts and counts ten thousand of them).
_sort_key: Callable[[Record], tuple[str, str]] = attrgetter("sort_key")
_id: Callable[[Record], str] = attrgetter("id")
_conflicted: Callable[[Record], bool] = attrgetter("conflicted")


class ListRows:
    """Rows for the readable partnerships, their query subjects, and counts."""

    def __init__(self) -> None:
        self.order: list[Record] = []
        self.rows = LazyRows([], self._row, _id)  # aligned with ``order``, made when shown
        self.conflict_count = 0  # partnerships with recorded conflicts, files with markers
        self.shown_count = 0  # readable partnerships the last filter let through
        self.sort = DEFAULT_SORT
        self._subjects: list[Subject] = []  # aligned with ``order``; built lazily
        self._subjects_changed: set[str] = set()
        self._problem_conflicts = 0
        self._stage_names: dict[Stage, str] = {}
        self.built = False  # rows were built at least once (update() needs that)
        # The last filter: its query, the positions in ``order`` it let through, and the
        # generation of ``order`` and the subjects it saw (each change makes a new one).
        self._generation = 0
        self._last: tuple[Query, list[int], int] | None = None

    def rebuild(self, session: Session, sort: str = DEFAULT_SORT) -> None:
        """Build the rows from the session in ``sort`` order (with the session's lock held)."""
        self.sort = known_sort(sort)
        self.order = sorted(session.records.values(), key=self._key())
        self._problem_conflicts = sum(1 for p in session.problems.values() if p.is_conflicted)
        self._stage_names = {stage: i18n.stage_name(stage.value) for stage in Stage}
        self.rows = LazyRows(self.order, self._row, _id)
        self.conflict_count = self._problem_conflicts + sum(map(_conflicted, self.order))
        self._subjects = []
        self._generation += 1
        self.built = True

    def show_arrived(self, records: Iterable[Record], sort: str = DEFAULT_SORT) -> LazyRows:
        """Rows for the records a read in progress has read so far (no session, no lock:
        the reading worker holds it); :meth:`rebuild` takes over when the read is done."""
        self.sort = known_sort(sort)
        self.order = sorted(records, key=self._key())
        self._stage_names = {stage: i18n.stage_name(stage.value) for stage in Stage}
        self.rows = LazyRows(self.order, self._row, _id)
        self.conflict_count = 0
        self._subjects = []
        self._generation += 1
        self.built = False
        return self.rows

    def update(self, session: Session, ids: Iterable[str]) -> None:
        """Redo only the rows of these partnerships (changed, added or gone; lock held).

        A save changes one partnership: its row is taken out and put back where its sort
        key now puts it, instead of sorting and rebuilding ten thousand rows.
        """
        key = self._key()
        self._generation += 1
        subjects = self._subjects if len(self._subjects) == len(self.order) else None
        for pid in ids:
            at = next((i for i, r in enumerate(self.order) if r.id == pid), None)
            if at is not None:
                self.conflict_count -= self.order[at].conflicted
                del self.order[at]
                if subjects is not None:
                    del subjects[at]
            record = session.records.get(pid)
            if record is None:
                continue
            at = bisect.bisect_left(self.order, key(record), key=key)
            self.order.insert(at, record)
            self.conflict_count += record.conflicted
            if subjects is not None:
                subjects.insert(at, session.subject(record))
        self._subjects = subjects if subjects is not None else []
        self.rows = LazyRows(self.order, self._row, _id)  # (a row is quick to make again)

    def _key(self) -> Callable[[Record], tuple[Any, ...]]:
        if self.sort == DEFAULT_SORT:  # by name: the key each record keeps (no tuple per row)
            return _sort_key
        first = KEYS[self.sort]
        return lambda r: (*first(r.facets), *r.sort_key)

    def _row(self, record: Record) -> Row:
        p = record.facets  # the list needs no full model (built on demand)
        conflicted = bool(p.conflicts)
        return Row(
            record.id, p.name, p.primary, self._stage_names[p.stage], False, conflicted, record.name
        )

    def warm(self, session: Session) -> None:
        """Make what the first filter keystroke needs now (lock held), not at the key."""
        self._current_subjects(session)

    def _current_subjects(self, session: Session) -> list[Subject]:
        """The query subjects of ``order``, rebuilt only when the changed files differ."""
        stale = len(self._subjects) != len(self.order)
        if stale or session.changed_files != self._subjects_changed:
            self._subjects = [session.subject(r) for r in self.order]
            self._subjects_changed = set(session.changed_files)
            self._generation += 1
        return self._subjects

    def _matching(self, session: Session, query: Query) -> list[int]:
        """The positions in ``order`` that ``query`` lets through (lock held).

        Typing on narrows the query (:meth:`Query.narrows`): then only what the last
        filter let through is tested again, if the rows and subjects are still the ones
        it saw. At 10,000 partnerships that makes most keystrokes a pass over a few
        hundred subjects instead of all of them.
        """
        subjects = self._current_subjects(session)
        matches = query.matches
        last = self._last
        if last is not None and last[2] == self._generation and query.narrows(last[0]):
            found = [i for i in last[1] if matches(subjects[i])]
        else:
            found = [i for i, subject in enumerate(subjects) if matches(subject)]
        self._last = (query, found, self._generation)
        return found

    def filter(self, session: Session, query: Query) -> Sequence[Row]:
        """The rows ``query`` lets through (lock held).

        Unreadable files come last, or, sorted by what needs attention, right after the
        partnerships with recorded conflicts.
        """
        rows: Sequence[Row]
        if query.is_empty:
            order: Sequence[Record] = self.order
            rows = self.rows
            self._last = None
        else:
            found = self._matching(session, query)
            order = [self.order[i] for i in found]
            rows = [self.rows[i] for i in found]
        self.shown_count = len(rows)
        at = len(rows)
        if self.sort == "attention":
            at = next((i for i, r in enumerate(order) if not r.conflicted), len(rows))
        broken = [
            Row(
                BROKEN_PREFIX + problem.name,
                problem.name,
                broken=True,
                stage=i18n.t("tui.list.broken"),
                conflicted=problem.is_conflicted,
                file=problem.name,
            )
            for problem in session.filter_problems(query)
        ]
        if not broken:
            return rows
        if isinstance(rows, LazyRows):
            return rows.with_extra(broken, at)
        return [*rows[:at], *broken, *rows[at:]]
