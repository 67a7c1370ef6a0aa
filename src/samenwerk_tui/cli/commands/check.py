"""``samenwerk check``: validate every file; list broken files and recorded conflicts.

Problems go to stdout, one per line, as ``partnerships/<file>:<line>:<column>: <reason>``
(the form editors and terminals turn into links); the closing sentence goes to stderr.
Exit 1 if anything was found.
"""

from __future__ import annotations

import argparse

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context, ProblemsFound

ORDER = 120


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "check", help=i18n.t("cli.check.help"), description=i18n.t("cli.check.help")
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.services import export
    from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

    session = ctx.session()
    lines = [
        f"{export.problem_location(p)}: {safe_text(export.problem_reason(p))}"
        for p in session.sorted_problems()
    ]
    conflicted = 0
    for record in session.sorted_records():
        if record.partnership.conflicts:
            conflicted += 1
        for c in record.partnership.conflicts:
            where = f"{PARTNERSHIPS_DIR}/{record.name}"
            lines.append(f"{where}: {export.conflict_line(c.field, c.ours, c.theirs)}")
    total = len(session.records) + len(session.problems)
    broken = len(session.problems)
    if not lines:
        ctx.emit(safe_text(i18n.t("cli.check.ok", count=total)))
        return 0
    ctx.emit("\n".join(lines))
    raise ProblemsFound("cli.check.found", count=total, broken=broken, conflicted=conflicted)
