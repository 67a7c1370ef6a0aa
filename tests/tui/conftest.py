"""Fixtures of the TUI tests: a fixed workspace in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.tui_fixture import build_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return build_workspace(tmp_path / "ws")
