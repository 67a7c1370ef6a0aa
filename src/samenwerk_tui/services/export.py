"""Rendering partnerships for people and scripts: text, Markdown, JSON and CSV.

Shared by the command line (``show``, ``list``, ``export``) and, later, the TUI. Two rules
shape everything here:

- Text, Markdown and CSV are read in terminals, editors and spreadsheets, so every piece of
  user text goes through :func:`safe_text` (control characters made visible). Markdown also
  escapes its own syntax so a name like ``[x](http://e.vil)`` stays literal, and CSV cells
  that a spreadsheet would run as a formula get a leading apostrophe.
- JSON is for scripts, so it carries the real strings. Control and format characters are
  written as ``\\uXXXX`` escapes, which keeps the bytes terminal-safe while ``json.loads``
  gives back exactly what is in the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.text import is_control, safe_text, truncate
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store.atomic import write_atomic
from samenwerk_tui.store.codec import to_document
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR, Problem, Record

BAR_FULL, BAR_EMPTY = "■", "□"
NO_TYPE = "·"
BROKEN_MARK = "!"


# --------------------------------------------------------------------------- small helpers


def when(value: datetime | None) -> str:
    """A datetime as people read it: UTC, to the minute, labelled."""
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def iso(value: datetime) -> str:
    """A datetime as scripts read it: ISO 8601 in UTC with a ``Z``."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


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


def type_letter(p: Partnership) -> str:
    return p.primary.letter if p.primary else NO_TYPE


def bar(score: int, maximum: int = 5) -> str:
    score = max(0, min(score, maximum))
    return BAR_FULL * score + BAR_EMPTY * (maximum - score)


def problem_reason(problem: Problem) -> str:
    """The problem's reason as one plain phrase in the current language."""
    return i18n.t(problem.key, **problem.params)


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
    text = str(value)
    if not (text.isascii() and text.replace("\n", "").isprintable()):
        text = safe_text(text, multiline=True)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


# --------------------------------------------------------------------------- one partnership


def partnership_document(record: Record) -> dict[str, Any]:
    """The JSON form of one partnership: its file name plus the file's own fields."""
    return {
        "file": f"{PARTNERSHIPS_DIR}/{record.name}",
        **to_document(record.partnership),
    }


def render_text(record: Record, columns: int = 80) -> str:
    """One partnership for a terminal: every section, user text made safe and wrapped."""
    p = record.partnership
    s = safe

    def block(text: str, spaces: int = 2) -> str:
        return _wrap(safe_text(text, multiline=True), spaces, columns)

    out = [s(p.name), f"  {p.id}  {PARTNERSHIPS_DIR}/{record.name}"]
    out.append(f"{i18n.t('export.stage')}: {i18n.stage_name(p.stage.value)}")
    if p.tags:
        out.append(f"{i18n.t('export.tags')}: {s(', '.join(p.tags))}")
    out.append(
        f"{i18n.t('export.created')}: {when(p.created)}   "
        f"{i18n.t('export.updated')}: {when(p.updated)}"
    )
    if p.summary:
        out += ["", i18n.t("export.summary"), block(p.summary)]
    if p.parties:
        out += ["", i18n.t("export.parties")]
        out += [f"  {s(x.name)}" + (f" ({s(x.role)})" if x.role else "") for x in p.parties]
    c = p.classification
    out += ["", i18n.t("export.classification")]
    primary = (
        f"{c.primary.letter} {i18n.type_name(c.primary.value)}"
        if c.primary
        else i18n.t("export.unclassified")
    )
    out.append(f"  {i18n.t('export.primary')}: {primary}")
    for t in AgreementType:
        ts = c.score(t)
        mark = "*" if t is c.primary else " "
        line = f"  {mark}{t.letter} {bar(ts.score)} {ts.score}  {i18n.type_name(t.value)}"
        out.append(line)
        if ts.comment:
            out.append(block(ts.comment, 6))
    if c.rationale:
        out += [
            f"  {i18n.t('export.rationale')}:",
            block(c.rationale, 4),
        ]
    if c.updated:
        out.append("  " + i18n.t("export.classified_by", by=s(c.by), when=when(c.updated)))
    if p.perspectives:
        out += ["", i18n.t("export.perspectives")]
        for name in PerspectiveName:
            ps = p.perspectives.get(name)
            if ps is not None:
                out.append(f"  {bar(ps.score)} {ps.score}  {i18n.perspective_name(name.value)}")
                if ps.comment:
                    out.append(block(ps.comment, 6))
    if p.assessments:
        out += ["", i18n.t("export.assessments")]
        for a in p.assessments:
            scores = ", ".join(f"{k} {v}" for k, v in a.scores.items())
            out.append(f"  {when(a.at)}  {s(a.by)}: {s(scores)}")
    if p.notes:
        out += ["", i18n.t("export.notes")]
        for n in p.notes:
            head = f"  {when(n.created)}  {s(n.author)}"
            if n.type:
                head += f"  [{n.type.letter} {i18n.type_name(n.type.value)}]"
            if n.tags:
                head += "  " + s(" ".join(f"#{tag}" for tag in n.tags))
            out += [head, block(n.text, 4)]
    if p.conflicts:
        out += ["", i18n.t("export.conflicts")]
        out += [f"  {conflict_line(x.field, x.ours, x.theirs)}" for x in p.conflicts]
    return "\n".join(out) + "\n"


