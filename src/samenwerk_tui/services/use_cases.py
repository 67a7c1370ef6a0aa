"""The changes an advisor makes, by name: edit, classify, note, perspective.

Each names one edit of :mod:`samenwerk_tui.domain.edits` and saves it through
:meth:`~samenwerk_tui.services.session.Session.update` (no blind overwrite, undoable, one
:class:`~.changes.Change`). ``base`` is what the form making the change opened with: given,
the save is three-way (:mod:`.threeway`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from samenwerk_tui.domain.types import PerspectiveName
from samenwerk_tui.services.changes import Base, Change, Edit

if TYPE_CHECKING:  # (the edits, and with them the model's classes, come with the first)
    from samenwerk_tui.domain.edits import ClassificationEdit, NoteFields, PartnershipEdit
    from samenwerk_tui.domain.model import Partnership


class UseCases:
    """The named changes; the class using this provides ``author`` and ``update``."""

    author: str

    def update(
        self, pid: str, edit: Edit, action: str = "edited", *, base: Base | None = None
    ) -> Change:
        raise NotImplementedError

    def edit(
        self, pid: str, *, base: Base | None = None, **fields: Unpack[PartnershipEdit]
    ) -> Change:
        """Change name, summary, stage, tags or parties (only the fields given)."""
        from samenwerk_tui.domain import edits

        return self.update(pid, lambda p: edits.edit(p, **fields), "edited", base=base)

    def classify(
        self, pid: str, *, base: Base | None = None, **fields: Unpack[ClassificationEdit]
    ) -> Change:
        """Change the classification, signed by this session's author."""
        from samenwerk_tui.domain import edits

        return self.update(
            pid, lambda p: edits.classify(p, by=self.author, **fields), "classified", base=base
        )

    def add_note(
        self, pid: str, text: str, *, base: Base | None = None, **fields: Unpack[NoteFields]
    ) -> Change:
        """Add a dated note by this session's author."""
        from samenwerk_tui.domain import edits

        def add(p: Partnership) -> Partnership:
            return edits.add_note(p, text, author=self.author, **fields)[0]

        return self.update(pid, add, "noted", base=base)

    def edit_note(
        self,
        pid: str,
        note_id: str,
        text: str | None = None,
        *,
        base: Base | None = None,
        **fields: Unpack[NoteFields],
    ) -> Change:
        """Correct a note (its text, type or tags); its id and ``created`` stay."""
        from samenwerk_tui.domain import edits

        def correct(p: Partnership) -> Partnership:
            return edits.edit_note(p, note_id, text=text, **fields)

        return self.update(pid, correct, "note_edited", base=base)

    def delete_note(self, pid: str, note_id: str, *, base: Base | None = None) -> Change:
        """Remove one note (undoable, like every change)."""
        from samenwerk_tui.domain import edits

        return self.update(pid, lambda p: edits.remove_note(p, note_id), "note_deleted", base=base)

    def set_perspective(
        self,
        pid: str,
        name: PerspectiveName,
        score: int | None,
        comment: str | None = None,
        *,
        base: Base | None = None,
    ) -> Change:
        """Score one of the five perspectives (``score=None`` removes it)."""
        from samenwerk_tui.domain import edits

        return self.update(
            pid, lambda p: edits.set_perspective(p, name, score, comment), "perspective", base=base
        )
