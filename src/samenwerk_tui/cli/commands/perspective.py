"""``samenwerk perspective REF NAME SCORE [--comment T]``: score one of the five perspectives.

SCORE is 1 to 5; ``none`` removes the perspective's assessment.
"""

from __future__ import annotations

import argparse

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context

ORDER = 90


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "perspective", help=i18n.t("cli.perspective.help"),
        description=i18n.t("cli.perspective.help"),
    )  # fmt: skip
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument(
        "name", metavar=i18n.t("cli.metavar.perspective"), help=i18n.t("cli.perspective.name")
    )
    parser.add_argument(
        "score", metavar=i18n.t("cli.metavar.score"), help=i18n.t("cli.perspective.score")
    )
    parser.add_argument("--comment", metavar="T", help=i18n.t("cli.perspective.comment"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain.model import check_perspective_score

    args = ctx.args
    name = values.perspective(args.name)
    score: int | None = None
    if args.score.strip().lower() not in values.NONE_WORDS:
        score = check_perspective_score(values.whole_number(args.score, "SCORE"))
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    change = session.set_perspective(record.id, name, score, args.comment)
    report_saved(ctx, record, change)
    return 0
