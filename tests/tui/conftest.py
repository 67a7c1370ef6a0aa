"""Fixtures of the TUI tests: a fixed workspace in tmp_path and an app on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_fixture import build_workspace, open_session

from samenwerk_tui.services.config import Config
from samenwerk_tui.tui.app import SamenwerkApp


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return build_workspace(tmp_path / "ws")


def make_app(root: Path, *, poll: bool = False) -> SamenwerkApp:
    """The app as the CLI makes it, with no polling timer (tests poll explicitly)."""
    return SamenwerkApp(open_session(root), Config(), poll=poll, blink=False)
