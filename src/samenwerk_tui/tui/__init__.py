"""The Textual front end. ``run_tui`` is the only entry point the CLI uses.

How state and events move here (and so how to add a screen) is in :mod:`.state`'s
docstring: one ``AppState`` flows down to every screen, messages flow up, and every
change is ``state.apply(...)`` returning one ``Change``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session


def run_tui(session: Session, config: Config, *, loaded: bool = True) -> int:
    """Run the workbench on an open session until the user quits; returns the exit code.

    With ``loaded=False`` the session has not read its files yet: the app paints at once
    with a loading state and reads the workspace in a thread worker.
    """
    from samenwerk_tui.tui.app import SamenwerkApp

    app = SamenwerkApp(session, config, load=not loaded)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
