"""The partnership file format, schema 1: the only place that knows it.

``encode`` turns a :class:`Partnership` into the canonical bytes; ``decode`` turns bytes
back into a partnership or raises :class:`FormatError` with line, column and reason.
Field order is fixed; unknown keys and tables follow in their original order.
"""

from __future__ import annotations

import codecs
import re
import tomllib
import unicodedata
from dataclasses import dataclass
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
    Party,
    Perspective,
    TypeScore,
    clean_name,
    normalize_tags,
    sort_notes,
    to_utc,
    validate,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store import lean, parser
from samenwerk_tui.store.toml_writer import InlineTable, dumps

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_AT_END = re.compile(r"\(at end of document\)")
_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)
_OPENING = re.compile(r"^<{7}(\s|$)", re.MULTILINE)
_CLOSING = re.compile(r"^>{7}(\s|$)", re.MULTILINE)

# Unknown perspective entries ride along in Partnership.extra under this key. A known
# top-level key never lands in ``extra`` otherwise, so no file can collide with it.
_PERSPECTIVES_EXTRA = "perspectives"


@dataclass
class FormatError(Exception):
    """A file that cannot be read as a partnership. ``key``/``params`` name the reason."""

    key: str
    params: dict[str, Any]
    line: int = 1
    column: int = 1

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
    extras = {k: v for k, v in p.extra.items() if k != _PERSPECTIVES_EXTRA}
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
    perspectives.update(p.extra.get(_PERSPECTIVES_EXTRA, {}))
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
    raw = parser.loads_fast(text)
    if raw is not None and not _has_conflict(text):
        packed = lean.pack(raw)
        if packed is not None:
            return packed
    return _decode_text(text)


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
    except _FieldError as exc:
        line, column = locate(text, exc.path)
        raise FormatError(
            exc.key, {"field": ".".join(exc.path), **exc.params}, line, column
        ) from None
    except DomainError as exc:
        raise FormatError(exc.key, exc.params, 1, 1) from None


class _FieldError(Exception):
    def __init__(self, path: list[str], key: str, **params: Any) -> None:
        super().__init__(key)
        self.path = path
        self.key = key
        self.params = params


_KNOWN_TOP = {
    "schema", "id", "name", "stage", "tags", "created", "updated", "summary",
    "parties", "classification", "perspectives", "assessments", "notes", "conflicts",
}  # fmt: skip


def from_document(raw: dict[str, Any]) -> Partnership:
    """Build a partnership from a parsed TOML document (raises on wrong shapes)."""
    schema = raw.get("schema")
    if type(schema) is not int or schema != SCHEMA:
        raise _FieldError(["schema"], "broken.schema", value=schema, expected=SCHEMA)
    pid = _str(raw, "id", ["id"], required=True)
    if not re.fullmatch(r"[a-z0-9]{12}", pid):
        raise _FieldError(["id"], "broken.bad_id", value=pid)
    name = _str(raw, "name", ["name"], required=True)
    try:
        clean_name(name)
    except DomainError as exc:
        raise _FieldError(["name"], exc.key, **exc.params) from None
    stage_raw = _str(raw, "stage", ["stage"], default=Stage.EXPLORE.value)
    try:
        stage = Stage(stage_raw)
    except ValueError:
        raise _FieldError(["stage"], "error.unknown_stage", value=stage_raw) from None
    extra = {k: v for k, v in raw.items() if k not in _KNOWN_TOP}
    perspectives, unknown_perspectives = _perspectives(raw.get("perspectives", {}))
    if unknown_perspectives:
        extra[_PERSPECTIVES_EXTRA] = unknown_perspectives
    p = Partnership(
        id=pid,
        name=name,
        stage=stage,
        tags=normalize_tags(_str_list(raw, "tags", ["tags"])),
        created=_datetime(raw, "created", ["created"], required=True),
        updated=_datetime(raw, "updated", ["updated"], required=True),
        summary=_str(raw, "summary", ["summary"]),
        parties=tuple(
            Party(
                name=_str(item, "name", ["parties", str(i), "name"], required=True),
                role=_str(item, "role", ["parties", str(i), "role"]),
                extra=_rest(item, {"name", "role"}),
            )
            for i, item in enumerate(_tables(raw, "parties", ["parties"]))
        ),
        classification=_classification(raw.get("classification", {})),
        perspectives=perspectives,
        assessments=tuple(
            _assessment(item, i)
            for i, item in enumerate(_tables(raw, "assessments", ["assessments"]))
        ),
        notes=sort_notes(_note(item, i) for i, item in enumerate(_tables(raw, "notes", ["notes"]))),
        conflicts=tuple(
            Conflict(
                field=_str(item, "field", ["conflicts", str(i), "field"], required=True),
                ours=item.get("ours"),
                theirs=item.get("theirs"),
                extra=_rest(item, {"field", "ours", "theirs"}),
            )
            for i, item in enumerate(_tables(raw, "conflicts", ["conflicts"]))
        ),
        extra=extra,
    )
    seen: set[str] = set()
    for i, note in enumerate(_tables(raw, "notes", ["notes"])):
        if note["id"] in seen:
            raise _FieldError(["notes", str(i), "id"], "error.duplicate_note", value=note["id"])
        seen.add(note["id"])
    validate(p)  # anything else the model refuses: a file we could read but never write
    return p


