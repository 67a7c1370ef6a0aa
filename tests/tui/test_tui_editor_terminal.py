"""``o`` on a real terminal: the app steps aside for the advisor's editor, then reads the
file again. The app runs as ``samenwerk`` does, on a pseudo-terminal; the "editor" is a
small script that fixes the broken file the way an advisor would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.store import codec
from tests.tui.tui_fixture import build_workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")


class Terminal:
    """``samenwerk`` on a pseudo-terminal of 80x24; what it draws is collected."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.primary, secondary = os.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "samenwerk_tui", "-w", str(root)],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            env=env,
            start_new_session=True,
        )
        os.close(secondary)
        self.screen = b""

    def read_until(self, wanted: bytes, seconds: float = 60) -> None:
        """Collect output until ``wanted`` was drawn (the bound only stops a hung app)."""
        deadline = time.monotonic() + seconds
        while wanted not in self.screen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.primary], [], [], 0.2)
            if ready:
                with contextlib.suppress(OSError):
                    self.screen += os.read(self.primary, 65536)
        assert wanted in self.screen, self.screen[-2000:]

    def type(self, data: bytes) -> None:
        os.write(self.primary, data)

    def wait(self, seconds: float = 60) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.primary], [], [], 0.2)
            if ready:
                with contextlib.suppress(OSError):
                    self.screen += os.read(self.primary, 65536)
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        os.close(self.primary)
        return code


def test_o_opens_a_broken_file_in_the_editor_and_reads_it_again(tmp_path: Path) -> None:
    root = build_workspace(tmp_path / "ws")
    broken = root / "partnerships" / "kapot-abcdef.toml"
    broken.write_bytes(b'name = "unterminated\n')
    fixed = codec.encode(edits.new_partnership("Kapot hersteld", pid="abcdef123456"))
    (tmp_path / "fixed.toml").write_bytes(fixed)
    editor = tmp_path / "editor.sh"
    editor.write_text(
        f'#!/bin/sh\ncp "{tmp_path / "fixed.toml"}" "$1"\ntouch "{tmp_path / "ran"}"\n'
    )
    editor.chmod(0o755)
    env = {**os.environ, "EDITOR": str(editor), "TERM": "xterm-256color"}
    env.pop("VISUAL", None)

    terminal = Terminal(root, env)
    terminal.read_until(b"kapot-abcdef.toml")  # the list is up, the broken row in it
    terminal.type(b"\x1b[F")  # end: the broken row
    terminal.read_until(b"line 1, column")  # its detail: where and why it is broken
    terminal.type(b"o")
    terminal.read_until(b"Kapot hersteld")  # read again: back in the list as a partnership
    terminal.type(b"q")
    assert terminal.wait() == 0
    assert (tmp_path / "ran").exists()
    assert broken.read_bytes() == fixed
