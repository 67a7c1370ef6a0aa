"""Small shared pieces of every rendering: safe text, widths, dates, JSON, Markdown, CSV."""

from __future__ import annotations

import json
import re
import time as time_module
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.query import Facets
from samenwerk_tui.domain.text import is_control, safe_text, truncate
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services.field_names import field_label, value_name
from samenwerk_tui.services.localtime import labelled
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR, Problem

BAR_FULL, BAR_EMPTY = "■", "□"
NO_TYPE = "·"
BROKEN_MARK = "!"


# --------------------------------------------------------------------------- small helpers


def when(value: datetime | None) -> str:
    """A datetime as people read it: local time, to the minute, labelled with the zone
    (``2026-03-04 10:41 CET``); files, JSON and CSV keep UTC (:func:`iso`)."""
    return labelled(value) if value else ""


def iso(value: datetime) -> str:
    """A datetime as scripts read it: ISO 8601 in UTC with a ``Z``."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_seconds(seconds: int) -> str:
    """:func:`iso` of a time given as UTC seconds since 1970 (the facets keep it so)."""
    if 0 <= seconds < 253402300800:  # gmtime's range everywhere; the same text, faster
        return time_module.strftime("%Y-%m-%dT%H:%M:%SZ", time_module.gmtime(seconds))
    return iso(datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds))


def safe(value: str) -> str:
    """:func:`safe_text` for one line, with a fast path for plain ASCII (most names)."""
    return value if value.isascii() and value.isprintable() else safe_text(value)


def width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK, most emoji) 2, combining marks 0."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) or ch == "\u200d"
        else 2 if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )  # fmt: skip


def fit(text: str, cells: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``cells`` terminal cells."""
    if width(text) > cells:
        out, used = [], 0
        for ch in text:
            w = width(ch)
            if used + w > cells - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (cells - width(text))


def short_stage(stage: Stage) -> str:
    """The stage's short name for tables (the full names can be long)."""
    return i18n.t(f"export.stage_short.{stage.value}")


def type_badge(p: Partnership | Facets) -> str:
    """The primary type's badge (its digit, ``1``-``4``), or ``·`` when unclassified."""
    return p.primary.badge if p.primary else NO_TYPE


#: Older name of :func:`type_badge`.


def bar(score: int, maximum: int = 5) -> str:
    score = max(0, min(score, maximum))
    return BAR_FULL * score + BAR_EMPTY * (maximum - score)


def problem_reason(problem: Problem) -> str:
    """The problem's reason as one plain phrase in the current language."""
    return i18n.text_of(problem)


def problem_location(problem: Problem) -> str:
    """``partnerships/<file>:<line>:<column>``, the form editors jump to."""
    return f"{PARTNERSHIPS_DIR}/{problem.name}:{problem.line}:{problem.column}"


def _json_default(value: Any) -> Any:
    """What ``json`` cannot encode itself: TOML's datetimes, dates and times."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date | time):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def to_json(value: Any) -> str:
    """Pretty JSON that keeps real strings but never puts a raw control character out.

    ``ensure_ascii=False`` keeps accents and emoji readable; the C1 and format characters
    that ``json`` leaves raw are escaped afterwards (they can only occur inside strings).
    """
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)
    return _NOT_PLAIN.sub(_escape_control, text) + "\n"


def to_json_lines(items: Sequence[Any]) -> str:
    """A JSON array with each item compact on its own line.

    ``json`` only uses its C encoder without ``indent``; for big lists that is the
    difference between 0.1 s and over a second.
    """
    if not items:
        return "[]\n"
    body = ",\n".join(json.dumps(x, ensure_ascii=False, default=_json_default) for x in items)
    return "[\n" + _NOT_PLAIN.sub(_escape_control, body) + "\n]\n"


# Everything but printable ASCII and newline (raw newlines are json's own indentation);
# the callback then escapes only real control and format characters, so the common case
# (plain text, accents, emoji) costs one regex scan.
_NOT_PLAIN = re.compile(r"[^\x20-\x7e\n]")


def _escape_control(match: re.Match[str]) -> str:
    ch = match.group()
    return f"\\u{ord(ch):04x}" if is_control(ch) else ch


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def md(value: str, *, multiline: bool = False) -> str:
    """User text made literal in Markdown: visible controls, syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", safe_text(value, multiline=multiline))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A CSV cell: safe text, and never something a spreadsheet runs as a formula."""
    text = value if type(value) is str else str(value)
    if not (text.isascii() and text.isprintable()) and not (
        text.isascii() and text.replace("\n", "").isprintable()
    ):
        text = safe_text(text, multiline=True)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def conflict_line(field: str, ours: Any, theirs: Any) -> str:
    """A recorded conflict in the advisor's words: the field's label, and a type or a stage
    by its name ("Primary type: kept 'Delivering together' …")."""
    ours = value_name(field, ours) or ours
    theirs = value_name(field, theirs) or theirs
    return safe_text(
        i18n.t(
            "export.conflict", field=field_label(field), ours=_short(ours), theirs=_short(theirs)
        )
    )


def _short(value: Any) -> str:
    return truncate(" ".join(str(value).split()), 60) if value is not None else "—"


def type_label(p: Partnership) -> str:
    if p.primary is None:
        return i18n.t("export.unclassified")
    return f"{p.primary.badge} {i18n.type_name(p.primary.value)}"
