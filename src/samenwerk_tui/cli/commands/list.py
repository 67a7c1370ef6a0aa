"""``samenwerk list [--filter Q] [--format table|json|csv]``: one row per partnership.

Files that cannot be read are listed too, so a script sees every file: marked ``!`` in the
table, and in JSON and CSV a row with ``broken`` true, the location in ``file`` and the
reason in ``problem`` (every other column empty). Their count goes to stderr and the exit
code is 1, as with ``check``. Rows come from each record's facets (the index cache keeps
them): listing builds no model.
"""

from __future__ import annotations

import argparse
import shutil
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, ProblemsFound

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
        problems = session.sorted_problems()
        items = export.rows(session.sorted_records(), problems)
    else:
        problems = session.filter_problems(query)
        items = export.rows(session.filter(query), problems)
    if ctx.args.format == "json":
        ctx.emit(export.render_list_json(items))
    elif ctx.args.format == "csv":
        ctx.emit(export.render_list_csv(items))
    else:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
        ctx.emit(export.render_table(items, columns=max(60, width)))
    if problems:
        raise ProblemsFound("cli.broken_reported.count", count=len(problems))
    return 0
