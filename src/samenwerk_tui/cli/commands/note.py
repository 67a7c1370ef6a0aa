"""``samenwerk note REF TEXT [--type TYPE] [--tag X]…``: add a dated annotation."""

from __future__ import annotations

import argparse

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context

ORDER = 80


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "note", help=i18n.t("cli.note.help"), description=i18n.t("cli.note.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("text", metavar=i18n.t("cli.metavar.text"), help=i18n.t("cli.note.text"))
    parser.add_argument("--type", metavar=i18n.t("cli.metavar.type"), help=i18n.t("cli.note.type"))
    parser.add_argument(
        "--tag", metavar="X", action="append", default=[], help=i18n.t("cli.opt_tag")
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain.model import DomainError, clean_block

    args = ctx.args
    note_type = values.agreement_type(args.type) if args.type else None
    if not clean_block(args.text):
        raise DomainError("error.empty_note")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    change = session.add_note(record.id, args.text, note_type=note_type, tags=args.tag)
    report_saved(ctx, record, change)
    return 0
