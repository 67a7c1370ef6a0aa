"""SVG snapshots of the screens for deciding and acting, at 120×36 and 80×24, in English
on the fixed fixture and in Dutch on the Dutch demo (what a Dutch advisor opens).

Update after checking the report: ``.venv/bin/pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.services.demo import create_demo
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.portfolio import PortfolioScreen
from tests.tui.test_tui_decide import DELIVERY, digits
from tests.tui.test_tui_snapshots import SMALL, WIDE, settled
from tests.tui.tui_fixture import AppPilot, SnapCompare, make_app

#: "Now" for the portfolio's ages and its list of partnerships not updated for 90 days.
NOW = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
SIZES = pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x36", "80x24"])


@pytest.fixture
def dutch_demo(tmp_path: Path) -> Path:
    """The demo as ``SAMENWERK_LANG=nl samenwerk demo`` makes it; the UI in Dutch."""
    i18n.set_language("nl")  # the autouse fixture sets English back afterwards
    root = tmp_path / "demo-nl"
    create_demo(root, "nl")
    return root


def pressing(*keys: str) -> Callable[[AppPilot], Awaitable[None]]:
    """Wait for git's first look, then press ``keys`` and let the screen settle."""

    async def run(pilot: AppPilot) -> None:
        await settled(pilot)
        await pilot.press(*keys)
        await settled(pilot)

    return run


async def portfolio_at_now(pilot: AppPilot) -> None:
    await settled(pilot)
    app = pilot.app
    assert isinstance(app, SamenwerkApp)
    await app.push_screen(PortfolioScreen(app.state, now=NOW))
    await settled(pilot)


# --------------------------------------------------------------------------- English


@SIZES
def test_diagnosis_wizard(
    snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]
) -> None:
    run = pressing("j", "d", "5", "4", "2")  # Senseo, the fourth statement
    assert snap_compare(make_app(workspace), terminal_size=size, run_before=run)


@SIZES
def test_diagnosis_result(
    snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]
) -> None:
    run = pressing("j", "d", *digits(DELIVERY))
    assert snap_compare(make_app(workspace), terminal_size=size, run_before=run)


@SIZES
def test_guidance(snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace), terminal_size=size, run_before=pressing("j", "g"))


@SIZES
def test_perspectives_form(
    snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(workspace), terminal_size=size, run_before=pressing("j", "v"))


@SIZES
def test_portfolio(snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(workspace), terminal_size=size, run_before=portfolio_at_now)


# --------------------------------------------------------------------------- Dutch


@SIZES
def test_dutch_main_screen(
    snap_compare: SnapCompare, dutch_demo: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(dutch_demo), terminal_size=size, run_before=pressing())


@SIZES
def test_dutch_guidance(snap_compare: SnapCompare, dutch_demo: Path, size: tuple[int, int]) -> None:
    # Aanpak Top 500 Grootstad: a programme in its last phase, two advisors who disagree.
    assert snap_compare(make_app(dutch_demo), terminal_size=size, run_before=pressing("g"))


def test_dutch_diagnosis_wizard(snap_compare: SnapCompare, dutch_demo: Path) -> None:
    run = pressing("d", "3", "4")
    assert snap_compare(make_app(dutch_demo), terminal_size=SMALL, run_before=run)


def test_dutch_diagnosis_result(snap_compare: SnapCompare, dutch_demo: Path) -> None:
    run = pressing("d", *digits(DELIVERY))
    assert snap_compare(make_app(dutch_demo), terminal_size=WIDE, run_before=run)


def test_dutch_perspectives_form(snap_compare: SnapCompare, dutch_demo: Path) -> None:
    assert snap_compare(make_app(dutch_demo), terminal_size=SMALL, run_before=pressing("v"))


@SIZES
def test_dutch_portfolio(
    snap_compare: SnapCompare, dutch_demo: Path, size: tuple[int, int]
) -> None:
    # At 80×24 compact: every phase's row of the matrix above the attention list.
    assert snap_compare(make_app(dutch_demo), terminal_size=size, run_before=portfolio_at_now)
