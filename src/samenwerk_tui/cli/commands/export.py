"""``samenwerk export [--format md|csv|json|html] [--filter Q] [-o FILE]``: a portfolio report.

Without ``-o`` the report goes to stdout. A report file is written atomically and never
inside the workspace's ``partnerships/`` folder, where it would look like a broken
partnership file. Files that could not be read are in every report (Markdown: a section
"Files that could not be read"; CSV: a row each with ``broken`` true, ``file`` and
``problem``; JSON: the ``broken`` list; HTML: the count), their count goes to stderr and
the exit code is 1, as with ``check``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, ProblemsFound, UsageError

ORDER = 110
FORMATS = ("md", "csv", "json", "html")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "export", help=i18n.t("cli.export.help"), description=i18n.t("cli.export.help")
    )
    parser.add_argument("--format", choices=FORMATS, default="md", help=i18n.t("cli.opt_format"))
    parser.add_argument("--filter", metavar="Q", help=i18n.t("cli.opt_filter"))
    parser.add_argument(
        "-o", "--output", metavar=i18n.t("cli.metavar.file"), help=i18n.t("cli.export.output")
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.model import utc_now
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.services import export
    from samenwerk_tui.store.workspace import StoreError

    args = ctx.args
    query = values.query(args.filter)
    target = Path(args.output).expanduser() if args.output else None
    if target is not None:
        check_target(target, ctx.workspace_path)
    session = ctx.session()
    records = session.sorted_records() if query.is_empty else session.filter(query)
    problems = session.sorted_problems() if query.is_empty else session.filter_problems(query)
    title = session.workspace.display_name
    if args.format == "csv":
        text = export.export_csv(records, problems)
    elif args.format == "json":
        text = export.export_json(title, records, problems, utc_now())
    elif args.format == "html":
        from samenwerk_tui.services.export.html import export_html
        from samenwerk_tui.services.portfolio import portfolio

        now = utc_now()
        pf = portfolio((r.facets for r in records), now=now, unreadable=len(problems))
        text = export_html(title, records, pf, now)
    else:
        text = export.export_markdown(title, records, problems, utc_now())
    if target is None:
        ctx.emit(text)
    else:
        try:
            export.write_export(target, text)
        except OSError as exc:
            reason = exc.strerror
            raise StoreError("error.cannot_write", path=str(target), reason=reason) from None
        ctx.emit(safe_text(i18n.t("cli.export.done", count=len(records), path=str(target))))
    if problems:
        raise ProblemsFound("cli.broken_reported.count", count=len(problems))
    return 0


def check_target(target: Path, workspace: Path) -> None:
    if target.is_dir():
        raise UsageError("cli.export.is_folder", path=str(target))
    folder = (workspace / "partnerships").resolve()
    if target.resolve().parent == folder:
        raise UsageError("cli.export.inside_workspace", path=str(target))
