"""``samenwerk`` without a command: open the TUI on the workspace."""

from __future__ import annotations

import argparse

from samenwerk_tui.cli.context import Context


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Nothing to register: this is the default when no command is given."""


def run_open(ctx: Context) -> int:
    from samenwerk_tui.tui import run_tui

    session = ctx.session(create=True)
    return run_tui(session, ctx.config)
