"""A parsed TOML document read into a :class:`Partnership`, field by field.

Every check names the path of the value it refused (``FieldError.path``), so the codec
can point at the line and column in the file. The rules are schema 1's (DESIGN §2);
unknown keys and tables ride along in each value's ``extra``.
"""

from __future__ import annotations

import re
from datetime import datetime
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

# Unknown perspective entries ride along in Partnership.extra under this key. A known
# top-level key never lands in ``extra`` otherwise, so no file can collide with it.
PERSPECTIVES_EXTRA = "perspectives"


class FieldError(Exception):
    """A value at ``path`` that breaks a rule; ``key``/``params`` say which."""

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
        raise FieldError(["schema"], "broken.schema", value=schema, expected=SCHEMA)
    pid = _str(raw, "id", ["id"], required=True)
    if not re.fullmatch(r"[a-z0-9]{12}", pid):
        raise FieldError(["id"], "broken.bad_id", value=pid)
    name = _str(raw, "name", ["name"], required=True)
    try:
        clean_name(name)
    except DomainError as exc:
        raise FieldError(["name"], exc.key, **exc.params) from None
    stage_raw = _str(raw, "stage", ["stage"], default=Stage.EXPLORE.value)
    try:
        stage = Stage(stage_raw)
    except ValueError:
        raise FieldError(["stage"], "error.unknown_stage", value=stage_raw) from None
    extra = {k: v for k, v in raw.items() if k not in _KNOWN_TOP}
    perspectives, unknown_perspectives = _perspectives(raw.get("perspectives", {}))
    if unknown_perspectives:
        extra[PERSPECTIVES_EXTRA] = unknown_perspectives
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
            raise FieldError(["notes", str(i), "id"], "error.duplicate_note", value=note["id"])
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
            raise FieldError(path[:-1] or path, "broken.missing", name=key)
        return default
    value = table[key]
    if not isinstance(value, str):
        raise FieldError(path, "broken.wrong_type", expected="text")
    return value


def _str_list(table: dict[str, Any], key: str, path: list[str]) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(path, "broken.wrong_type", expected="text_list")
    return value


def _datetime(
    table: dict[str, Any], key: str, path: list[str], *, required: bool = False
) -> datetime:
    value = table.get(key)
    if value is None and required:
        raise FieldError(path[:-1] or path, "broken.missing", name=key)
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise FieldError(path, "broken.wrong_type", expected="datetime")
    return to_utc(value)


def _int(table: dict[str, Any], key: str, path: list[str], low: int, high: int) -> int:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(path, "broken.wrong_type", expected="whole_number")
    if not low <= value <= high:
        raise FieldError(path, "broken.out_of_range", value=value, low=low, high=high)
    return value


def _tables(table: dict[str, Any], key: str, path: list[str]) -> list[dict[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise FieldError(path, "broken.wrong_type", expected="table_list")
    return value


def _type(value: Any, path: list[str]) -> AgreementType:
    try:
        return AgreementType(value)
    except ValueError:
        raise FieldError(path, "error.unknown_type", value=str(value)) from None


def _classification(raw: Any) -> Classification:
    if not isinstance(raw, dict):
        raise FieldError(["classification"], "broken.wrong_type", expected="table")
    base = ["classification"]
    primary = raw.get("primary")
    scores: dict[AgreementType, TypeScore] = {}
    for t in AgreementType:
        sub = raw.get(t.value, {})
        if not isinstance(sub, dict):
            raise FieldError([*base, t.value], "broken.wrong_type", expected="table")
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
        raise FieldError(["perspectives"], "broken.wrong_type", expected="table")
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
            raise FieldError(path, "broken.wrong_type", expected="table")
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
        raise FieldError([*path, "answers"], "broken.wrong_type", expected="answers")
    if not isinstance(scores, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in scores.values()
    ):
        raise FieldError([*path, "scores"], "broken.wrong_type", expected="whole_numbers")
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
        extra=_rest(item, {"id", "created", "author", "edited", "type", "tags", "text"}),
        edited=_datetime(item, "edited", [*path, "edited"]) if "edited" in item else None,
    )
