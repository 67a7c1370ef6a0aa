"""What every command gets: parsed arguments, config, workspace, author, a session."""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.errors import EXIT_USAGE, SamenwerkError
from samenwerk_tui.services.config import Config, data_dir, find_author, resolve_workspace

if TYPE_CHECKING:
    import argparse

    # Imported where used: opening a session pulls in the store and the domain model,
    # which building the parser and ``--help`` do not need (start-up time).
    from samenwerk_tui.services.session import Session
    from samenwerk_tui.store.workspace import Record


class UsageError(SamenwerkError):
    """Bad usage or bad input: exit 2, nothing written. ``key`` names the sentence."""

    exit_code = EXIT_USAGE


class ProblemsFound(SamenwerkError):
    """The command ran and found problems: exit 1. ``key`` names the sentence."""


@dataclass
class Context:
    args: argparse.Namespace | SimpleNamespace  # (a plain open is read without argparse)
    config: Config
    _session: Session | None = field(default=None, init=False)
    _author: str | None = field(default=None, init=False)
    #: The terminal app asks for a name itself, so it needs no note about the login name.
    quiet_author: bool = field(default=False, init=False)

    @property
    def workspace_path(self) -> Path:
        return resolve_workspace(getattr(self.args, "workspace", None), self.config)

    @property
    def may_create_workspace(self) -> bool:
        """Whether a missing workspace may be made without asking: only the first-run
        default (no ``-w``, no ``$SAMENWERK_WORKSPACE``, none configured, none opened
        before). A folder the user named is never made a workspace by accident: ``init``
        and ``demo`` make one on purpose, the TUI asks first."""
        named = (
            getattr(self.args, "workspace", None)
            or os.environ.get("SAMENWERK_WORKSPACE")
            or self.config.workspace
        )
        return not named and self.workspace_path == data_dir() / "workspace"

    @property
    def author(self) -> str:
        """Who signs the changes; a login name stands in only with a note on stderr."""
        if self._author is None:
            found = find_author(self.config, self.workspace_path)
            if found.source == "login" and not self.quiet_author:
                from samenwerk_tui.domain.text import safe_text

                note = i18n.t("cli.author.login", name=found.name, file=str(self.config.file))
                sys.stderr.write(f"samenwerk: {safe_text(note)}\n")
            self._author = found.name
        return self._author

    def session(self, *, create: bool = False, write: bool | None = None) -> Session:
        """Open the workspace.

        ``create`` makes a missing workspace, but only the first-run default
        (:attr:`may_create_workspace`); any other missing one is refused with the sentence
        that names ``samenwerk init PATH``. ``write`` defaults to
        ``create``; a read-only session (``write=False``) neither creates nor sweeps
        anything and does not ask git for the author, so ``list``, ``show``, ``check`` and
        ``export`` leave the folder byte for byte as they found it.
        """
        if self._session is None:
            from samenwerk_tui.services.session import Session
            from samenwerk_tui.store.workspace import StoreError, Workspace

            root = self.workspace_path
            writing = create if write is None else write
            if not Workspace.is_workspace(root):
                from samenwerk_tui.services.workspace_git import empty_clone

                empty = empty_clone(root)
                if empty is not None:  # a clone on an empty branch: say which to check out
                    raise empty
                if not (create and self.may_create_workspace):
                    raise StoreError("error.no_workspace", path=str(root))
            if writing or create:
                self._session = Session.open(root, self.author, create=create)
            else:
                self._session = Session(Workspace(root), "")
                self._session.load()
            self._session.workspace.lock.on_wait = self.say_waiting
            # The records read live until the command ends: no garbage collection need
            # walk them again (at 10,000 partnerships each full one takes 60-120 ms).
            gc.freeze()
        return self._session

    def say_waiting(self) -> None:
        """A save (or sync) has to wait for the workspace lock: say so on stderr."""
        sys.stderr.write(f"samenwerk: {i18n.t('cli.waiting')}\n")
        sys.stderr.flush()

    def resolve(self, ref: str) -> Record:
        """The one partnership ``ref`` names (see :meth:`Session.resolve`).

        A ref naming a file that cannot be read gets that file's problem as the answer,
        rather than "no partnership matches".
        """
        from samenwerk_tui.services.session import RefError
        from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

        session = self.session()
        try:
            return session.resolve(ref)
        except RefError as exc:
            wanted = ref.strip()
            for problem in session.sorted_problems():
                if exc.key == "error.ref_none" and _names_problem(wanted, problem.name):
                    reason = i18n.text_of(problem)
                    where = f"{PARTNERSHIPS_DIR}/{problem.name}:{problem.line}:{problem.column}"
                    raise ProblemsFound("cli.unreadable", where=where, reason=reason) from None
            raise

    def emit(self, text: str) -> None:
        """Write ``text`` (already safe) to stdout with one trailing newline."""
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _names_problem(ref: str, name: str) -> bool:
    """True when ``ref`` names the unreadable file ``name``: its file name, or its id.

    The id of a file that cannot be read is known only from its name (``<slug>-<id6>``),
    so an id, or an id prefix of at least four characters, matches those six characters.
    """
    from pathlib import PurePath

    from samenwerk_tui.store.workspace import FILE_NAME

    base = PurePath(ref).name
    if base in (name, name[:-5]):
        return True
    match = FILE_NAME.fullmatch(name)
    if match is None or len(ref) < 4:
        return False
    id6, wanted = match.group(1), ref.lower()
    return wanted.startswith(id6) if len(wanted) >= 6 else id6.startswith(wanted)
