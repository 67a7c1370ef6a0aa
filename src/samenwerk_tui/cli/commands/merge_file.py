"""``samenwerk merge-file BASE OURS THEIRS [PATH]``: the git merge driver.

Registered by ``init --git``, ``sync`` and every open as
``"<python>" -m samenwerk_tui merge-file %O %A %B %P``. Never prints a traceback: git
reads the exit status (0 merged, 1 conflict markers left) and shows stderr to the user.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context
from samenwerk_tui.domain.text import safe_text

ORDER = 140


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("merge-file", help=i18n.t("git.cli.merge_file_help"))
    parser.add_argument(
        "base", metavar=i18n.t("cli.metavar.base"), help=i18n.t("git.cli.merge_base")
    )
    parser.add_argument(
        "ours", metavar=i18n.t("cli.metavar.ours"), help=i18n.t("git.cli.merge_ours")
    )
    parser.add_argument(
        "theirs", metavar=i18n.t("cli.metavar.theirs"), help=i18n.t("git.cli.merge_theirs")
    )
    parser.add_argument(
        "path",
        nargs="?",
        default="",
        metavar=i18n.t("cli.metavar.path"),
        help=i18n.t("git.cli.merge_path"),
    )
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    args = ctx.args
    try:
        from samenwerk_tui.gitsync.driver import run_driver

        outcome = run_driver(Path(args.base), Path(args.ours), Path(args.theirs), args.path)
        if outcome.key:
            sys.stderr.write(f"samenwerk: {safe_text(i18n.t(outcome.key, **outcome.params))}\n")
        return outcome.code
    except Exception:  # noqa: BLE001 - git must get an exit status, never a traceback
        sys.stderr.write(f"samenwerk: {safe_text(i18n.t('git.driver.failed', file=args.path))}\n")
        return 1