def conflict_line(field: str, ours: Any, theirs: Any) -> str:
    return safe_text(
        i18n.t("export.conflict", field=field, ours=_short(ours), theirs=_short(theirs))
    )


def _short(value: Any) -> str:
    return truncate(" ".join(str(value).split()), 60) if value is not None else "—"


def _wrap(text: str, spaces: int, columns: int) -> str:
    """Indent ``text`` and wrap each of its lines to ``columns`` (its own breaks stay)."""
    pad = " " * spaces
    out: list[str] = []
    for line in text.split("\n"):
        wrapped = textwrap.wrap(
            line, max(20, columns - spaces), break_long_words=False, break_on_hyphens=False
        )
        out += [pad + part for part in wrapped] or [""]
    return "\n".join(out)


def _indent(text: str, spaces: int = 2) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.split("\n"))


def render_markdown(record: Record, level: int = 1) -> str:
    """One partnership as a Markdown section (``level`` is its heading depth)."""
    p = record.partnership
    h = "#" * level
    out = [f"{h} {md(p.name)}", ""]
    facts = [
        (i18n.t("export.stage"), i18n.stage_name(p.stage.value)),
        (i18n.t("export.primary"), _type_label(p)),
        (i18n.t("export.tags"), md(", ".join(p.tags))),
        (i18n.t("export.updated"), when(p.updated)),
        ("id", f"`{p.id}`"),
    ]
    out += [f"- **{label}:** {value}" for label, value in facts if value]
    if p.summary:
        out += ["", md(p.summary, multiline=True)]
    if p.parties:
        out += ["", f"{h}# {i18n.t('export.parties')}", ""]
        out += [f"- {md(x.name)}" + (f" ({md(x.role)})" if x.role else "") for x in p.parties]
    c = p.classification
    out += ["", f"{h}# {i18n.t('export.classification')}", ""]
    out += [
        f"| {i18n.t('export.type')} | {i18n.t('export.score')} | {i18n.t('export.comment')} |",
        "|---|---|---|",
    ]
    for t in AgreementType:
        ts = c.score(t)
        name = i18n.type_name(t.value)
        name = f"**{name}**" if t is c.primary else name
        comment = md(" ".join(ts.comment.split()))
        out.append(f"| {t.letter} {name} | {bar(ts.score)} {ts.score} | {comment} |")
    if c.rationale:
        out += ["", f"**{i18n.t('export.rationale')}:** {md(c.rationale, multiline=True)}"]
    if p.perspectives:
        out += ["", f"{h}# {i18n.t('export.perspectives')}", ""]
        for name in PerspectiveName:
            ps = p.perspectives.get(name)
            if ps is not None:
                extra = f": {md(ps.comment)}" if ps.comment else ""
                label = i18n.perspective_name(name.value)
                out.append(f"- **{label}** {bar(ps.score)} {ps.score}{extra}")
    if p.notes:
        out += ["", f"{h}# {i18n.t('export.notes')}", ""]
        for n in p.notes:
            tag = f" · {i18n.type_name(n.type.value)}" if n.type else ""
            out += [
                f"- *{when(n.created)} · {md(n.author)}{tag}*  ",
                _indent(md(n.text, multiline=True)),
            ]
    if p.conflicts:
        out += ["", f"{h}# {i18n.t('export.conflicts')}", ""]
        out += [f"- {md(conflict_line(x.field, x.ours, x.theirs))}" for x in p.conflicts]
    return "\n".join(out) + "\n"


def _type_label(p: Partnership) -> str:
    if p.primary is None:
        return i18n.t("export.unclassified")
    return f"{p.primary.letter} {i18n.type_name(p.primary.value)}"


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class Row:
    """One line of ``list``: a partnership, or a file that could not be read."""

    record: Record | None = None
    problem: Problem | None = None


def rows(records: Iterable[Record], problems: Iterable[Problem] = ()) -> list[Row]:
    return [Row(record=r) for r in records] + [Row(problem=p) for p in problems]


