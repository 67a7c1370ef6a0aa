"""Commit messages that say what changed.

For example "Senseo: note added; Gezond Rivierdal: classified as goals" (in Dutch
"Senseo: notitie toegevoegd; Gezond Rivierdal: getypeerd als doelen").

Built by comparing the committed and the new version of each partnership file, so the
history screen reads like a log of the advisors' work rather than of files. Names come
from files anyone can edit: they are cleaned (no control characters) and the message is
capped in length.
"""

from __future__ import annotations

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.text import normalize_line, safe_text, truncate
from samenwerk_tui.store import codec

SUBJECT_MAX = 120
BODY_LINES_MAX = 50
NAME_MAX = 60


def clean(text: str, width: int) -> str:
    """One line of commit-message text: no control characters, at most ``width``."""
    return truncate(safe_text(normalize_line(text)), width)


def describe_file(name: str, old: bytes | None, new: bytes | None) -> str:
    """``"Senseo: note added, stage set to execute"`` for one file."""
    before, after = codec.decode_or_none(old), codec.decode_or_none(new)
    known = after or before
    label = known.name if known is not None else name
    phrases = changes(before, after, old is None, new is None)
    return f"{clean(label, NAME_MAX)}: {', '.join(phrases)}"


def changes(
    before: Partnership | None, after: Partnership | None, created: bool, deleted: bool
) -> list[str]:
    t = i18n.t
    if deleted:
        return [t("git.change.deleted")]
    if after is None:
        return [t("git.change.unreadable")]
    if created or before is None:
        return [t("git.change.created")]
    out: list[str] = []
    if after.name != before.name:
        out.append(t("git.change.renamed", old=clean(before.name, NAME_MAX)))
    if after.stage != before.stage:
        # Named in the advisor's language ("uitvoeren"), not by the file's id ("execute").
        out.append(t("git.change.stage", stage=t(f"export.stage_short.{after.stage.value}")))
    if after.summary != before.summary:
        out.append(t("git.change.summary"))
    if after.tags != before.tags:
        out.append(t("git.change.tags"))
    if after.parties != before.parties:
        out.append(t("git.change.parties"))
    bc, ac = before.classification, after.classification
    if ac.primary != bc.primary:
        if ac.primary is None:
            out.append(t("git.change.unclassified"))
        else:
            out.append(t("git.change.classified", type=i18n.type_label(ac.primary.value).lower()))
    elif (ac.scores, ac.rationale, ac.extra) != (bc.scores, bc.rationale, bc.extra):
        out.append(t("git.change.classification"))
    if after.perspectives != before.perspectives:
        out.append(t("git.change.perspectives"))
    old_notes = {n.id: n for n in before.notes}
    new_notes = {n.id: n for n in after.notes}
    added = len(set(new_notes) - set(old_notes))
    removed = len(set(old_notes) - set(new_notes))
    edited = sum(1 for k in set(old_notes) & set(new_notes) if old_notes[k] != new_notes[k])
    for count, key in ((added, "added"), (removed, "removed"), (edited, "edited")):
        if count:
            out.append(t(f"git.change.notes_{key}", count=count))
    if len(after.assessments) > len(before.assessments):
        out.append(t("git.change.assessment"))
    if len(after.conflicts) < len(before.conflicts):
        out.append(t("git.change.resolved"))
    elif len(after.conflicts) > len(before.conflicts):
        out.append(t("git.change.conflicts"))
    return out or [t("git.change.edited")]


def commit_message(lines: list[str], user_message: str = "") -> str:
    """Subject and body from per-file lines; ``user_message`` (``-m``) becomes the subject."""
    joined = "; ".join(lines)
    if user_message.strip():
        subject = clean(user_message, SUBJECT_MAX)
        body = lines
    elif len(joined) <= SUBJECT_MAX and lines:
        subject, body = joined, []
    elif lines:
        subject = clean(i18n.t("git.change.many", count=len(lines)), SUBJECT_MAX)
        body = lines
    else:
        subject, body = i18n.t("git.change.workspace"), []
    if len(body) > BODY_LINES_MAX:
        rest = len(body) - BODY_LINES_MAX
        body = [*body[:BODY_LINES_MAX], i18n.t("git.change.more", count=rest)]
    text = subject if not body else subject + "\n\n" + "\n".join(body)
    return text + "\n"
