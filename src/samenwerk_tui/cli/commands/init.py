"""``samenwerk init PATH [--git]``: a new, empty workspace (optionally a git repository)."""

from __future__ import annotations

import argparse
from pathlib import Path

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context, UsageError

ORDER = 10


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "init", help=i18n.t("cli.init.help"), description=i18n.t("cli.init.help")
    )
    parser.add_argument("path", metavar=i18n.t("cli.metavar.path"), help=i18n.t("cli.init.path"))
    parser.add_argument("--git", action="store_true", help=i18n.t("cli.init.git"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import Workspace

    root = Path(ctx.args.path).expanduser()
    if root.exists() and not root.is_dir():
        raise UsageError("cli.init.not_a_folder", path=str(root))
    existed = Workspace.is_workspace(root)
    Session.open(root, "", create=True)
    if ctx.args.git:
        # Imported here: git support is its own layer, and most commands never need it.
        # A GitError is a SamenwerkError: main says its sentence and exits 1.
        from samenwerk_tui.gitsync.setup import init_repo

        init_repo(root)
    key = "cli.init.exists" if existed else "cli.init.done"
    ctx.emit(safe_text(i18n.t(key, path=str(root))))
    if not existed:
        ctx.emit(safe_text(i18n.t("cli.init.next", path=str(root))))
    return 0
