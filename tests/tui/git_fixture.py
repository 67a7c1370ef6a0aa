"""Two advisors, Anna and Bram, sharing the fixture workspace through a bare remote.

Real git only. Each advisor acts with their own ``GIT_AUTHOR_NAME`` and fixed commit dates
(``GIT_AUTHOR_DATE``/``GIT_COMMITTER_DATE``), so histories, and the screens showing
them, are the same on every run.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tui_fixture import build_workspace

from samenwerk_tui.gitsync.setup import init_repo
from samenwerk_tui.services import sync as git_service
from samenwerk_tui.services.session import Session

SENSEO = "senseo0aaaaa"
RIVIERDAL = "rivier0bbbbb"


@dataclass
class Advisor:
    name: str
    root: Path
    monkeypatch: pytest.MonkeyPatch

    def env(self, when: str) -> dict[str, str]:
        email = f"{self.name.lower()}@example.invalid"
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }

    @contextlib.contextmanager
    def acting(self, when: str = "2026-03-10T09:00:00+00:00") -> Iterator[None]:
        """This advisor at the keyboard at ``when`` (for git, and the drivers git starts)."""
        with self.monkeypatch.context() as mp:
            for key, value in self.env(when).items():
                mp.setenv(key, value)
            yield

    def git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**os.environ, **self.env("2026-03-10T09:00:00+00:00")},
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def session(self) -> Session:
        return Session.open(self.root, self.name, create=False)

    def sync(self, when: str) -> git_service.SyncResult:
        """A sync as ``samenwerk sync`` does it, outside the app."""
        with self.acting(when):
            result = git_service.sync(self.root, author=self.name)
        assert result.status in ("ok", "conflicts"), result
        return result

    def file(self, name: str) -> Path:
        return self.root / "partnerships" / name

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
    remote = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(remote)], check=True
    )
    anna = Advisor("Anna", build_workspace(tmp_path / "anna"), monkeypatch)
    with anna.acting("2026-03-09T08:30:00+00:00"):
        init_repo(anna.root)
    anna.git("remote", "add", "origin", str(remote))
    anna.sync("2026-03-09T08:31:00+00:00")
    subprocess.run(["git", "clone", "--quiet", str(remote), str(tmp_path / "bram")], check=True)
    return Team(remote, anna, Advisor("Bram", tmp_path / "bram", monkeypatch))
