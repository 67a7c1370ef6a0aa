"""What every change to a session gives back, and what a re-read of the folder found.

Each mutation of :class:`~samenwerk_tui.services.session.Session` (create, edit,
classify, note, perspective, resolve, delete, undo) returns one :class:`Change`: the
record it left on disk, what happened, which fields, any warning for the user, and what
undo needs. Front ends describe a change from this one value, whatever made it.

A change made from a form that showed the partnership for a while is saved three-way
(:mod:`.threeway`): the form hands its :class:`Base` (the record as it opened), and a
change made on disk meanwhile is merged, not overwritten. Two ways it cannot simply be
saved are errors the form answers: :class:`ClashError` (a field the advisor changed was
changed differently meanwhile: ask, then save again with the :class:`Settled` choices in
the base) and :class:`GoneError` (the partnership was deleted, or its file broken).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from samenwerk_tui.domain.settling import Settled
from samenwerk_tui.store.records import Record, StoreError

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Conflict, Partnership

#: The warning of a change applied to a newer version of its file: the file had changed
#: on disk since it was read, so the same edit was applied again to what is there now.
REAPPLIED = "change.reapplied"
#: The warning of a form's change merged with a change made on disk while it was open.
MERGED = "change.merged"

#: One edit of a partnership: the services apply it to a version read from disk.
Edit = Callable[["Partnership"], "Partnership"]


class Change(NamedTuple):
    """One change to the workspace, saved.

    ``action``: created, edited, classified, noted, perspective, resolved, deleted or
    undone. ``record`` is the partnership as its file now holds it (None when the change
    removed the file). ``warning`` is a catalog key whose sentence takes ``name`` and
    ``file``. ``before`` and ``after_digest`` let :meth:`Session.undo` put the file back
    only if nobody changed it since; ``undid`` is, for an undo, the change it reverted.
    """

    action: str
    partnership_id: str
    name: str
    file: str
    record: Record | None = None
    warning: str | None = None
    before: bytes | None = None  # the file's bytes before (None: it did not exist)
    after_digest: str | None = None  # its digest after (None: the file was removed)
    undid: Change | None = None
    #: What changed, as field paths like a conflict's (``name``, ``classification.primary``,
    #: ``notes``); empty when nothing did (nothing was written then).
    fields: tuple[str, ...] = ()
    #: Clashes this change kept ours for and recorded in ``[[conflicts]]`` (asked first).
    conflicts: tuple[Conflict, ...] = ()

    @property
    def reapplied(self) -> bool:
        """The file had changed on disk meanwhile and the edit went onto the newer version."""
        return self.warning in (REAPPLIED, MERGED)


def saved_change(
    action: str,
    pid: str,
    old: Partnership,
    saved: Record,
    before: bytes | None,
    warning: str | None = None,
    conflicts: tuple[Conflict, ...] = (),
) -> Change:
    """The change of a partnership written over ``old``: what differs, what undo needs."""
    return Change(
        action,
        pid,
        saved.partnership.name,
        saved.name,
        saved,
        warning,
        before,
        saved.digest,
        fields=changed_fields(old, saved.partnership),
        conflicts=conflicts,
    )


class Base(NamedTuple):
    """What a form opened with, for a three-way save: the partnership's record as read
    then, and how the advisor settled the clashes found so far (field path -> choice)."""

    record: Record
    settled: Mapping[str, Settled] = {}  # (one dict for all: read-only, as its type says)

    def settling(self, choices: Mapping[str, Settled]) -> Base:
        """This base with more clashes settled."""
        return Base(self.record, {**self.settled, **choices})


class ClashError(StoreError):
    """Fields the form changed were changed differently on disk meanwhile; nothing was
    written. ``clashes``: each field with the form's value (ours) and the file's (theirs)."""

    def __init__(self, name: str, file: str, clashes: tuple[Conflict, ...]) -> None:
        super().__init__("change.clash", name=name, file=file, count=len(clashes))
        self.clashes = clashes


class GoneError(StoreError):
    """The partnership a change was for is no longer readable: deleted or broken outside.

    ``name`` is its name when last read; ``broken`` tells which of the two.
    """

    def __init__(self, name: str, file: str, *, broken: bool) -> None:
        key = "error.broken_elsewhere" if broken else "error.deleted_elsewhere"
        super().__init__(key, name=name, file=file)
        self.name = name
        self.file = file
        self.broken = broken


#: Parts of a partnership that every change touches, so they say nothing about it.
_BOOKKEEPING = {"updated", "classification.updated", "classification.by"}
#: Tables whose changes are named one level down (``classification.primary``).
_NAMED_BELOW = {"classification", "perspectives"}


def changed_fields(before: Partnership | None, after: Partnership | None) -> tuple[str, ...]:
    """The fields that differ between two versions, as paths (``stage``,
    ``classification.primary``, ``classification.deliver.comment``, ``notes``)."""
    if before is None or after is None:
        return ()
    from samenwerk_tui.store import codec  # (a form's save: not needed to start)

    old, new = codec.to_document(before), codec.to_document(after)
    out: list[str] = []
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if key in _BOOKKEEPING or a == b:
            continue
        if key in _NAMED_BELOW and isinstance(a, dict | None) and isinstance(b, dict | None):
            inner_a, inner_b = a or {}, b or {}
            for sub in [*inner_b, *(k for k in inner_a if k not in inner_b)]:
                path = f"{key}.{sub}"
                x, y = inner_a.get(sub), inner_b.get(sub)
                if path in _BOOKKEEPING or x == y:
                    continue
                if isinstance(x, dict) and isinstance(y, dict):  # a type's score or comment
                    out += [f"{path}.{k}" for k in [*y, *(k for k in x if k not in y)]
                            if x.get(k) != y.get(k)]  # fmt: skip
                else:
                    out.append(path)
        else:
            out.append(key)
    return tuple(out)


class Refresh:
    """What a re-read of the folder found changed."""

    __slots__ = ("changed", "removed", "problems_changed")

    def __init__(self) -> None:
        self.changed: set[str] = set()  # ids updated or added
        self.removed: set[str] = set()  # ids gone
        self.problems_changed = False

    def __repr__(self) -> str:
        return f"Refresh({self.changed!r}, {self.removed!r}, {self.problems_changed!r})"

    @property
    def any(self) -> bool:
        return bool(self.changed or self.removed or self.problems_changed)


__all__ = [
    "MERGED",
    "REAPPLIED",
    "Base",
    "Change",
    "ClashError",
    "Edit",
    "GoneError",
    "Refresh",
    "Settled",
    "changed_fields",
]
