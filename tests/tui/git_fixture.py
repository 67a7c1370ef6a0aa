"""Two advisors, Anna and Bram, sharing the fixture workspace through a bare remote.

Real git only. Each advisor acts with their own ``GIT_AUTHOR_NAME`` and fixed commit dates
(``GIT_AUTHOR_DATE``/``GIT_COMMITTER_DATE``), so histories, and the screens showing
them, are the same on every run.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from samenwerk_tui.gitsync.setup import init_repo
from samenwerk_tui.services import sync as git_service
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import Workspace
from tests.advisors import GitAdvisor, make_remote
from tests.tui.tui_fixture import build_workspace

SENSEO = "senseo0aaaaa"
RIVIERDAL = "rivier0bbbbb"


@dataclass
class Advisor(GitAdvisor):
    when: str | None = "2026-03-10T09:00:00+00:00"

    def session(self) -> Session:
        return Session.open(self.root, self.name, create=False)

    def sync(self, when: str) -> git_service.SyncResult:
        """A sync as ``samenwerk sync`` does it, outside the app."""
        with self.acting(when):
            result = git_service.sync(Session(Workspace(self.root), self.name, index=False))
        assert result.status in ("ok", "conflicts"), result
        return result

    def file_of(self, pid: str) -> Path:
        matches = sorted((self.root / "partnerships").glob(f"*-{pid[:6]}.toml"))
        assert len(matches) == 1, matches
        return matches[0]


@dataclass
class Team:
    remote: Path
    anna: Advisor
    bram: Advisor


def make_team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """Anna made the fixture workspace a repository and pushed it; Bram cloned it."""
    remote = make_remote(tmp_path)
    anna = Advisor("Anna", build_workspace(tmp_path / "anna"), monkeypatch)
    with anna.acting("2026-03-09T08:30:00+00:00"):
        init_repo(anna.root)
    anna.git("remote", "add", "origin", str(remote))
    anna.sync("2026-03-09T08:31:00+00:00")
    subprocess.run(["git", "clone", "--quiet", str(remote), str(tmp_path / "bram")], check=True)
    return Team(remote, anna, Advisor("Bram", tmp_path / "bram", monkeypatch))
