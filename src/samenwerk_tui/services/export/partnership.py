"""One partnership in full: as text for a terminal, as Markdown, as JSON for scripts."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.domain.types import AgreementType, PerspectiveName
from samenwerk_tui.services.export.common import (
    bar,
    conflict_line,
    md,
    safe,
    type_label,
    when,
)
from samenwerk_tui.services.export.sections import assessment_lines, assessment_markdown
from samenwerk_tui.store.codec import to_document
from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR, Record

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
        f"{c.primary.badge} {i18n.type_name(c.primary.value)}"
        if c.primary
        else i18n.t("export.unclassified")
    )
    out.append(f"  {i18n.t('export.primary')}: {primary}")
    for t in AgreementType:
        ts = c.score(t)
        mark = "*" if t is c.primary else " "
        line = f"  {mark}{t.badge} {bar(ts.score)} {ts.score}  {i18n.type_name(t.value)}"
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
        out += ["", *assessment_lines(p)]
    if p.notes:
        out += ["", i18n.t("export.notes")]
        for n in p.notes:
            # The id first: what ``note REF --edit ID`` and ``--delete ID`` take.
            head = f"  {n.id}  {when(n.created)}  {s(n.author)}"
            if n.edited is not None:
                head += f"  ({i18n.t('export.note.edited', when=when(n.edited))})"
            if n.type:
                head += f"  [{n.type.badge} {i18n.type_name(n.type.value)}]"
            if n.tags:
                head += "  " + s(" ".join(f"#{tag}" for tag in n.tags))
            out += [head, block(n.text, 4)]
    if p.conflicts:
        out += ["", i18n.t("export.conflicts")]
        out += [f"  {conflict_line(x.field, x.ours, x.theirs)}" for x in p.conflicts]
    return "\n".join(out) + "\n"


def _wrap(text: str, spaces: int, columns: int) -> str:
    """Indent ``text`` and wrap each of its lines to ``columns`` (its own breaks stay)."""
    pad = " " * spaces
    width = max(20, columns - spaces)
    out: list[str] = []
    for line in text.split("\n"):
        out += [pad + part for part in wrap(line, width)] or [""]
    return "\n".join(out)


def wrap(line: str, width: int) -> list[str]:
    """``textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)``.

    The same lines, from one regex scan when the line has no whitespace but spaces and
    does not start with one (nearly every line): a note of 5 MB wraps in a few hundred
    milliseconds less. ``tests/services/test_export_wrap.py`` holds the two equal.
    """
    if len(line) <= width and not line.startswith(" ") and not _OTHER_SPACE.search(line):
        stripped = line.rstrip(" ")
        return [stripped] if stripped else []
    if width < 2 or line.startswith(" ") or _OTHER_SPACE.search(line):
        return textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
    pattern = _WRAPS.get(width)
    if pattern is None:
        # The longest run that starts and ends with a non-space and is followed by a space
        # or the end, of at most ``width`` characters; else a word longer than the line.
        pattern = _WRAPS[width] = re.compile(rf"[^ ](?:[^\n]{{0,{width - 2}}}[^ ])?(?= |$)|[^ ]+")
    return pattern.findall(line)


#: What textwrap counts as whitespace besides the space (a line never holds a newline).
_OTHER_SPACE = re.compile(r"[\t\x0b\x0c\r]")
_WRAPS: dict[int, re.Pattern[str]] = {}


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
        (i18n.t("export.primary"), type_label(p)),
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
        out.append(f"| {t.badge} {name} | {bar(ts.score)} {ts.score} | {comment} |")
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
    if p.assessments:
        out += ["", f"{h}# {i18n.t('assessments.title')}", "", *assessment_markdown(p)]
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
