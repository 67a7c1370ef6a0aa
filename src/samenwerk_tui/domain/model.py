"""The partnership record and its parts, as immutable values.

Every object keeps the keys it does not know in ``extra`` (in file order), so a file
written by a newer version survives a rewrite by this one. Constructors do not validate;
:func:`validate` does, with a :class:`DomainError` that names the field. The rules that need
no class (the schema version, the limits, :class:`DomainError`, tag normalising) live in
:mod:`.rules` and are re-exported here: opening a workspace from the index cache uses them
without making this module's dataclasses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# The rules that need no class of the model live in .rules (imported without the model).
from samenwerk_tui.domain.rules import ANSWER_RANGE as ANSWER_RANGE
from samenwerk_tui.domain.rules import NAME_MAX as NAME_MAX
from samenwerk_tui.domain.rules import PERSPECTIVE_SCORE_RANGE as PERSPECTIVE_SCORE_RANGE
from samenwerk_tui.domain.rules import SCHEMA as SCHEMA
from samenwerk_tui.domain.rules import TYPE_SCORE_MAX as TYPE_SCORE_MAX
from samenwerk_tui.domain.rules import DomainError as DomainError
from samenwerk_tui.domain.rules import Extra as Extra
from samenwerk_tui.domain.rules import normalize_tag as normalize_tag
from samenwerk_tui.domain.rules import normalize_tags as normalize_tags
from samenwerk_tui.domain.text import normalize_line, normalize_text
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def to_utc(value: datetime) -> datetime:
    """Convert an aware datetime to UTC to the second; naive datetimes are refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError("error.naive_datetime", value=str(value))
    return value.astimezone(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Party:
    """An organisation taking part, with its role in the collaboration."""

    name: str
    role: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True)
class TypeScore:
    """How strongly one agreement type fits (0-5), with the advisor's comment."""

    score: int = 0
    comment: str = ""
    extra: Extra = field(default_factory=dict)


def _empty_scores() -> dict[AgreementType, TypeScore]:
    return {t: TypeScore() for t in AgreementType}


@dataclass(frozen=True)
class Classification:
    """The advisor's reading of the partnership against the four types."""

    primary: AgreementType | None = None
    rationale: str = ""
    updated: datetime | None = None
    by: str = ""
    scores: dict[AgreementType, TypeScore] = field(default_factory=_empty_scores)
    extra: Extra = field(default_factory=dict)

    def score(self, agreement_type: AgreementType) -> TypeScore:
        return self.scores.get(agreement_type, TypeScore())


@dataclass(frozen=True)
class Perspective:
    """One of the five perspectives, scored 1 (weak) to 5 (strong)."""

    score: int
    comment: str = ""
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True)
class Note:
    """A dated annotation by one author, optionally tied to a type.

    A correction keeps ``id`` and ``created`` and sets ``edited`` (None: never corrected).
    """

    id: str
    created: datetime
    author: str
    text: str
    type: AgreementType | None = None
    tags: tuple[str, ...] = ()
    extra: Extra = field(default_factory=dict)
    edited: datetime | None = None


@dataclass(frozen=True)
class Assessment:
    """One run of the diagnosis by one advisor; never edited afterwards."""

    id: str
    at: datetime
    by: str
    answers: dict[str, int] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    extra: Extra = field(default_factory=dict)


@dataclass(frozen=True)
class Conflict:
    """A field two people changed differently; a merge keeps ours and records both."""

    field: str
    ours: Any = None
    theirs: Any = None
    # ``dataclasses.field`` spelled out: the attribute ``field`` above shadows the name.
    extra: Extra = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Partnership:
    """One collaboration between several organisations: the unit of the workspace."""

    id: str
    name: str
    created: datetime
    updated: datetime
    stage: Stage = Stage.EXPLORE
    tags: tuple[str, ...] = ()
    summary: str = ""
    parties: tuple[Party, ...] = ()
    classification: Classification = field(default_factory=Classification)
    perspectives: dict[PerspectiveName, Perspective] = field(default_factory=dict)
    assessments: tuple[Assessment, ...] = ()
    notes: tuple[Note, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    extra: Extra = field(default_factory=dict)

    @property
    def primary(self) -> AgreementType | None:
        return self.classification.primary

    def replace(self, **changes: Any) -> Partnership:
        """A copy with ``changes`` applied (tags and notes re-sorted)."""
        if "tags" in changes:
            changes["tags"] = normalize_tags(changes["tags"])
        if "notes" in changes:
            changes["notes"] = sort_notes(changes["notes"])
        return dataclasses.replace(self, **changes)


def sort_notes(notes: Any) -> tuple[Note, ...]:
    return tuple(sorted(notes, key=lambda n: (n.created, n.id)))


def clean_name(name: str) -> str:
    """A validated display name: single line, trimmed, non-empty, at most 200 characters."""
    cleaned = normalize_line(name)
    if not cleaned:
        raise DomainError("error.empty_name")
    if len(cleaned) > NAME_MAX:
        raise DomainError("error.name_too_long", max=NAME_MAX)
    return cleaned


def check_type_score(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= TYPE_SCORE_MAX:
        raise DomainError("error.type_score_range", value=value, max=TYPE_SCORE_MAX)
    return value


def check_perspective_score(value: Any) -> int:
    low, high = PERSPECTIVE_SCORE_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError("error.perspective_score_range", value=value, low=low, high=high)
    return value


def validate(p: Partnership) -> None:
    """Raise :class:`DomainError` if ``p`` breaks a rule of schema 1."""
    if not (len(p.id) == 12 and p.id.isascii() and p.id.isalnum() and p.id.lower() == p.id):
        raise DomainError("error.bad_id", value=p.id)
    clean_name(p.name)
    for when in (p.created, p.updated):
        to_utc(when)
    if p.classification.updated is not None:
        to_utc(p.classification.updated)
    for agreement_type, ts in p.classification.scores.items():
        if not isinstance(agreement_type, AgreementType):
            raise DomainError("error.unknown_type", value=str(agreement_type))
        check_type_score(ts.score)
    for ps in p.perspectives.values():
        check_perspective_score(ps.score)
    seen: set[str] = set()
    for note in p.notes:
        if note.id in seen:
            raise DomainError("error.duplicate_note", value=note.id)
        seen.add(note.id)
        to_utc(note.created)
        if note.edited is not None:
            to_utc(note.edited)
    for assessment in p.assessments:
        to_utc(assessment.at)
        for answer in assessment.answers.values():
            if (
                isinstance(answer, bool)
                or not isinstance(answer, int)
                or not ANSWER_RANGE[0] <= answer <= ANSWER_RANGE[1]
            ):
                raise DomainError("error.answer_range", value=answer)


def clean_block(text: str) -> str:
    """Normalised multi-line text with surrounding blank lines removed."""
    return normalize_text(text).strip("\n ")
