"""Run ``samenwerk`` as a user would: a subprocess with the isolated environment.

Every command goes through ``python -m samenwerk_tui`` (about 0.2 s each), so tests group
their assertions into user stories instead of one subprocess per fact.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from samenwerk_tui.store.workspace import Workspace

#: Characters that must never reach a terminal raw: C0 but newline and tab, DEL, C1, bidi.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


@dataclass
class Run:
    """A finished ``samenwerk`` command."""

    args: tuple[str | bytes, ...]
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def assert_one_sentence(self) -> None:
        """An error is one line on stderr, never a traceback."""
        assert "Traceback" not in self.err, self.err
        assert self.err.startswith("samenwerk: "), self.err
        assert self.err.count("\n") == 1, self.err


@dataclass
class Samenwerk:
    """The command line bound to one workspace (``SAMENWERK_WORKSPACE``)."""

    workspace: Path
    cwd: Path

    def __call__(self, *args: str | bytes, expect: int | None = 0) -> Run:
        env = {**os.environ, "SAMENWERK_WORKSPACE": str(self.workspace)}
        env.pop("SAMENWERK_DEBUG", None)
        done = subprocess.run(
            [sys.executable, "-m", "samenwerk_tui", *args],
            cwd=self.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
        )
        run = Run(
            tuple(args),
            done.returncode,
            done.stdout.decode("utf-8"),
            done.stderr.decode("utf-8"),
        )
        if expect is not None:
            assert run.code == expect, (args, run.code, run.out, run.err)
        assert "Traceback" not in run.err, run.err
        return run


@pytest.fixture
def samenwerk(tmp_path: Path) -> Samenwerk:
    """``samenwerk`` on ``tmp_path/ws``, made as ``samenwerk init`` makes it (commands
    never make a workspace the user named), run from ``tmp_path``."""
    Workspace.init(tmp_path / "ws")
    return Samenwerk(tmp_path / "ws", tmp_path)


@pytest.fixture
def nowhere(tmp_path: Path) -> Samenwerk:
    """``samenwerk`` on ``tmp_path/nowhere/ws``, which does not exist."""
    return Samenwerk(tmp_path / "nowhere" / "ws", tmp_path)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (outside ``.git``) with its bytes and mtime."""
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def assert_terminal_safe(text: str) -> None:
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw control character {found.group()!r} in output: {text!r}"
