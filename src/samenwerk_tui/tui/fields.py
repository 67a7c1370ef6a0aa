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
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services.localtime import minute
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.chips import type_chip

_TYPES = {t.value for t in AgreementType}
_PERSPECTIVES = {p.value for p in PerspectiveName}
_STAGES = {s.value for s in Stage}


def _field_path(field: str) -> list[str]:
    # Git support is imported with the first field named, not with the app (start-up).
    from samenwerk_tui.services import git_session

    return git_session.field_path(field)


def field_label(field: str) -> str:
    """A field path as an advisor reads it ("Comment: Delivering …", "Note text")."""
    parts = _field_path(field)
    last = parts[-1]
    if len(parts) == 1 and i18n.has(f"tui.field.{last}"):
        return i18n.t(f"tui.field.{last}")
    if len(parts) == 1 and i18n.has(f"tui.field_more.{last}"):
        return i18n.t(f"tui.field_more.{last}")
    head = parts[0]
    if head == "classification" and len(parts) == 2 and i18n.has(f"tui.field.{last}"):
        return i18n.t(f"tui.field.{last}")
    if head == "classification" and len(parts) == 2 and last in _TYPES:
        return i18n.t("tui.field_more.type", type=i18n.type_label(last))
    if head == "classification" and len(parts) == 3 and parts[1] in _TYPES:
        return i18n.t(f"tui.field.type_{last}", type=i18n.type_name(parts[1]))
    if head == "perspectives" and len(parts) == 2 and last in _PERSPECTIVES:
        return i18n.t("tui.field_more.perspective", perspective=i18n.perspective_name(last))
    if head == "perspectives" and len(parts) == 3 and parts[1] in _PERSPECTIVES:
        name = i18n.perspective_name(parts[1])
        return i18n.t(f"tui.field.perspective_{last}", perspective=name)
    if head == "notes" and len(parts) == 3:
        return i18n.t("tui.field.note", field=last, id=parts[1])
    if head == "parties" and len(parts) == 3:
        return i18n.t("tui.field.party", field=last, party=parts[1])
    return field


def value_content(field: str, value: Any) -> Content:
    """One side's value, literally; an absent value says so."""
    if value is None:
        return Content.styled(i18n.t("tui.resolve.absent"), "italic $text-muted")
    last = _field_path(field)[-1]
    if isinstance(value, str) and last in ("primary", "type") and value in _TYPES:
        return type_chip(AgreementType(value)) + Content(" " + i18n.type_name(value))
    if isinstance(value, str) and last == "stage" and value in _STAGES:
        return Content(i18n.stage_name(value))
    if isinstance(value, bool):
        return Content(str(value).lower())
    if isinstance(value, datetime):
        return Content(minute(value))
    if isinstance(value, list):
        return content(", ".join(str(v) for v in value))
    if isinstance(value, dict):
        return content("\n".join(f"{k} = {v}" for k, v in value.items()), multiline=True)
    return content(str(value), multiline=True)
