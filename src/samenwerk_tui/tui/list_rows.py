"""What the partnership list shows: rows kept aligned with the sorted records.

A filter keystroke at 10,000 partnerships must stay within a frame or two, so the rows
and what a query sees of each record are built once per data change (or change of sort
order) and a keystroke is one pass over them. Sorting reads each record's facets
(:mod:`samenwerk_tui.domain.ordering`), never a model. Pure bookkeeping: no widgets, no
Textual.
"""

from __future__ import annotations

from samenwerk_tui import i18n
from samenwerk_tui.domain.ordering import DEFAULT_SORT, KEYS, known_sort
from samenwerk_tui.domain.query import Query, Subject
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services.session import Record, Session
from samenwerk_tui.tui.state import BROKEN_PREFIX
from samenwerk_tui.tui.widgets.partnership_list import Row


class ListRows:
    """Rows for the readable partnerships, their query subjects, and counts."""

    def __init__(self) -> None:
        self.order: list[Record] = []
        self.rows: list[Row] = []  # aligned with ``order``
        self.conflict_count = 0  # partnerships with recorded conflicts, files with markers
        self.shown_count = 0  # readable partnerships the last filter let through
        self.sort = DEFAULT_SORT
        self._subjects: list[Subject] = []  # aligned with ``order``; built lazily
        self._subjects_changed: set[str] = set()

    def rebuild(self, session: Session, sort: str = DEFAULT_SORT) -> None:
        """Build the rows from the session in ``sort`` order (with the session's lock held)."""
        self.sort = known_sort(sort)
        first = KEYS[self.sort]
        self.order = sorted(session.records.values(), key=lambda r: (*first(r.facets), r.sort_key))
        conflicts = sum(1 for p in session.problems.values() if p.is_conflicted)
        stage_names = {stage: i18n.stage_name(stage.value) for stage in Stage}  # once, not per row
        rows = []
        for record in self.order:
            p = record.facets  # the list needs no full model (built on demand)
            conflicts += bool(p.conflicts)
            rows.append(
                Row(
                    record.id,
                    p.name,
                    p.primary,
                    stage_names[p.stage],
                    conflicted=bool(p.conflicts),
                    file=record.name,
                )
            )
        self.rows = rows
        self.conflict_count = conflicts
        self._subjects = []

    def _current_subjects(self, session: Session) -> list[Subject]:
        """The query subjects of ``order``, rebuilt only when the changed files differ."""
        stale = len(self._subjects) != len(self.order)
        if stale or session.changed_files != self._subjects_changed:
            self._subjects = [session.subject(r) for r in self.order]
            self._subjects_changed = set(session.changed_files)
        return self._subjects

    def filter(self, session: Session, query: Query) -> list[Row]:
        """The rows ``query`` lets through (lock held).

        Unreadable files come last, or, sorted by what needs attention, right after the
        partnerships with recorded conflicts.
        """
        if query.is_empty:
            rows = list(self.rows)
        else:
            matches = query.matches
            subjects = self._current_subjects(session)
            rows = [self.rows[i] for i, subject in enumerate(subjects) if matches(subject)]
        self.shown_count = len(rows)
        at = len(rows)
        if self.sort == "attention":
            at = next((i for i, row in enumerate(rows) if not row.conflicted), len(rows))
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
        rows[at:at] = broken
        return rows
