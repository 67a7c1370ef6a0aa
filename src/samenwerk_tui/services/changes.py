"""What every change to a session gives back, and what a re-read of the folder found.

Each mutation of :class:`~samenwerk_tui.services.session.Session` (create, edit,
classify, note, perspective, resolve, delete, undo) returns one :class:`Change`: the
record it left on disk, what happened, any warning for the user, and what undo needs.
Front ends describe a change from this one value, whatever made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samenwerk_tui.store.records import Record

#: The warning of a change applied to a newer version of its file: the file had changed
#: on disk since it was read, so the same edit was applied again to what is there now.
REAPPLIED = "change.reapplied"


@dataclass(frozen=True)
class Change:
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

    @property
    def reapplied(self) -> bool:
        """The file had changed on disk meanwhile and the edit went onto the newer version."""
        return self.warning == REAPPLIED


@dataclass
class Refresh:
    """What a re-read of the folder found changed."""

    changed: set[str] = field(default_factory=set)  # ids updated or added
    removed: set[str] = field(default_factory=set)  # ids gone
    problems_changed: bool = False

    @property
    def any(self) -> bool:
        return bool(self.changed or self.removed or self.problems_changed)
