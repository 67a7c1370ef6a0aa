"""What the main screen saves when one of its forms is submitted.

Each function turns a form's frozen values into one pure edit and hands it back to the
form (:meth:`~.forms.base.FormScreen.save_edit`), which saves it three-way onto the file
as it is now, asks about clashes, and keeps what was typed if the partnership vanished.
"""

from __future__ import annotations

from textual.message import Message

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Note, Partnership
from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.screens.forms import ClassificationForm, NoteForm, PartnershipForm
from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm
from samenwerk_tui.tui.state import AppState


def partnership_submitted(event: PartnershipForm.Submitted) -> None:
    """A new partnership is created; an edit saves the fields the form changed."""
    form, values = event.form, event.values
    if form.pid is None:
        form.save(lambda s: s.create(values.new_partnership()))
        return
    changes = values.changes_from(form.start)
    form.save_edit("edited", lambda p: edits.edit(p, **changes))


def classification_submitted(state: AppState, event: ClassificationForm.Submitted) -> None:
    """The scores, comments, primary type and rationale the form changed, signed."""
    form = event.form
    changes = event.values.changes_from(form.start)
    author = state.session.author
    form.save_edit("classified", lambda p: edits.classify(p, by=author, **changes))


def note_submitted(state: AppState, event: NoteForm.Submitted) -> None:
    """A new note by this advisor, or the correction of the note the form opened on."""
    form, values = event.form, event.values
    author = state.session.author
    note = form.note
    if note is None:

        def add(p: Partnership) -> Partnership:
            return edits.add_note(p, values.text, author=author, **values.fields())[0]

        form.save_edit("noted", add)
        return
    changes = values.changes_from(note)
    form.save_edit("note_edited", lambda p: edits.edit_note(p, note.id, **changes))


def perspectives_submitted(event: PerspectivesForm.Submitted) -> None:
    """The perspectives the form changed (scores and comments), nothing else."""
    form = event.form
    edit = event.values.edit_from(form.start)
    form.save_edit("perspective", edit if edit is not None else _unchanged)


def submitted(state: AppState, event: Message) -> None:
    """Whichever of the main screen's forms was submitted: what it saves."""
    if isinstance(event, PartnershipForm.Submitted):
        partnership_submitted(event)
    elif isinstance(event, ClassificationForm.Submitted):
        classification_submitted(state, event)
    elif isinstance(event, NoteForm.Submitted):
        note_submitted(state, event)
    elif isinstance(event, PerspectivesForm.Submitted):
        perspectives_submitted(event)


def _unchanged(p: Partnership) -> Partnership:
    return p


def note_of(record: Record | None, note_id: str) -> Note | None:
    """The note ``note_id`` of ``record``, if both are still there."""
    if record is None:
        return None
    return next((n for n in record.partnership.notes if n.id == note_id), None)
