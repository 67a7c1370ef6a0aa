"""``samenwerk show REF [--format text|json|md]``: one partnership in full."""

from __future__ import annotations

import argparse
import shutil
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context

ORDER = 30
FORMATS = ("text", "json", "md")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "show", help=i18n.t("cli.show.help"), description=i18n.t("cli.show.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("--format", choices=FORMATS, default="text", help=i18n.t("cli.opt_format"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.services import export

    record = ctx.resolve(ctx.args.ref)
    if ctx.args.format == "json":
        ctx.emit(export.to_json(export.partnership_document(record)))
    elif ctx.args.format == "md":
        ctx.emit(export.render_markdown(record))
    else:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
        ctx.emit(export.render_text(record, columns=max(40, width)))
    return 0
