"""Settling a recorded conflict: keep our value, or take theirs.

The merge kept our value and wrote ``[[conflicts]]`` with both. Keeping ours only removes
the entry; taking theirs writes their value back at the field's path (a dotted path whose
keyed-list segments name a note or assessment id, or a party's name) and removes the
entry. Works on the codec's document, so unknown fields resolve the same way.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from samenwerk_tui.domain.model import Conflict, DomainError, Partnership, utc_now
from samenwerk_tui.domain.text import fold
from samenwerk_tui.gitsync.merge import KEYED_LISTS, split_path
from samenwerk_tui.store import codec


def settle(p: Partnership, index: int, side: str) -> Partnership:
    """``p`` with conflict ``index`` settled by ``side`` ("ours" or "theirs")."""
    if not 0 <= index < len(p.conflicts):
        raise DomainError("git.resolve.no_conflict", index=index)
    conflict = p.conflicts[index]
    doc = codec.to_document(p)
    if side == "theirs":
        _assign(doc, split_path(conflict.field), conflict.theirs)
    elif side != "ours":
        raise DomainError("git.resolve.bad_side", side=side)
    doc["conflicts"] = [c for i, c in enumerate(doc.get("conflicts", [])) if i != index]
    if not doc["conflicts"]:
        del doc["conflicts"]
    try:
        settled = codec.from_document(doc)
    except Exception as exc:  # noqa: BLE001 - their value no longer fits: say so
        raise DomainError("git.resolve.invalid", field=conflict.field) from exc
    return settled.replace(updated=utc_now())  # settling is a change like any other


def _by_id(item: dict[str, Any]) -> str:
    return str(item.get("id"))


def _assign(doc: dict[str, Any], segments: list[str], value: Any) -> None:
    current: Any = doc
    pattern = ""
    for segment in segments[:-1]:
        if isinstance(current, dict):
            if segment not in current:
                if value is None:
                    return
                current[segment] = {}
            current = current[segment]
            pattern = segment if not pattern else f"{pattern}.{segment}"
        elif isinstance(current, list):
            keyer = KEYED_LISTS.get(pattern.split(".")[0], _by_id)
            wanted = fold(segment).strip() if pattern == "parties" else segment
            found = [item for item in current if keyer(item) == wanted]
            if not found:
                raise DomainError("git.resolve.gone", field=".".join(segments))
            current = found[0]
            pattern = f"{pattern}.*"
        else:
            raise DomainError("git.resolve.gone", field=".".join(segments))
    last = segments[-1]
    if not isinstance(current, dict):
        raise DomainError("git.resolve.gone", field=".".join(segments))
    if value is None:
        current.pop(last, None)
    else:
        current[last] = value


def settle_by_content(
    p: Partnership, conflict: Conflict, side: str, value: str | None = None
) -> Partnership:
    """``p`` with ``conflict`` settled by ``side``, or with ``value`` the user typed.

    The entry is found by its content, not its position, so a file that changed
    meanwhile never gets the wrong entry settled; if it is no longer there (settled
    elsewhere), :class:`DomainError` says so. A typed ``value`` takes the place of
    "theirs" and is then taken, so it lands at the field's path like their value would.
    """
    index = next((i for i, c in enumerate(p.conflicts) if c == conflict), None)
    if index is None:
        raise DomainError("git.resolve.settled_elsewhere", field=conflict.field)
    if value is None:
        return settle(p, index, side)
    typed = dataclasses.replace(conflict, theirs=value)
    swapped = tuple(typed if i == index else c for i, c in enumerate(p.conflicts))
    return settle(p.replace(conflicts=swapped), index, "theirs")
