"""Pure edits of a partnership: each returns a new, validated value.

The services apply these to the version on disk; if the file changed meanwhile, the same
edit is applied again to the newer version, so nobody's change is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypedDict

from samenwerk_tui.domain.model import (
    Classification,
    DomainError,
    Note,
    Partnership,
    Party,
    Perspective,
    TypeScore,
    check_perspective_score,
    check_type_score,
    clean_block,
    clean_name,
    normalize_tags,
    to_utc,
    utc_now,
    validate,
)
from samenwerk_tui.domain.text import new_id, normalize_line
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage

UNSET: object = object()


class PartnershipEdit(TypedDict, total=False):
    """The fields :func:`edit` changes; a field left out is left as it is."""

    name: str
    summary: str
    stage: Stage
    tags: Iterable[str]
    add_tags: Iterable[str]
    remove_tags: Iterable[str]
    parties: Iterable[Party]


class ClassificationEdit(TypedDict, total=False):
    """What :func:`classify` changes; ``primary=None`` clears the primary type."""

    primary: AgreementType | None
    scores: Mapping[AgreementType, int]
    comments: Mapping[AgreementType, str]
    rationale: str


class NoteFields(TypedDict, total=False):
    """The optional parts of a new note (:func:`add_note`)."""

    note_type: AgreementType | None
    tags: Iterable[str]


def new_partnership(
    name: str,
    *,
    summary: str = "",
    stage: Stage = Stage.EXPLORE,
    tags: Iterable[str] = (),
    parties: Iterable[Party] = (),
    now: datetime | None = None,
    pid: str | None = None,
) -> Partnership:
    when = _when(now)
    p = Partnership(
        id=pid or new_id(12),
        name=clean_name(name),
        created=when,
        updated=when,
        stage=stage,
        tags=normalize_tags(tags),
        summary=clean_block(summary),
        parties=tuple(clean_party(x) for x in parties),
    )
    validate(p)
    return p


def clean_party(party: Party) -> Party:
    name = normalize_line(party.name)
    if not name:
        raise DomainError("error.empty_party")
    return Party(name=name, role=normalize_line(party.role), extra=dict(party.extra))


def parse_party(spec: str) -> Party:
    """``"Philips:co-principal"`` -> Party; the role is optional."""
    name, _, role = spec.partition(":")
    return clean_party(Party(name=name, role=role))


def edit(
    p: Partnership,
    *,
    name: str | None = None,
    summary: str | None = None,
    stage: Stage | None = None,
    tags: Iterable[str] | None = None,
    add_tags: Iterable[str] = (),
    remove_tags: Iterable[str] = (),
    parties: Iterable[Party] | None = None,
) -> Partnership:
    """Change the basic fields; only those given are touched."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = clean_name(name)
    if summary is not None:
        changes["summary"] = clean_block(summary)
    if stage is not None:
        changes["stage"] = stage
    current = set(p.tags if tags is None else normalize_tags(tags))
    current |= set(normalize_tags(add_tags))
    current -= set(normalize_tags(remove_tags))
    if current != set(p.tags):
        changes["tags"] = current
    if parties is not None:
        changes["parties"] = tuple(clean_party(x) for x in parties)
    # A value set to what it already is is no change: it must not bump ``updated`` (and
    # so rewrite the file and dirty git).
    changes = {k: v for k, v in changes.items() if k == "tags" or getattr(p, k) != v}
    return _touch(p, **changes) if changes else p


