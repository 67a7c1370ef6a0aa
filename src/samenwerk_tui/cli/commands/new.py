"""``samenwerk new NAME …``: create a partnership and print its id.

A missing workspace is created first, as the TUI does, so ``samenwerk new "Senseo"`` works
on a fresh machine. All input is checked before anything is created: bad input writes
nothing, not even the workspace.
"""

from __future__ import annotations

import argparse
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context

ORDER = 40


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("new", help=i18n.t("cli.new.help"), description=i18n.t("cli.new.help"))
    parser.add_argument("name", metavar=i18n.t("cli.metavar.name"), help=i18n.t("cli.opt_name"))
    parser.add_argument("--summary", metavar="T", help=i18n.t("cli.opt_summary"))
    parser.add_argument("--stage", metavar="S", help=i18n.t("cli.opt_stage"))
    parser.add_argument(
        "--tag", metavar="X", action="append", default=[], help=i18n.t("cli.opt_tag")
    )
    parser.add_argument(
        "--party",
        metavar=i18n.t("cli.metavar.party"),
        action="append",
        default=[],
        help=i18n.t("cli.opt_party"),
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain import edits
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.domain.types import Stage
    from samenwerk_tui.store.workspace import Workspace

    args = ctx.args
    partnership = edits.new_partnership(
        args.name,
        summary=args.summary or "",
        stage=values.stage(args.stage) if args.stage else Stage.EXPLORE,
        tags=args.tag,
        parties=[edits.parse_party(spec) for spec in args.party],
    )
    fresh = not Workspace.is_workspace(ctx.workspace_path)
    change = ctx.session(create=True).create(partnership)
    if fresh:
        # stderr, so that stdout stays exactly the id for scripts.
        sentence = i18n.t("cli.new.created_workspace", path=str(ctx.workspace_path))
        sys.stderr.write(f"samenwerk: {safe_text(sentence)}\n")
    ctx.emit(change.partnership_id)
    from samenwerk_tui.cli.saving import warn_operation

    warn_operation(ctx)
    return 0
