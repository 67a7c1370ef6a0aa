"""A partnership's fields named as an advisor reads them, for every front end.

Field paths are those of merge conflicts (``classification.deliver.comment``,
``notes.n7c2kd01.text``, ``parties."dr. jansen".role``) and of what a change changed
(``classification.primary``, ``perspectives.ambition``). The app's conflict screens and
notifications, ``show``, ``check`` and the exports all name fields and the ids a field
holds (a type, a stage) through here, in the language in use.
"""

from __future__ import annotations

from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage

_TYPES = {t.value for t in AgreementType}
_PERSPECTIVES = {p.value for p in PerspectiveName}
_STAGES = {s.value for s in Stage}


def field_path(field: str) -> list[str]:
    """A field path split into its segments (quoted parts kept whole)."""
    # Git support is imported with the first field named, not at start-up.
    from samenwerk_tui.gitsync.merge import split_path

    return split_path(field)


def field_label(field: str) -> str:
    """A field path as an advisor reads it ("Comment: Delivering …", "Note text")."""
    parts = field_path(field)
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


def value_name(field: str, value: Any) -> str | None:
    """The advisor's name for an id ``field`` holds (a type, a stage), else None."""
    if not isinstance(value, str):
        return None
    last = field_path(field)[-1]
    if last in ("primary", "type") and value in _TYPES:
        return i18n.type_name(value)
    if last == "stage" and value in _STAGES:
        return i18n.stage_name(value)
    return None
