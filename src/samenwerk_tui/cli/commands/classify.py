"""``samenwerk classify REF …``: primary type, scores, comments and rationale."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, UsageError

if TYPE_CHECKING:
    from samenwerk_tui.domain.types import AgreementType

ORDER = 60


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "classify", help=i18n.t("cli.classify.help"), description=i18n.t("cli.classify.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument(
        "--primary", metavar=i18n.t("cli.metavar.type_or_none"), help=i18n.t("cli.classify.primary")
    )
    parser.add_argument(
        "--score",
        metavar=i18n.t("cli.metavar.type_score"),
        action="append",
        default=[],
        help=i18n.t("cli.classify.score"),
    )
    parser.add_argument(
        "--comment", metavar=i18n.t("cli.metavar.type_text"), action="append", default=[],
        help=i18n.t("cli.classify.comment"),
    )  # fmt: skip
    parser.add_argument("--rationale", metavar="T", help=i18n.t("cli.classify.rationale"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain.model import check_type_score

    args = ctx.args
    fields: dict[str, Any] = {}
    if args.primary is not None:
        fields["primary"] = values.optional_type(args.primary)
    scores: dict[AgreementType, int] = {}
    for spec in args.score:
        agreement_type, number = values.type_pair(spec, "--score")
        scores[agreement_type] = check_type_score(values.whole_number(number, "--score"))
    comments: dict[AgreementType, str] = {}
    for spec in args.comment:
        agreement_type, text = values.type_pair(spec, "--comment")
        comments[agreement_type] = text
    if scores:
        fields["scores"] = scores
    if comments:
        fields["comments"] = comments
    if args.rationale is not None:
        fields["rationale"] = args.rationale
    if not fields:
        raise UsageError("cli.classify.nothing")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    change = session.classify(record.id, **fields)
    report_saved(ctx, record, change)
    return 0
