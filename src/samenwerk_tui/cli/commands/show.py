"""``samenwerk show REF [--format text|json|md|html] [--guidance]``: one partnership in
full, or with ``--guidance`` the guidance for its type and phase."""

from __future__ import annotations

import argparse
import shutil
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context

ORDER = 30
FORMATS = ("text", "json", "md", "html")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "show", help=i18n.t("cli.show.help"), description=i18n.t("cli.show.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("--format", choices=FORMATS, default="text", help=i18n.t("cli.opt_format"))
    parser.add_argument("--guidance", action="store_true", help=i18n.t("cli.show.guidance"))
    parser.set_defaults(run=run)


def _columns() -> int:
    width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    return max(40, width)


def run(ctx: Context) -> int:
    from samenwerk_tui.services import export

    record = ctx.resolve(ctx.args.ref)
    fmt = ctx.args.format
    if ctx.args.guidance:
        return _guidance(ctx, record.id, fmt)
    if fmt == "json":
        ctx.emit(export.to_json(export.partnership_document(record)))
    elif fmt == "md":
        ctx.emit(export.render_markdown(record))
    elif fmt == "html":
        from samenwerk_tui.domain.model import utc_now
        from samenwerk_tui.services.export.html import partnership_html

        ctx.emit(partnership_html(record, generated=utc_now()))
    else:
        ctx.emit(export.render_text(record, columns=_columns()))
    return 0


def _guidance(ctx: Context, pid: str, fmt: str) -> int:
    from samenwerk_tui.services.export import guidance as render
    from samenwerk_tui.services.guidance import guidance, guidance_document

    record = ctx.session().record(pid)
    g = guidance(record.partnership)
    ref = record.id[:6]
    if fmt == "json":
        from samenwerk_tui.services.export import to_json

        ctx.emit(to_json(guidance_document(g)))
    elif fmt == "md":
        ctx.emit(render.render_guidance_markdown(g, ref))
    elif fmt == "html":
        from samenwerk_tui.domain.model import utc_now
        from samenwerk_tui.services.export.html import partnership_html

        ctx.emit(partnership_html(record, generated=utc_now(), guidance=g))
    else:
        ctx.emit(render.render_guidance_text(g, ref, columns=_columns()))
    return 0
