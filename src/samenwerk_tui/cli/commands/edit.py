"""``samenwerk edit REF …``: change name, summary, stage, tags or parties.

``--party NAME[:ROLE]`` adds a party, or sets the role of the party with that name;
``--remove-party NAME`` removes one. Giving no change at all is a usage error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from samenwerk_tui import i18n
from samenwerk_tui.cli import values
from samenwerk_tui.cli.context import Context, UsageError

if TYPE_CHECKING:
    from samenwerk_tui.domain.model import Party

ORDER = 50


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "edit", help=i18n.t("cli.edit.help"), description=i18n.t("cli.edit.help")
    )
    parser.add_argument("ref", metavar="REF", help=i18n.t("cli.opt_ref"))
    parser.add_argument("--name", metavar="T", help=i18n.t("cli.opt_name"))
    parser.add_argument("--summary", metavar="T", help=i18n.t("cli.opt_summary"))
    parser.add_argument("--stage", metavar="S", help=i18n.t("cli.opt_stage"))
    parser.add_argument(
        "--tag", metavar="X", action="append", default=[], help=i18n.t("cli.opt_tag")
    )
    parser.add_argument(
        "--untag", metavar="X", action="append", default=[], help=i18n.t("cli.edit.untag")
    )
    parser.add_argument(
        "--party",
        metavar=i18n.t("cli.metavar.party"),
        action="append",
        default=[],
        help=i18n.t("cli.edit.party"),
    )
    parser.add_argument(
        "--remove-party", metavar=i18n.t("cli.metavar.name"), action="append", default=[],
        help=i18n.t("cli.edit.remove_party"),
    )  # fmt: skip
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.cli.saving import report_saved
    from samenwerk_tui.domain import edits
    from samenwerk_tui.domain.model import clean_name
    from samenwerk_tui.domain.text import fold, normalize_line

    args = ctx.args
    fields: dict[str, Any] = {}
    if args.name is not None:
        fields["name"] = clean_name(args.name)
    if args.summary is not None:
        fields["summary"] = args.summary
    if args.stage is not None:
        fields["stage"] = values.stage(args.stage)
    if args.tag:
        fields["add_tags"] = args.tag
    if args.untag:
        fields["remove_tags"] = args.untag
    added = [edits.parse_party(spec) for spec in args.party]
    removed = {fold(normalize_line(name)) for name in args.remove_party}
    if not fields and not added and not removed:
        raise UsageError("cli.edit.nothing")
    session = ctx.session(write=True)
    record = ctx.resolve(args.ref)
    if added or removed:
        current = record.partnership.parties
        missing = removed - {fold(x.name) for x in current}
        if missing:
            raise UsageError("cli.edit.no_such_party", name=sorted(missing)[0])
        fields["parties"] = merge_parties(current, added, removed)
    change = session.edit(record.id, **fields)
    report_saved(ctx, record, change)
    return 0


def merge_parties(current: tuple[Party, ...], added: list[Party], removed: set[str]) -> list[Party]:
    """Keep order; a party named again gets the new role; removals go last."""
    from samenwerk_tui.domain.model import Party
    from samenwerk_tui.domain.text import fold

    parties = [x for x in current if fold(x.name) not in removed]
    for new in added:
        for i, old in enumerate(parties):
            if fold(old.name) == fold(new.name):
                parties[i] = Party(new.name, new.role or old.role, dict(old.extra))
                break
        else:
            parties.append(new)
    return parties
