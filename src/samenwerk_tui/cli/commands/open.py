"""``samenwerk`` without a command: open the TUI on the workspace (created if missing)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context

if TYPE_CHECKING:
    import argparse

    from samenwerk_tui.services.session import Session


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Nothing to register: this is the default when no command is given."""


def run_open(ctx: Context) -> int:
    """Open the TUI. A named folder that is no workspace is made one only after a yes in
    the terminal (without a terminal: refused, with the sentence naming ``init``)."""
    from samenwerk_tui.errors import SamenwerkError
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.services.workspaces import folder_kind

    ctx.quiet_author = True  # the app asks for a name if it only has the login name
    root = ctx.workspace_path
    kind = folder_kind(root)
    if kind == "folder":
        from samenwerk_tui.services.workspace_git import empty_clone

        empty = empty_clone(root)
        if empty is not None:  # a clone on an empty branch: never make a workspace there
            raise empty
    if kind != "workspace" and not ctx.may_create_workspace:
        if kind == "file" or not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise SamenwerkError("error.no_workspace", path=str(root))
        from samenwerk_tui.tui import ask_to_create

        if not ask_to_create(root, kind):
            return 0
    # The author is asked of git at the first change, not before the first paint.
    session = Session.open(root, lambda: ctx.author, create=True, load=False)
    return open_tui(ctx, session, loaded=False)


def open_tui(ctx: Context, session: Session, *, loaded: bool = True) -> int:
    """Start the terminal app, or, without a terminal, say what it would have opened.

    A full-screen app on a pipe or in a script would wait forever for keys nobody types,
    so without a terminal on both stdin and stdout it prints one line and exits 0.
    ``loaded=False``: the session has not read its files; the app paints first and reads
    them in a worker (DESIGN §7: the list is interactive sooner).
    """
    from samenwerk_tui.domain.text import safe_text

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        path = str(session.workspace.root)
        ctx.emit(safe_text(i18n.t("cli.no_terminal", path=path)))
        return 0
    if not loaded:
        session.preload()  # reading overlaps with importing and starting Textual
    # Imported here: Textual is only loaded when the app really starts.
    from samenwerk_tui.tui import run_tui

    return run_tui(session, ctx.config, loaded=loaded)