def _rest(table: dict[str, Any], known: set[str]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if k not in known}


def _str(
    table: dict[str, Any], key: str, path: list[str], *, required: bool = False, default: str = ""
) -> str:
    if key not in table:
        if required:
            raise _FieldError(path[:-1] or path, "broken.missing", name=key)
        return default
    value = table[key]
    if not isinstance(value, str):
        raise _FieldError(path, "broken.wrong_type", expected="text")
    return value


def _str_list(table: dict[str, Any], key: str, path: list[str]) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _FieldError(path, "broken.wrong_type", expected="text_list")
    return value


def _datetime(
    table: dict[str, Any], key: str, path: list[str], *, required: bool = False
) -> datetime:
    value = table.get(key)
    if value is None and required:
        raise _FieldError(path[:-1] or path, "broken.missing", name=key)
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _FieldError(path, "broken.wrong_type", expected="datetime")
    return to_utc(value)


def _int(table: dict[str, Any], key: str, path: list[str], low: int, high: int) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _FieldError(path, "broken.wrong_type", expected="whole_number")
    if not low <= value <= high:
        raise _FieldError(path, "broken.out_of_range", value=value, low=low, high=high)
    return value


def _tables(table: dict[str, Any], key: str, path: list[str]) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _FieldError(path, "broken.wrong_type", expected="table_list")
    return value


def _type(value: Any, path: list[str]) -> AgreementType:
    try:
        return AgreementType(value)
    except ValueError:
        raise _FieldError(path, "error.unknown_type", value=str(value)) from None


def _classification(raw: Any) -> Classification:
    if not isinstance(raw, dict):
        raise _FieldError(["classification"], "broken.wrong_type", expected="table")
    base = ["classification"]
    primary = raw.get("primary")
    scores: dict[AgreementType, TypeScore] = {}
    for t in AgreementType:
        sub = raw.get(t.value, {})
        if not isinstance(sub, dict):
            raise _FieldError([*base, t.value], "broken.wrong_type", expected="table")
        scores[t] = TypeScore(
            score=_int(sub, "score", [*base, t.value, "score"], 0, 5) if "score" in sub else 0,
            comment=_str(sub, "comment", [*base, t.value, "comment"]),
            extra=_rest(sub, {"score", "comment"}),
        )
    known = {"primary", "rationale", "updated", "by", *(t.value for t in AgreementType)}
    return Classification(
        primary=None if primary is None else _type(primary, [*base, "primary"]),
        rationale=_str(raw, "rationale", [*base, "rationale"]),
        updated=_datetime(raw, "updated", [*base, "updated"]) if "updated" in raw else None,
        by=_str(raw, "by", [*base, "by"]),
        scores=scores,
        extra=_rest(raw, known),
    )


def _perspectives(raw: Any) -> tuple[dict[PerspectiveName, Perspective], dict[str, Any]]:
    if not isinstance(raw, dict):
        raise _FieldError(["perspectives"], "broken.wrong_type", expected="table")
    known: dict[PerspectiveName, Perspective] = {}
    unknown: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            name = PerspectiveName(key)
        except ValueError:
            unknown[key] = value
            continue
        path = ["perspectives", key]
        if not isinstance(value, dict):
            raise _FieldError(path, "broken.wrong_type", expected="table")
        known[name] = Perspective(
            score=_int(value, "score", [*path, "score"], 1, 5),
            comment=_str(value, "comment", [*path, "comment"]),
            extra=_rest(value, {"score", "comment"}),
        )
    return known, unknown


