"""Opening a partnership file in the advisor's own editor (``o`` in the terminal app).

The way to fix a file samenwerk cannot read: the editor is ``$VISUAL``, else ``$EDITOR``
(either may carry options: ``code --wait``), else the first of ``nano`` and ``vi`` found,
as git chooses. The caller suspends its screen around :func:`run_editor` and re-reads the
file afterwards; whatever the editor left is read like any change from outside.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Problem, Record, Session

FALLBACKS = ("nano", "vi")


class EditorError(SamenwerkError):
    """No editor could be started; ``key`` says why."""


def editor_command() -> list[str]:
    """The editor to run, as a command line; :class:`EditorError` if there is none, or the
    one the environment names cannot be found (said before any screen is handed over)."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words and shutil.which(words[0]) is None:
                raise EditorError("editor.not_found", editor=words[0], variable=variable)
            if words:
                return words
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    raise EditorError("editor.none")


def run_editor(command: list[str], path: Path) -> EditorError | None:
    """Run the editor on ``path`` and wait for it; what went wrong, as a value (the caller
    has handed the terminal over and must take it back whatever happens).

    The file's path is one argument, never parsed by a shell.
    """
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        return EditorError("editor.failed", editor=command[0], reason=exc.strerror or str(exc))
    return None


def reopen(session: Session, name: str) -> Record | Problem | None:
    """Re-read ``name`` after the editor closed: the partnership, why it is still broken,
    or None when the file is gone."""
    session.reload_names([name])
    found = next((r for r in session.records.values() if r.name == name), None)
    return found or session.problems.get(name)


def path_of(session: Session, name: str) -> Path:
    """Where the partnership file ``name`` is."""
    return session.workspace.path_of(name)
