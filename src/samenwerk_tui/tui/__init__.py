"""The Textual front end. ``run_tui`` is the only entry point the CLI uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session


def run_tui(session: Session, config: Config) -> int:
    """Run the app on an open session; returns the exit code.

    Placeholder until the TUI lands: says what it would open.
    """
    print(f"samenwerk would open the workspace {session.workspace.root}")
    return 0
