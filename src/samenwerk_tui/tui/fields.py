"""A partnership's fields as an advisor reads them: a field path's label, a value shown.

Field paths are those of merge conflicts (``classification.deliver.comment``,
``notes.n7c2kd01.text``, ``parties."dr. jansen".role``) and of what a change changed
(``classification.primary``, ``perspectives.ambition``). The resolve screen, the clash
dialog and the notifications after a change all name fields through here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.content import Content

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.field_names import field_label, value_name
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.chips import type_chip

_TYPES = {t.value for t in AgreementType}

__all__ = ["both_sides", "field_label", "value_content"]


def value_content(field: str, value: Any) -> Content:
    """One side's value, literally; an absent value says so."""
    if value is None:
        return Content.styled(i18n.t("tui.resolve.absent"), "italic $text-muted")
    name = value_name(field, value)
    if name is not None and isinstance(value, str) and value in _TYPES:
        return type_chip(AgreementType(value)) + Content(" " + name)
    if name is not None:
        return Content(name)
    if isinstance(value, bool):
        return Content(str(value).lower())
    if isinstance(value, datetime):
        return Content(minute(value))
    if isinstance(value, list):
        return content(", ".join(str(v) for v in value))
    if isinstance(value, dict):
        return content("\n".join(f"{k} = {v}" for k, v in value.items()), multiline=True)
    return content(str(value), multiline=True)


def both_sides(
    field: str, ours: Any, theirs: Any, *, ours_title: str, theirs_title: str
) -> list[Content]:
    """Two values of one field under their titles, yours first (a clash, a conflict)."""
    return [
        Content.styled(ours_title, "bold $text-success"),
        value_content(field, ours),
        Content.styled(theirs_title, "bold $text-warning"),
        value_content(field, theirs),
    ]
