"""What every command gets: parsed arguments, config, workspace, author, a session."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from samenwerk_tui.services.config import Config, resolve_author, resolve_workspace
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import StoreError, Workspace


class UsageError(Exception):
    """Bad usage or bad input: exit 2, nothing written. ``key`` names the sentence."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class ProblemsFound(Exception):
    """The command ran and found problems: exit 1. ``key`` names the sentence."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass
class Context:
    args: argparse.Namespace
    config: Config
    _session: Session | None = field(default=None, init=False)

    @property
    def workspace_path(self) -> Path:
        return resolve_workspace(getattr(self.args, "workspace", None), self.config)

    @property
    def author(self) -> str:
        return resolve_author(self.config, self.workspace_path)

    def session(self, *, create: bool = False) -> Session:
        """Open the workspace; read-only commands pass ``create=False``."""
        if self._session is None:
            root = self.workspace_path
            if not create and not Workspace.is_workspace(root):
                raise StoreError("error.no_workspace", path=str(root))
            self._session = Session.open(root, self.author, create=create)
        return self._session
