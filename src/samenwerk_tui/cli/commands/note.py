"""``samenwerk note REF TEXT [--type TYPE] [--tag X]…``: add a dated annotation;
``--edit NOTE_ID TEXT`` corrects one (its id and creation time stay), ``--delete NOTE_ID
--yes`` removes one. ``samenwerk show REF`` prints the note ids."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, UsageError

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Note, Partnership

ORDER = 80


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "note", help=i18n.t("cli.note.help"), description=i18n.t("cli.note.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument(
        "text", metavar=i18n.t("cli.metavar.text"), nargs="?", help=i18n.t("cli.note.text")
    )
    parser.add_argument("--type", metavar=i18n.t("cli.metavar.type"), help=i18n.t("cli.note.type"))
    parser.add_argument(
        "--tag", metavar="X", action="append", default=[], help=i18n.t("cli.opt_tag")
    )
    which = parser.add_mutually_exclusive_group()
    # NOTE_ID and TEXT both follow --edit: argparse cannot fill the positional TEXT after
    # an option that came between it and REF.
    which.add_argument(
        "--edit", metavar=("NOTE_ID", "TEXT"), nargs="+", help=i18n.t("cli.note_edit.edit")
    )
    which.add_argument("--delete", metavar="NOTE_ID", help=i18n.t("cli.note_edit.delete"))
    parser.add_argument("--yes", action="store_true", help=i18n.t("cli.note_edit.yes"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain.model import DomainError, clean_block

    args = ctx.args
    if args.delete is not None:
        return _delete(ctx)
    note_type = values.agreement_type(args.type) if args.type else None
    if args.edit is not None:
        return _edit(ctx, note_type)
    if args.text is None:
        raise UsageError("cli.note_edit.no_text")
    if not clean_block(args.text):
        raise DomainError("error.empty_note")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    change = session.add_note(record.id, args.text, note_type=note_type, tags=args.tag)
    report_saved(ctx, record, change)
    return 0


def _edit(ctx: Context, note_type: object) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain.edits import NoteFields
    from samenwerk_tui.domain.types import AgreementType

    args = ctx.args
    note_ref, *words = args.edit
    if len(words) > 1 or (words and args.text is not None):
        raise UsageError("cli.note_edit.one_text")
    text = words[0] if words else args.text
    fields: NoteFields = {}
    if isinstance(note_type, AgreementType):
        fields["note_type"] = note_type
    if args.tag:
        fields["tags"] = args.tag
    if text is None and not fields:
        raise UsageError("cli.note_edit.no_text")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    note = find_note(record.partnership, note_ref)
    change = session.edit_note(record.id, note.id, text, **fields)
    report_saved(ctx, record, change)
    return 0


def _delete(ctx: Context) -> int:
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

    args = ctx.args
    if args.text is not None or args.type or args.tag:
        raise UsageError("cli.note_edit.delete_only")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    note = find_note(record.partnership, args.delete)
    name, file = record.partnership.name, f"{PARTNERSHIPS_DIR}/{record.name}"
    first_line = note.text.splitlines()[0] if note.text else ""
    if not args.yes:
        # Found first, so the sentence names exactly the note --yes would delete.
        raise UsageError("cli.note_edit.confirm", id=note.id, text=first_line, name=name, file=file)
    session.delete_note(record.id, note.id)
    ctx.emit(safe_text(i18n.t("cli.note_edit.deleted", id=note.id, name=name, file=file)))
    return 0


def find_note(p: Partnership, ref: str) -> Note:
    """The note with id ``ref``, or the one note whose id starts with it."""
    from samenwerk_tui.domain.model import DomainError

    wanted = ref.strip().lower()
    exact = [n for n in p.notes if n.id == wanted]
    found = exact or [n for n in p.notes if wanted and n.id.startswith(wanted)]
    if not found:
        raise DomainError("error.no_such_note", value=ref)
    if len(found) > 1:
        ids = ", ".join(n.id for n in found)
        raise UsageError("cli.note_edit.ambiguous", ref=ref, ids=ids)
    return found[0]