def classify(
    p: Partnership,
    *,
    by: str,
    primary: AgreementType | None | object = UNSET,
    scores: Mapping[AgreementType, int] | None = None,
    comments: Mapping[AgreementType, str] | None = None,
    rationale: str | None = None,
    now: datetime | None = None,
) -> Partnership:
    """Set any part of the classification; ``primary=None`` clears the primary type."""
    c = p.classification
    new_scores = dict(c.scores)
    for t, score in (scores or {}).items():
        old = c.score(t)
        new_scores[t] = TypeScore(check_type_score(score), old.comment, old.extra)
    for t, comment in (comments or {}).items():
        old = new_scores.get(t, TypeScore())
        new_scores[t] = TypeScore(old.score, clean_block(comment), old.extra)
    new_primary = c.primary if primary is UNSET else primary
    if new_primary is not None and not isinstance(new_primary, AgreementType):
        raise DomainError("error.unknown_type", value=str(new_primary))
    new_c = Classification(
        primary=new_primary,
        rationale=c.rationale if rationale is None else clean_block(rationale),
        updated=c.updated,
        by=c.by,
        scores=new_scores,
        extra=dict(c.extra),
    )
    if new_c == c:
        return p
    when = _when(now)
    new_c = Classification(
        new_c.primary, new_c.rationale, when, normalize_line(by), new_c.scores, new_c.extra
    )
    return _touch(p, now=when, classification=new_c)


def add_note(
    p: Partnership,
    text: str,
    *,
    author: str,
    note_type: AgreementType | None = None,
    tags: Iterable[str] = (),
    now: datetime | None = None,
    note_id: str | None = None,
) -> tuple[Partnership, Note]:
    body = clean_block(text)
    if not body:
        raise DomainError("error.empty_note")
    when = _when(now)
    existing = {n.id for n in p.notes}
    nid = note_id or new_id(8)
    while nid in existing:
        nid = new_id(8)
    note = Note(nid, when, normalize_line(author), body, note_type, normalize_tags(tags))
    return _touch(p, now=when, notes=(*p.notes, note)), note


def edit_note(
    p: Partnership,
    note_id: str,
    *,
    text: str | None = None,
    note_type: AgreementType | None | object = UNSET,
    tags: Iterable[str] | None = None,
    now: datetime | None = None,
) -> Partnership:
    """Correct a note: its id, author and ``created`` stay, ``edited`` says when.

    Only the parts given change; a correction that changes nothing returns ``p``.
    """
    note = next((n for n in p.notes if n.id == note_id), None)
    if note is None:
        raise DomainError("error.no_such_note", value=note_id)
    body = note.text if text is None else clean_block(text)
    if not body:
        raise DomainError("error.empty_note")
    new_type = note.type if note_type is UNSET else note_type
    if new_type is not None and not isinstance(new_type, AgreementType):
        raise DomainError("error.unknown_type", value=str(new_type))
    new_tags = note.tags if tags is None else normalize_tags(tags)
    if (body, new_type, new_tags) == (note.text, note.type, note.tags):
        return p
    when = _when(now)
    corrected = dataclasses.replace(note, text=body, type=new_type, tags=new_tags, edited=when)
    notes = tuple(corrected if n.id == note_id else n for n in p.notes)
    return _touch(p, now=when, notes=notes)


def remove_note(p: Partnership, note_id: str) -> Partnership:
    notes = tuple(n for n in p.notes if n.id != note_id)
    if len(notes) == len(p.notes):
        raise DomainError("error.no_such_note", value=note_id)
    return _touch(p, notes=notes)


def set_perspective(
    p: Partnership, name: PerspectiveName, score: int | None, comment: str | None = None
) -> Partnership:
    """Score one perspective (1-5); ``score=None`` removes the assessment."""
    perspectives = dict(p.perspectives)
    if score is None:
        if name not in perspectives:
            return p
        del perspectives[name]
    else:
        old = perspectives.get(name)
        perspectives[name] = Perspective(
            check_perspective_score(score),
            clean_block(comment) if comment is not None else (old.comment if old else ""),
            dict(old.extra) if old else {},
        )
        if perspectives[name] == old:
            return p
    return _touch(p, perspectives=perspectives)


def _when(now: datetime | None) -> datetime:
    """``now`` as stored (UTC, whole seconds), so a saved value loads back equal."""
    return utc_now() if now is None else to_utc(now)


def _touch(p: Partnership, *, now: datetime | None = None, **changes: Any) -> Partnership:
    new = p.replace(updated=_when(now), **changes)
    validate(new)
    return new