def _assessment(item: dict[str, Any], i: int) -> Assessment:
    path = ["assessments", str(i)]
    answers = item.get("answers", {})
    scores = item.get("scores", {})
    if not isinstance(answers, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 for v in answers.values()
    ):
        raise _FieldError([*path, "answers"], "broken.wrong_type", expected="answers")
    if not isinstance(scores, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in scores.values()
    ):
        raise _FieldError([*path, "scores"], "broken.wrong_type", expected="whole_numbers")
    return Assessment(
        id=_str(item, "id", [*path, "id"], required=True),
        at=_datetime(item, "at", [*path, "at"], required=True),
        by=_str(item, "by", [*path, "by"]),
        answers=dict(answers),
        scores=dict(scores),
        extra=_rest(item, {"id", "at", "by", "answers", "scores"}),
    )


def _note(item: dict[str, Any], i: int) -> Note:
    path = ["notes", str(i)]
    note_type = item.get("type")
    return Note(
        id=_str(item, "id", [*path, "id"], required=True),
        created=_datetime(item, "created", [*path, "created"], required=True),
        author=_str(item, "author", [*path, "author"]),
        type=None if note_type is None else _type(note_type, [*path, "type"]),
        tags=normalize_tags(_str_list(item, "tags", [*path, "tags"])),
        text=_str(item, "text", [*path, "text"]),
        extra=_rest(item, {"id", "created", "author", "type", "tags", "text"}),
    )


def locate(text: str, path: list[str]) -> tuple[int, int]:
    """Best-effort line and column of the value at ``path`` (``["notes", "2", "text"]``).

    Walks the table headers (``[a.b]``, the n-th ``[[a]]``), ignoring lines inside
    multi-line strings and comments after headers. A path ending in an index
    (``["parties", "1"]``) gives that item's header. Falls back to the nearest header found.
    """
    lines = text.split("\n")
    code = _code_lines(lines)
    headers = [(n, found) for n, line in enumerate(lines) if code[n] and (found := _header(line))]
    start = -1  # -1: the top-level table, before any header
    prefix: list[str] = []
    key = ""
    j = 0
    while j < len(path):
        part = path[j]
        index = path[j + 1] if j + 1 < len(path) and path[j + 1].isdigit() else None
        is_last = j == len(path) - 1
        if is_last and index is None:
            key = part
            break
        prefix = [*prefix, part]
        if index is not None:
            matches = [n for n, (double, parts) in headers if double and parts == prefix]
            if int(index) < len(matches):
                start = matches[int(index)]
            j += 2
        else:
            later = [
                n for n, (double, parts) in headers if not double and parts == prefix and n > start
            ]
            if later:
                start = later[0]
            j += 1
    if key:
        wanted = re.compile(
            rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
        )
        for n in range(start + 1, len(lines)):
            if code[n] and _header(lines[n]):
                break
            if code[n] and wanted.match(lines[n]):
                return n + 1, len(lines[n]) - len(lines[n].lstrip()) + 1
    return max(start, 0) + 1, 1


_HEADER = re.compile(r"^\s*(\[\[?)(.*?)(\]\]?)\s*(?:#.*)?$")


def _header(line: str) -> tuple[bool, list[str]] | None:
    """``(is_array, parts)`` for a table header line, else None."""
    found = _HEADER.match(line)
    if found is None or len(found.group(1)) != len(found.group(3)):
        return None
    parts: list[str] = []
    for token in re.findall(
        r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.]+?)\s*(?:\.|$)""", found.group(2)
    ):
        token = token.strip()
        parts.append(token[1:-1] if token[:1] in "\"'" and len(token) >= 2 else token)
    return len(found.group(1)) == 2, parts


def _code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it starts outside a multi-line string."""
    out: list[bool] = []
    inside: str | None = None
    for line in lines:
        out.append(inside is None)
        i = 0
        while i < len(line):
            if inside is not None:
                if inside == '"""' and line[i] == "\\":
                    i += 2
                elif line.startswith(inside, i):
                    run = len(line[i:]) - len(line[i:].lstrip(inside[0]))
                    i += min(run, 5)
                    inside = None
                else:
                    i += 1
                continue
            ch = line[i]
            if ch == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                inside = line[i : i + 3]
                i += 3
            elif ch == '"':
                i += 1
                while i < len(line) and line[i] != '"':
                    i += 2 if line[i] == "\\" else 1
                i += 1
            elif ch == "'":
                end = line.find("'", i + 1)
                i = len(line) if end < 0 else end + 1
            else:
                i += 1
    return out


def is_temporal(value: Any) -> bool:
    return isinstance(value, datetime | date | time)
