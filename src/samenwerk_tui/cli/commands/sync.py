"""``samenwerk sync [-m MSG]``: commit, pull (merge) and push the workspace through git."""

from __future__ import annotations

import argparse
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context

ORDER = 130


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "sync", help=i18n.t("git.cli.sync_help"), description=i18n.t("git.cli.sync_help")
    )
    parser.add_argument("-m", "--message", default="", metavar=i18n.t("cli.metavar.message"),
                        help=i18n.t("git.cli.sync_message"))  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help=i18n.t("git.cli.sync_quiet"))
    parser.set_defaults(run=run)


def run(ctx: Context) -> int:
    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.services.sync import sync
    from samenwerk_tui.services.workspace_git import empty_clone
    from samenwerk_tui.store.workspace import StoreError, Workspace

    root = ctx.workspace_path
    if not Workspace.is_workspace(root):
        raise empty_clone(root) or StoreError("error.no_workspace", path=str(root))
    # Not read: a sync needs the workspace and the author, not the partnerships in memory.
    session = Session(Workspace(root), ctx.author, index=False)
    session.workspace.sweep()
    session.workspace.lock.on_wait = ctx.say_waiting

    def progress(text: str) -> None:
        if not ctx.args.quiet and sys.stderr.isatty():
            sys.stderr.write(f"{safe_text(text)}\n")

    result = sync(session, message=ctx.args.message, progress=progress)
    for sentence in result.messages:
        failed = result.error is not None or result.status == "error"
        stream = sys.stderr if failed and sentence == result.messages[-1] else None
        line = safe_text(sentence)
        if stream is None:
            ctx.emit(line)
        else:
            stream.write(f"samenwerk: {line}\n")
    ctx.emit(safe_text(result.summary()))
    for name in result.conflicted:
        ctx.emit(safe_text(i18n.t("git.sync.conflict_file", file=name)))
    return result.exit_code
