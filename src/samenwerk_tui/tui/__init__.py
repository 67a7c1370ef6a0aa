"""The Textual front end. ``run_tui`` is the only entry point the CLI uses (and, before
it, ``ask_to_create`` for a folder that is no workspace yet).

How state and events move here (and so how to add a screen) is in :mod:`.state`'s
docstring: one ``AppState`` flows down to every screen, messages flow up, and every
change is ``state.apply(...)`` returning one ``Change``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samenwerk_tui.services.config import Config
    from samenwerk_tui.services.session import Session


#: Seconds the app waits for the files read while Textual was imported, before it paints
#: a loading state instead. Waiting gives the reading thread the whole interpreter, so an
#: unchanged workspace (from the index cache) is read well within it and the first paint
#: shows the list; a read with many files to parse is not waited for (the reader says so),
#: and the list then shows the partnerships read so far as they come.
PRELOAD_WAIT = 0.25


def run_tui(session: Session, config: Config, *, loaded: bool = True) -> int:
    """Run the workbench on an open session until the user quits; returns the exit code.

    With ``loaded=False`` the session has not read its files yet: the app paints at once
    with a loading state and reads the workspace in a thread worker (unless the session's
    preload finished meanwhile: then it is taken at once).
    """
    from samenwerk_tui.tui.app import SamenwerkApp

    if not loaded and session.reader.wait_for_preload(PRELOAD_WAIT):
        # Read while Textual was imported: taking it is quick, and the first paint then
        # shows the rows (no loading state, no second full paint).
        try:
            session.load()
            loaded = True
        except Exception:  # noqa: BLE001 - the app's worker reads again and says why
            pass
    app = SamenwerkApp(session, config, load=not loaded)
    result = app.run()
    app.style_cache.save()  # (when this run parsed a style sheet the cache did not hold)
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)


def ask_to_create(root: Path, kind: str) -> bool:
    """Ask in the terminal whether to make a workspace at ``root`` (``kind``: "missing"
    or "folder", from ``services.workspaces.folder_kind``); True on a yes."""
    from samenwerk_tui.tui.ask import ask_to_create as ask

    return ask(root, kind)
