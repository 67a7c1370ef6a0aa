"""SVG snapshots of the settings' screens: the main screen in each bundled theme and in
Dutch, the welcome pane of an empty workspace and the settings form, at 80×24.

The default theme in English is ``test_tui_snapshots.py::test_main_screen_at_80_by_24``.
Update after checking the report: ``.venv/bin/pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.tui.app import SamenwerkApp
from tests.tui.test_tui_snapshots import SMALL, settled
from tests.tui.tui_fixture import SnapCompare, open_session


def themed(root: Path, theme: str) -> SamenwerkApp:
    return SamenwerkApp(open_session(root), Config(theme=theme), poll=False, blink=False)


@pytest.mark.parametrize("theme", ["samenwerk-light", "samenwerk-contrast"])
def test_main_screen_in_each_bundled_theme(
    snap_compare: SnapCompare, workspace: Path, theme: str
) -> None:
    app = themed(workspace, theme)
    assert snap_compare(app, terminal_size=SMALL, press=["j"], run_before=settled)


def test_main_screen_in_dutch(snap_compare: SnapCompare, workspace: Path) -> None:
    i18n.set_language("nl")
    app = themed(workspace, "samenwerk")
    assert snap_compare(app, terminal_size=SMALL, press=["j"], run_before=settled)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_welcome_pane_of_an_empty_workspace(
    snap_compare: SnapCompare, isolated_env: Path, lang: str
) -> None:
    i18n.set_language(lang)
    # Under the home folder, so the pane shows the same ``~/werk/praktijk`` on every run.
    session = Session.open(isolated_env / "werk" / "praktijk", "Test Advisor", create=True)
    app = SamenwerkApp(session, Config(), poll=False, blink=False)
    assert snap_compare(app, terminal_size=SMALL, run_before=settled)


def test_settings_form(snap_compare: SnapCompare, workspace: Path) -> None:
    app = themed(workspace, "samenwerk")
    assert snap_compare(app, terminal_size=SMALL, press=["comma"], run_before=settled)
