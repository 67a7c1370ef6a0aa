"""The partnership file format, schema 1: the only place that knows it.

``encode`` turns a :class:`Partnership` into the canonical bytes; ``decode`` turns bytes
back into a partnership or raises :class:`FormatError` with line, column and reason.
Field order is fixed; unknown keys and tables follow in their original order.
Reading a parsed document field by field is :mod:`.document`'s, and finding the line and
column of a bad field in the text is :mod:`.locate`'s; both serve this module only.
"""

from __future__ import annotations

import codecs
import re
import tomllib
import unicodedata
from datetime import date, datetime, time
from typing import Any

from samenwerk_tui.domain.model import (
    SCHEMA,
    Assessment,
    Classification,
    Conflict,
    DomainError,
    Note,
    Partnership,
    normalize_tags,
    sort_notes,
    to_utc,
    validate,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.store import lean, parser
from samenwerk_tui.store.document import PERSPECTIVES_EXTRA, FieldError, from_document
from samenwerk_tui.store.locate import locate
from samenwerk_tui.store.toml_reasons import slip_key
from samenwerk_tui.store.toml_writer import InlineTable, dumps

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_END = re.compile(r"\(at end of document\)")
_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
_LONG_KEY = re.compile(r"""(?:\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*){128}""")
_DEEP = re.compile(r"(?:[\[{]\s*){32}")
_OPENING = re.compile(r"^<{7}(\s|$)", re.MULTILINE)
_CLOSING = re.compile(r"^>{7}(\s|$)", re.MULTILINE)


class FormatError(SamenwerkError):
    """A file that cannot be read as a partnership. ``key``/``params`` name the reason."""

    def __init__(self, key: str, params: dict[str, Any], line: int = 1, column: int = 1) -> None:
        super().__init__(key, **params)
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"{self.key} (line {self.line}, column {self.column}) {self.params}"


# --------------------------------------------------------------------------- writing

_TYPE_VALUES = frozenset(t.value for t in AgreementType)


def to_document(p: Partnership) -> dict[str, Any]:
    """The ordered TOML document for ``p``, normalised (UTC, NFC, LF)."""
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "id": p.id,
        "name": _text(p.name),
        "stage": p.stage.value,
        "tags": list(normalize_tags(p.tags)),
        "created": to_utc(p.created),
        "updated": to_utc(p.updated),
        "summary": _text(p.summary),
    }
    extras = {k: v for k, v in p.extra.items() if k != PERSPECTIVES_EXTRA}
    for key, value in extras.items():
        if not _is_table_like(value):
            doc[key] = value
    if p.parties:
        doc["parties"] = [
            {"name": _text(party.name), "role": _text(party.role), **party.extra}
            for party in p.parties
        ]
    doc["classification"] = _classification_doc(p.classification)
    perspectives: dict[str, Any] = {}
    for name in PerspectiveName:
        if name in p.perspectives:
            ps = p.perspectives[name]
            perspectives[name.value] = {
                "score": ps.score,
                "comment": _text(ps.comment),
                **ps.extra,
            }
    perspectives.update(p.extra.get(PERSPECTIVES_EXTRA, {}))
    if perspectives:
        doc["perspectives"] = perspectives
    if p.assessments:
        doc["assessments"] = [_assessment_doc(a) for a in p.assessments]
    if p.notes:
        doc["notes"] = [_note_doc(n) for n in sort_notes(p.notes)]
    if p.conflicts:
        doc["conflicts"] = [_conflict_doc(c) for c in p.conflicts]
    for key, value in extras.items():
        if _is_table_like(value):
            doc[key] = value
    return doc


def _is_table_like(value: Any) -> bool:
    if isinstance(value, dict) and not isinstance(value, InlineTable):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def _classification_doc(c: Classification) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.primary is not None:
        out["primary"] = c.primary.value
    out["rationale"] = _text(c.rationale)
    if c.updated is not None:
        out["updated"] = to_utc(c.updated)
    if c.by:
        out["by"] = _text(c.by)
    for key, value in c.extra.items():
        if not _is_table_like(value):
            out[key] = value
    for t in AgreementType:
        ts = c.score(t)
        out[t.value] = {"score": ts.score, "comment": _text(ts.comment), **ts.extra}
    for key, value in c.extra.items():
        if _is_table_like(value):
            out[key] = value
    return out


def _assessment_doc(a: Assessment) -> dict[str, Any]:
    return {
        "id": a.id,
        "at": to_utc(a.at),
        "by": _text(a.by),
        "answers": InlineTable(sorted(a.answers.items())),
        "scores": InlineTable(
            [(t.value, a.scores[t.value]) for t in AgreementType if t.value in a.scores]
            + [(k, v) for k, v in a.scores.items() if k not in _TYPE_VALUES]
        ),
        **a.extra,
    }


def _note_doc(n: Note) -> dict[str, Any]:
    out: dict[str, Any] = {"id": n.id, "created": to_utc(n.created), "author": _text(n.author)}
    if n.edited is not None:
        out["edited"] = to_utc(n.edited)
    if n.type is not None:
        out["type"] = n.type.value
    out["tags"] = list(normalize_tags(n.tags))
    out["text"] = _text(n.text)
    out.update(n.extra)
    return out


