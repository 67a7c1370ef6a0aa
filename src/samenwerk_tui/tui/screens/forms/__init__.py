"""The forms, one module per family: partnership, classification, note, conflict text,
perspectives.

Each form reads its fields into a frozen dataclass and posts its ``Submitted`` message to
the screen it was opened over, which saves (see :mod:`.base`).
"""

from samenwerk_tui.tui.screens.forms.base import FormScreen
from samenwerk_tui.tui.screens.forms.classification import ClassificationForm, ClassificationValues
from samenwerk_tui.tui.screens.forms.conflict import ConflictEditForm, ConflictText
from samenwerk_tui.tui.screens.forms.note import NoteForm, NoteValues
from samenwerk_tui.tui.screens.forms.partnership import PartnershipForm, PartnershipValues
from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm, PerspectiveValues

__all__ = [
    "ClassificationForm",
    "ClassificationValues",
    "ConflictEditForm",
    "ConflictText",
    "FormScreen",
    "NoteForm",
    "NoteValues",
    "PartnershipForm",
    "PartnershipValues",
    "PerspectiveValues",
    "PerspectivesForm",
]
