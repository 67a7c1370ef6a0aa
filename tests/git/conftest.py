"""Two advisors, Anna and Bram, sharing a workspace through a bare remote, with real git.

Every git call and every ``samenwerk`` command runs with the advisor's own
``GIT_AUTHOR_NAME``; the shared conftest has already isolated HOME, so a test may write a
``.gitconfig`` there to play a user with unusual settings.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from samenwerk_tui.cli.main import main
from samenwerk_tui.domain import edits
from samenwerk_tui.gitsync.setup import init_repo
from samenwerk_tui.services.session import Session
from tests.advisors import GitAdvisor, make_remote


@dataclass
class Run:
    """A finished ``samenwerk`` command."""

    code: int
    out: str
    err: str


class Advisor(GitAdvisor):
    def samenwerk(self, *args: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        with self.acting(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["-w", str(self.root), *args])
        return Run(code, out.getvalue(), err.getvalue())

    def sync(self, *args: str) -> Run:
        return self.samenwerk("sync", *args)

    def session(self) -> Session:
        return Session.open(self.root, self.name, create=False)

    def only_file_of(self, slug: str) -> str:
        names = sorted(p.name for p in (self.root / "partnerships").glob(f"{slug}-*.toml"))
        assert len(names) == 1, names
        return names[0]

    def only_file(self) -> str:
        names = sorted(p.name for p in (self.root / "partnerships").glob("*.toml"))
        assert len(names) == 1, names
        return names[0]


@dataclass
class Team:
    remote: Path
    anna: Advisor
    bram: Advisor
    senseo_id: str


def clone(remote: Path, root: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Advisor:
    subprocess.run(["git", "clone", "--quiet", str(remote), str(root)], check=True)
    return Advisor(name, root, monkeypatch)


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    """Anna set up the workspace with one partnership (Senseo) and pushed; Bram cloned it."""
    remote = make_remote(tmp_path)
    anna = Advisor("Anna", tmp_path / "anna", monkeypatch)
    with anna.acting():
        init_repo(anna.root)
    anna.git("remote", "add", "origin", str(remote))
    senseo = edits.new_partnership("Senseo", summary="Coffee pads.", tags=["product"])
    anna.session().create(senseo)
    first = anna.sync()
    assert first.code == 0, first
    bram = clone(remote, tmp_path / "bram", "Bram", monkeypatch)
    return Team(remote, anna, bram, senseo.id)