def _conflict_doc(c: Conflict) -> dict[str, Any]:
    out: dict[str, Any] = {"field": c.field}
    if c.ours is not None:
        out["ours"] = c.ours
    if c.theirs is not None:
        out["theirs"] = c.theirs
    out.update(c.extra)
    return out


def encode(p: Partnership) -> bytes:
    """Canonical file bytes for ``p``; checked by parsing them back before returning."""
    validate(p)
    document = to_document(p)
    text = dumps(document)
    if not _same(tomllib.loads(text), _plain(document)):
        raise DomainError("error.encode_mismatch", id=p.id)
    return text.encode("utf-8")


def _same(a: Any, b: Any) -> bool:
    """Equality as TOML sees it: ``nan`` equals ``nan`` (an unknown ``x = nan`` must save)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, bool) != isinstance(b, bool):  # ``true`` is not ``1``
        return False
    return bool(a == b)


def _plain(value: Any) -> Any:
    """``value`` as tomllib would return it (InlineTable -> dict, tuple -> list)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- reading


def decode_or_none(data: bytes | None) -> Partnership | None:
    """The partnership in ``data``, or None when it is absent or cannot be read."""
    if data is None:
        return None
    try:
        return decode(data)
    except FormatError:
        return None


def decode(data: bytes) -> Partnership:
    """Parse file bytes into a partnership, or raise :class:`FormatError`."""
    result = read(data)
    return result if isinstance(result, Partnership) else lean.unpack(result)


def read(data: bytes) -> Partnership | lean.Packed:
    """Like :func:`decode`, but a canonical file comes back packed (:mod:`.lean`).

    The fast parser and the lean checker read the common case; anything they do not
    fully understand (or any error) goes the full way with ``tomllib``, so a broken file
    is reported exactly as the full decoder reports it.
    """
    text = _utf8(data)
    try:
        raw = parser.loads_fast(text)
        if raw is not None and not _has_conflict(text):
            packed = lean.pack(raw)
            if packed is not None:
                return packed
        return _decode_text(text)
    except RecursionError:
        # Lists nested thousands deep (a hand-made or hostile file): one broken file,
        # not a crash that keeps the whole workspace from being listed.
        found = _DEEP.search(text)
        start = found.start() if found else 0
        line = text.count("\n", 0, start) + 1
        raise FormatError("broken.too_deep", {}, line, start - text.rfind("\n", 0, start)) from None


def _utf8(data: bytes) -> str:
    # Windows editors (Notepad, some IDEs) start a UTF-8 file with a byte-order mark;
    # it carries no content, so it is read past (the next save writes the file without).
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FormatError("broken.not_utf8", {}, line, column) from None


def _has_conflict(text: str) -> bool:
    """Both outer conflict markers at line starts (the substring test skips the regex)."""
    if "<<<<<<<" not in text:
        return False
    opening = _OPENING.search(text)
    return bool(opening and _CLOSING.search(text, opening.end()))


def _decode_text(text: str) -> Partnership:
    long_key = _LONG_KEY.search(text)
    if long_key is not None:
        # tomllib needs memory quadratic in a dotted key's length (10,000 parts: 400 MB).
        line = text.count("\n", 0, long_key.start()) + 1
        raise FormatError("broken.too_deep", {}, line, 1)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        marker = _MARKER.search(text)
        if marker:
            line = text.count("\n", 0, marker.start()) + 1
            raise FormatError("broken.conflict_markers", {}, line, 1) from None
        message = str(exc)
        found = _AT.search(message)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
        else:  # "(at end of document)": a truncated file; point at its last character
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
        reason = _AT_END.sub("", _AT.sub("", message)).strip()
        known = slip_key(reason)
        if known:  # said in the user's words; the parser's are English
            raise FormatError(known, {}, line, column) from None
        raise FormatError("broken.toml", {"reason": reason}, line, column) from None
    # A conflict inside one multi-line string still parses; a lone "=======" line in a
    # note (a Markdown heading) is not a conflict, so both outer markers must be present.
    if _has_conflict(text):
        opening = _OPENING.search(text)
        assert opening is not None
        line = text.count("\n", 0, opening.start()) + 1
        raise FormatError("broken.conflict_markers", {}, line, 1)
    try:
        return from_document(raw)
    except FieldError as exc:
        line, column = locate(text, exc.path)
        raise FormatError(
            exc.key, {"field": ".".join(exc.path), **exc.params}, line, column
        ) from None
    except DomainError as exc:
        raise FormatError(exc.key, exc.params, 1, 1) from None


def is_temporal(value: Any) -> bool:
    return isinstance(value, datetime | date | time)


__all__ = [
    "FormatError",
    "decode",
    "decode_or_none",
    "dumps",
    "encode",
    "from_document",
    "is_temporal",
    "locate",
    "read",
    "to_document",
]