def render_table(items: Sequence[Row], columns: int = 80) -> str:
    """A table readable at 80 columns: type letter, id prefix, name, stage, tags."""
    labels = [short_stage(st) for st in Stage]
    labels += [i18n.t("export.col_stage"), i18n.t("export.broken")]
    stage_w = max(width(label) for label in labels)
    fixed = 1 + 1 + 6 + 2 + 2 + stage_w + 2
    name_w = max(16, (columns - fixed) * 3 // 5)
    tags_w = max(8, columns - fixed - name_w)
    head = (
        f"T {'ID':<6}  {fit(i18n.t('export.col_name'), name_w)}  "
        f"{fit(i18n.t('export.col_stage'), stage_w)}  {i18n.t('export.col_tags')}"
    )
    out = [head.rstrip()]
    for row in items:
        if row.record is not None:
            p = row.record.partnership
            name = fit(safe(p.name), name_w)
            stage = fit(short_stage(p.stage), stage_w)
            tags = fit(safe(" ".join(p.tags)), tags_w)
            line = f"{type_letter(p)} {p.id[:6]}  {name}  {stage}  {tags}"
        elif row.problem is not None:
            name = fit(safe(row.problem.name), name_w)
            stage = fit(i18n.t("export.broken"), stage_w)
            line = f"{BROKEN_MARK} {'':<6}  {name}  {stage}"
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


LIST_COLUMNS = (
    "id", "name", "file", "type", "stage", "tags", "parties", "updated",
    "deliver", "goals", "movement", "platform", "broken", "problem",
)  # fmt: skip


def list_record(row: Row) -> dict[str, Any]:
    """One ``list`` row as a flat dict (JSON and CSV share it)."""
    if row.record is not None:
        p = row.record.partnership
        given = p.classification.scores
        scores = {t.value: given[t].score if t in given else 0 for t in AgreementType}
        return {
            "id": p.id,
            "name": p.name,
            "file": f"{PARTNERSHIPS_DIR}/{row.record.name}",
            "type": p.primary.value if p.primary else None,
            "stage": p.stage.value,
            "tags": list(p.tags),
            "parties": [x.name for x in p.parties],
            "updated": iso(p.updated),
            **scores,
            "broken": False,
            "problem": None,
        }
    assert row.problem is not None
    empty = dict.fromkeys(LIST_COLUMNS)
    return {
        **empty,
        "file": problem_location(row.problem),
        "broken": True,
        "problem": problem_reason(row.problem),
    }


def render_list_json(items: Sequence[Row]) -> str:
    """A JSON array with one row object per line: greppable, and fast at 10,000 rows."""
    return to_json_lines([list_record(r) for r in items])


def render_csv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV with a header; lists are joined with ``; ``, None is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for item in records:
        writer.writerow([_csv_value(item.get(col)) for col in columns])
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return cell("; ".join(str(v) for v in value))
    return cell(value)


def render_list_csv(items: Sequence[Row]) -> str:
    return render_csv((list_record(r) for r in items), LIST_COLUMNS)


# --------------------------------------------------------------------------- portfolio


EXPORT_COLUMNS = (
    *LIST_COLUMNS[:12], "summary", "rationale", "classified_by", "notes", "conflicts",
)  # fmt: skip


def export_record(record: Record) -> dict[str, Any]:
    p = record.partnership
    base = list_record(Row(record=record))
    base = {k: v for k, v in base.items() if k not in ("broken", "problem")}
    return {
        **base,
        "summary": p.summary,
        "rationale": p.classification.rationale,
        "classified_by": p.classification.by,
        "notes": len(p.notes),
        "conflicts": len(p.conflicts),
    }


def export_csv(records: Sequence[Record]) -> str:
    return render_csv((export_record(r) for r in records), EXPORT_COLUMNS)


def export_json(
    title: str, records: Sequence[Record], problems: Sequence[Problem], generated: datetime
) -> str:
    """The whole portfolio for scripts: every partnership as in ``show --format json``."""
    return to_json(
        {
            "workspace": title,
            "generated": iso(generated),
            "count": len(records),
            "partnerships": [partnership_document(r) for r in records],
            "broken": [
                {"file": problem_location(p), "problem": problem_reason(p)} for p in problems
            ],
        }
    )


def export_markdown(
    title: str, records: Sequence[Record], problems: Sequence[Problem], generated: datetime
) -> str:
    """The portfolio report: counts by type, an overview table, then each partnership."""
    out = [
        f"# {md(title)}",
        "",
        i18n.t("export.generated", when=when(generated), count=len(records)),
    ]
    if problems:
        out += ["", f"*{md(i18n.t('export.broken_files', count=len(problems)))}*"]
    by_type: dict[str, int] = {}
    for r in records:
        key = _type_label(r.partnership)
        by_type[key] = by_type.get(key, 0) + 1
    if records:
        out += ["", f"## {i18n.t('export.by_type')}", ""]
        out += [f"- {label}: {n}" for label, n in sorted(by_type.items())]
        out += ["", f"## {i18n.t('export.overview')}", ""]
        out += [
            f"| {i18n.t('export.name')} | {i18n.t('export.type')} | "
            f"{i18n.t('export.stage')} | D | G | M | P | {i18n.t('export.parties')} |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in records:
            p = r.partnership
            scores = " | ".join(str(p.classification.score(t).score) for t in AgreementType)
            parties = md(", ".join(x.name for x in p.parties))
            out.append(
                f"| {md(p.name)} | {type_letter(p)} | {i18n.stage_name(p.stage.value)} | "
                f"{scores} | {parties} |"
            )
        for r in records:
            out += ["", render_markdown(r, level=2).rstrip("\n")]
    return "\n".join(out) + "\n"


def write_export(path: Path, text: str) -> None:
    """Write a report file atomically (a crash never leaves half a report)."""
    write_atomic(path, text.encode("utf-8"))
