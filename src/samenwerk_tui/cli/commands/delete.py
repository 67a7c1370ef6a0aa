"""``samenwerk delete REF --yes``: remove a partnership's file (git keeps its history)."""

from __future__ import annotations

import argparse

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context, UsageError

ORDER = 70


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "delete", help=i18n.t("cli.delete.help"), description=i18n.t("cli.delete.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("--yes", action="store_true", help=i18n.t("cli.delete.yes"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

    session = ctx.session(write=True)
    record = ctx.resolve(ctx.args.ref)
    file = f"{PARTNERSHIPS_DIR}/{record.name}"
    if not ctx.args.yes:
        # Resolved first, so the sentence names exactly what --yes would delete.
        raise UsageError("cli.delete.confirm", name=record.partnership.name, file=file)
    session.delete(record.id)
    ctx.emit(safe_text(i18n.t("cli.delete.done", name=record.partnership.name, file=file)))
    from samenwerk_tui.cli.saving import warn_operation

    warn_operation(ctx)
    return 0
