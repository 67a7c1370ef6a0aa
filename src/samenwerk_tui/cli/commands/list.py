"""``samenwerk list [--filter Q] [--format table|json|csv]``: one row per partnership.

Files that cannot be read are listed too (marked ``!``), so a script sees every file; the
exit code stays 0 because listing worked (``check`` is the command that fails on them).
"""

from __future__ import annotations

import argparse
import shutil
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context

ORDER = 20
FORMATS = ("table", "json", "csv")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "list", help=i18n.t("cli.list.help"), description=i18n.t("cli.list.help")
    )
    parser.add_argument("--filter", metavar="Q", help=i18n.t("cli.opt_filter"))
    parser.add_argument("--format", choices=FORMATS, default="table", help=i18n.t("cli.opt_format"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.services import export

    query = values.query(ctx.args.filter)
    session = ctx.session()
    if query.is_empty:
        items = export.rows(session.sorted_records(), session.sorted_problems())
    else:
        items = export.rows(session.filter(query), session.filter_problems(query))
    if ctx.args.format == "json":
        ctx.emit(export.render_list_json(items))
    elif ctx.args.format == "csv":
        ctx.emit(export.render_list_csv(items))
    else:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
        ctx.emit(export.render_table(items, columns=max(60, width)))
    return 0
