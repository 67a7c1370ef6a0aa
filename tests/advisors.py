"""An advisor with a clone of a shared workspace: the git side both git test suites share.

Each advisor runs git (and, through ``acting``, the merge drivers git starts) with their own
``GIT_AUTHOR_NAME``; a fixed ``when`` gives fixed commit dates for screens that show them.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class GitAdvisor:
    name: str
    root: Path
    monkeypatch: pytest.MonkeyPatch
    when: str | None = None  # commit date for every git call, if fixed

    def env(self, when: str | None = None) -> dict[str, str]:
        email = f"{self.name.lower()}@example.invalid"
        out = {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": email,
        }
        when = when or self.when
        if when:
            out["GIT_AUTHOR_DATE"] = out["GIT_COMMITTER_DATE"] = when
        return out

    @contextlib.contextmanager
    def acting(self, when: str | None = None) -> Iterator[None]:
        """This advisor at the keyboard (for in-process calls and the drivers they start)."""
        with self.monkeypatch.context() as mp:
            for key, value in self.env(when).items():
                mp.setenv(key, value)
            yield

    def git(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env={**os.environ, **self.env()},
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def file(self, name: str) -> Path:
        return self.root / "partnerships" / name


def make_remote(tmp_path: Path) -> Path:
    """A bare remote on branch main, standing for the team's shared repository."""
    remote = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(remote)], check=True
    )
    return remote


def stop_a_rebase(anna: GitAdvisor, bram: GitAdvisor) -> None:
    """Anna's own ``git pull --rebase`` stops on a README she and Bram both changed: a
    rebase left open in her workspace, as a user's hand git can leave it."""
    (anna.root / "README.md").write_text("Our team\n")
    anna.git("add", "README.md")
    anna.git("commit", "--quiet", "-m", "readme")
    anna.git("push", "--quiet", "origin", "main")
    bram.git("pull", "--quiet", "--no-rebase")
    (bram.root / "README.md").write_text("Bram's team\n")
    bram.git("commit", "--quiet", "--all", "-m", "bram's readme")
    bram.git("push", "--quiet", "origin", "main")
    (anna.root / "README.md").write_text("Anna's team\n")
    anna.git("commit", "--quiet", "--all", "-m", "anna's readme")
    stopped = subprocess.run(
        ["git", "pull", "--rebase", "--quiet"],
        cwd=anna.root,
        env={**os.environ, **anna.env()},
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert stopped.returncode != 0, stopped.stderr
