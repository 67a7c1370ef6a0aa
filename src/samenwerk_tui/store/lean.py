"""The lean read path: a canonical partnership document checked and packed in one pass.

:func:`codec.from_document` builds about fifteen frozen objects per file and reports the
exact field of any mistake; at 10,000 files that alone takes seconds. Most files are
canonical (written by the codec, only known keys, exact types), and for those this module
checks every value with the same rules and packs the result into plain tuples of
``str``/``int``/``None`` (datetimes as UTC epoch seconds). A packed file costs no objects
until someone needs its model (:func:`unpack`), and it ``marshal``-s into the index cache.

The contract, proven by ``tests/store/test_lean.py``: :func:`pack` returns None for
anything it does not fully understand (unknown keys, unusual types, any doubt), and for
everything else ``unpack(pack(raw)) == codec.from_document(raw)``. So a file that
``from_document`` rejects is never packed: the caller falls back to the full decoder, which
reports it exactly as before.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from samenwerk_tui.domain.query import Facets
from samenwerk_tui.domain.rules import NAME_MAX, SCHEMA, normalize_tags
from samenwerk_tui.domain.text import fold, normalize_line
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Partnership

#: A packed partnership: nested tuples of str/int/None (see :func:`pack` for the layout).
Packed = tuple[Any, ...]

_ID = re.compile(r"[a-z0-9]{12}")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Datetimes a day away from the ends of ``datetime``'s range go the full way, which knows
# how to report (or overflow on) them; these bounds keep :func:`unpack` from ever failing.
_FIRST = int((datetime(1, 1, 2, tzinfo=UTC) - _EPOCH).total_seconds())
_LAST = int((datetime(9999, 12, 30, tzinfo=UTC) - _EPOCH).total_seconds())
_STAGES = {s.value: s for s in Stage}
_TYPES = {t.value: t for t in AgreementType}
_TYPE_ORDER = tuple(AgreementType)
_PERSPECTIVES = {p.value: p for p in PerspectiveName}
_TOP = frozenset(
    ("schema", "id", "name", "stage", "tags", "created", "updated", "summary", "parties")
    + ("classification", "perspectives", "assessments", "notes", "conflicts")
)
_CLASSIFICATION = frozenset(("primary", "rationale", "updated", "by", *_TYPES))
_SCORE_KEYS = frozenset(("score", "comment"))
_PARTY_KEYS = frozenset(("name", "role"))
_ASSESSMENT_KEYS = frozenset(("id", "at", "by", "answers", "scores"))
_NOTE_KEYS = frozenset(("id", "created", "author", "edited", "type", "tags", "text"))
_CONFLICT_KEYS = frozenset(("field", "ours", "theirs"))


class _NotLean(Exception):
    """The document needs the full decoder (unusual, or wrong)."""


def pack(raw: dict[str, Any]) -> Packed | None:
    """Check a parsed document and pack it, or None if the full decoder must decide.

    Layout: ``(id, name, stage, tags, created, updated, summary, parties, classification,
    perspectives, assessments, notes, conflicts)`` with ``parties`` as ``(name, role)``
    pairs, ``classification`` as ``(primary, rationale, updated, by, ((score, comment)×4))``,
    ``perspectives`` as ``(name, score, comment)``, ``assessments`` as ``(id, at, by,
    answers, scores)`` (answers and scores as key/value pairs), ``notes`` as ``(id, created,
    author, text, type, tags, edited)`` sorted like the model, ``conflicts`` as ``(field, ours,
    theirs)``. Datetimes are UTC epoch seconds; types and stages their ``value``.
    """
    try:
        return _pack(raw)
    except _NotLean:
        return None
    except Exception:  # anything surprising: the full decoder decides, as before
        return None


def _pack(raw: dict[str, Any]) -> Packed:
    if not _TOP.issuperset(raw):
        raise _NotLean
    schema = raw.get("schema")
    if type(schema) is not int or schema != SCHEMA:
        raise _NotLean
    pid = _text(raw, "id", required=True)
    if not _ID.fullmatch(pid):
        raise _NotLean
    name = _text(raw, "name", required=True)
    cleaned = normalize_line(name)
    if not cleaned or len(cleaned) > NAME_MAX:
        raise _NotLean
    stage = _text(raw, "stage", default=Stage.EXPLORE.value)
    if stage not in _STAGES:
        raise _NotLean
    notes = tuple(sorted((_note(item) for item in _tables(raw, "notes")), key=_note_order))
    if len({n[0] for n in notes}) != len(notes):
        raise _NotLean
    return (
        pid,
        name,
        stage,
        _tags(raw),
        _time(raw, "created", required=True),
        _time(raw, "updated", required=True),
        _text(raw, "summary"),
        tuple(_party(item) for item in _tables(raw, "parties")),
        _classification(raw.get("classification", {})),
        _perspectives(raw.get("perspectives", {})),
        tuple(_assessment(item) for item in _tables(raw, "assessments")),
        notes,
        tuple(_conflict(item) for item in _tables(raw, "conflicts")),
    )


def _note_order(note: tuple[Any, ...]) -> tuple[int, str]:
    return note[1], note[0]


def _text(table: dict[str, Any], key: str, *, required: bool = False, default: str = "") -> str:
    value = table.get(key)
    if value is None:
        if required or key in table:
            raise _NotLean
        return default
    if type(value) is not str or "\r" in value:
        raise _NotLean
    return value


def _time(table: dict[str, Any], key: str, *, required: bool = False) -> int | None:
    value = table.get(key)
    if value is None and not required and key not in table:
        return None
    if type(value) is not datetime or value.tzinfo is None or value.utcoffset() is None:
        raise _NotLean
    if value.microsecond:
        value = value.replace(microsecond=0)
    seconds = int(value.timestamp())
    if not _FIRST <= seconds <= _LAST:
        raise _NotLean
    return seconds


def _int(table: dict[str, Any], key: str, low: int, high: int) -> int:
    value = table.get(key)
    if type(value) is not int or not low <= value <= high:
        raise _NotLean
    return value


def _tables(table: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if type(value) is not list or not all(type(v) is dict for v in value):
        raise _NotLean
    return value


def _tags(table: dict[str, Any]) -> tuple[str, ...]:
    value = table.get("tags", [])
    if type(value) is not list or not all(type(v) is str for v in value):
        raise _NotLean
    tags = tuple(value)
    if all(_plain_tag(t) for t in tags) and all(
        a < b for a, b in zip(tags, tags[1:], strict=False)
    ):
        return tags  # already what normalize_tags would make of it
    return normalize_tags(tags)


def _plain_tag(tag: str) -> bool:
    return (
        bool(tag)
        and tag.isascii()
        and tag.isprintable()
        and " " not in tag
        and tag.islower()
        and not tag.startswith("#")
    )


def _party(item: dict[str, Any]) -> tuple[str, str]:
    if not _PARTY_KEYS.issuperset(item):
        raise _NotLean
    return _text(item, "name", required=True), _text(item, "role")


def _classification(raw: Any) -> tuple[Any, ...]:
    if type(raw) is not dict or not _CLASSIFICATION.issuperset(raw):
        raise _NotLean
    primary = raw.get("primary")
    if primary is not None and (type(primary) is not str or primary not in _TYPES):
        raise _NotLean
    scores = []
    for agreement_type in _TYPE_ORDER:
        sub = raw.get(agreement_type.value, {})
        if type(sub) is not dict or not _SCORE_KEYS.issuperset(sub):
            raise _NotLean
        score = _int(sub, "score", 0, 5) if "score" in sub else 0
        scores.append((score, _text(sub, "comment")))
    return (
        primary,
        _text(raw, "rationale"),
        _time(raw, "updated"),
        _text(raw, "by"),
        tuple(scores),
    )


def _perspectives(raw: Any) -> tuple[tuple[str, int, str], ...]:
    if type(raw) is not dict:
        raise _NotLean
    out = []
    for key, value in raw.items():
        if key not in _PERSPECTIVES or type(value) is not dict:
            raise _NotLean
        if not _SCORE_KEYS.issuperset(value):
            raise _NotLean
        out.append((key, _int(value, "score", 1, 5), _text(value, "comment")))
    return tuple(out)


def _pairs(raw: Any, low: int, high: int) -> tuple[tuple[str, int], ...]:
    if type(raw) is not dict:
        raise _NotLean
    for value in raw.values():
        if type(value) is not int or not low <= value <= high:
            raise _NotLean
    return tuple(raw.items())


def _assessment(item: dict[str, Any]) -> tuple[Any, ...]:
    if not _ASSESSMENT_KEYS.issuperset(item):
        raise _NotLean
    return (
        _text(item, "id", required=True),
        _time(item, "at", required=True),
        _text(item, "by"),
        _pairs(item.get("answers", {}), 1, 5),
        _pairs(item.get("scores", {}), -(2**63), 2**63 - 1),
    )


def _note(item: dict[str, Any]) -> tuple[Any, ...]:
    if not _NOTE_KEYS.issuperset(item):
        raise _NotLean
    note_type = item.get("type")
    if note_type is not None and (type(note_type) is not str or note_type not in _TYPES):
        raise _NotLean
    return (
        _text(item, "id", required=True),
        _time(item, "created", required=True),
        _text(item, "author"),
        _text(item, "text"),
        note_type,
        _tags(item),
        _time(item, "edited"),
    )


def _conflict(item: dict[str, Any]) -> tuple[str, str | None, str | None]:
    if not _CONFLICT_KEYS.issuperset(item):
        raise _NotLean
    ours, theirs = item.get("ours"), item.get("theirs")
    if not (ours is None or type(ours) is str) or not (theirs is None or type(theirs) is str):
        raise _NotLean
    return _text(item, "field", required=True), ours, theirs


# --------------------------------------------------------------------------- reading back


def _when(seconds: int) -> datetime:
    # Arithmetic, not ``fromtimestamp``: that refuses dates before 1970 on Windows.
    return _EPOCH + timedelta(seconds=seconds)


def unpack(packed: Packed) -> Partnership:
    """The model of a packed file (equal to what ``codec.from_document`` builds)."""
    # The model's classes come with the first model built, not with every start.
    from samenwerk_tui.domain.model import (
        Assessment,
        Classification,
        Conflict,
        Note,
        Partnership,
        Party,
        Perspective,
        TypeScore,
    )

    (pid, name, stage, tags, created, updated, summary, parties, cls, perspectives,
     assessments, notes, conflicts) = packed  # fmt: skip
    primary, rationale, cls_updated, by, scores = cls
    return Partnership(
        id=pid,
        name=name,
        stage=_STAGES[stage],
        tags=tuple(tags),
        created=_when(created),
        updated=_when(updated),
        summary=summary,
        parties=tuple(Party(n, r, {}) for n, r in parties),
        classification=Classification(
            primary=None if primary is None else _TYPES[primary],
            rationale=rationale,
            updated=None if cls_updated is None else _when(cls_updated),
            by=by,
            scores={t: TypeScore(s, c, {}) for t, (s, c) in zip(_TYPE_ORDER, scores, strict=True)},
            extra={},
        ),
        perspectives={_PERSPECTIVES[k]: Perspective(s, c, {}) for k, s, c in perspectives},
        assessments=tuple(
            Assessment(i, _when(at), b, dict(answers), dict(sc), {})
            for i, at, b, answers, sc in assessments
        ),
        notes=tuple(
            Note(
                i,
                _when(at),
                author,
                text,
                None if t is None else _TYPES[t],
                tuple(nt),
                {},
                None if edited is None else _when(edited),
            )
            for i, at, author, text, t, nt, edited in notes
        ),
        conflicts=tuple(Conflict(f, o, t, {}) for f, o, t in conflicts),
        extra={},
    )


def _divergent(rows: Any) -> bool:
    # Imported here: only assessments by two advisors or more need it (and not to open).
    from samenwerk_tui.domain.divergence import is_divergent_rows

    return is_divergent_rows(rows)


def facets(packed: Packed) -> Facets:
    """What the list and the filter need, without building the model."""
    primary = packed[8][0]
    return Facets(
        id=packed[0],
        name=packed[1],
        primary=None if primary is None else _TYPES[primary],
        stage=_STAGES[packed[2]],
        tags=tuple(packed[3]),
        parties=tuple(n for n, _ in packed[7]),
        conflicts=bool(packed[12]),
        scores=tuple(score for score, _ in packed[8][4]),
        updated=packed[5],
        divergent=len(packed[10]) > 1 and _divergent(packed[10]),
    )


def facets_row(f: Facets) -> tuple[Any, ...]:
    """Facets as plain values for the index cache (:func:`facets_from_row` reverses it)."""
    primary = None if f.primary is None else f.primary.value
    return (f.id, f.name, primary, f.stage.value, f.tags, f.parties, f.conflicts) + (
        f.scores,
        f.updated,
        f.divergent,
    )


def facets_from_row(row: tuple[Any, ...]) -> Facets:
    pid, name, primary, stage, tags, parties, conflicts, scores, updated, divergent = row
    return Facets(
        pid,
        name,
        None if primary is None else _TYPES[primary],
        _STAGES[stage],
        tuple(tags),
        tuple(parties),
        bool(conflicts),
        tuple(scores),
        updated,
        bool(divergent),
    )


def haystack(packed: Packed) -> str:
    """Same text as :func:`samenwerk_tui.domain.query.haystack` of the unpacked model."""
    parts = [packed[1], packed[6], *packed[3]]
    for party_name, role in packed[7]:
        parts += [party_name, role]
    for note in packed[11]:
        parts.append(note[3])
        parts += note[5]
    return fold("\n".join(parts))
