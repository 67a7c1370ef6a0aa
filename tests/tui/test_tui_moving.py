"""Moving the same way everywhere: j/k, g/G and ctrl+d/u in lists and panes, tab between
panes, the palette found without accents, and 80x24 with every hint on screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.help import HelpScreen
from samenwerk_tui.tui.screens.portfolio import PortfolioScreen
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from samenwerk_tui.tui.widgets.scroll import Pane
from tests.tui.test_tui_flows import type_text
from tests.tui.tui_fixture import build_workspace, make_app

NAMES = [f"Netwerk {i:02d}" for i in range(40)]


def cursor(app: SamenwerkApp) -> int:
    return app.main.query_one(PartnershipList).cursor


async def test_the_list_moves_like_a_pager_and_g_stays_the_guidance(tmp_path: Path) -> None:
    app = make_app(build_workspace(tmp_path / "ws", extra_names=NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        last = len(app.main.query_one(PartnershipList).rows) - 1
        await pilot.press("G")
        assert cursor(app) == last
        await pilot.press("home", "ctrl+d")
        half = cursor(app)
        assert half > 1
        await pilot.press("ctrl+u")
        assert cursor(app) == 0
        await pilot.press("j", "j", "k")
        assert cursor(app) == 1


async def test_panes_scroll_with_the_pager_keys_and_tab_marks_the_pane_in_use(
    tmp_path: Path,
) -> None:
    app = make_app(build_workspace(tmp_path / "ws", extra_names=NAMES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # at 80x24 every detail is taller than its pane
        await pilot.pause()
        await pilot.press("tab")
        detail = app.main.query_one("#detail-scroll", Pane)
        assert app.focused is detail
        assert detail.styles.border_left[0] == "outer"  # the focused pane is marked
        await pilot.press("G")
        assert detail.scroll_y == detail.max_scroll_y > 0
        await pilot.press("g")
        assert detail.scroll_y == 0
        await pilot.press("ctrl+d")
        assert detail.scroll_y > 0
        await pilot.press("k", "k", "ctrl+u")
        assert detail.scroll_y == 0
        await pilot.press("tab")
        assert app.focused is app.main.query_one("#notes-scroll", Pane)
        assert detail.styles.border_left[0] != "outer"


async def test_help_and_the_portfolio_list_move_with_the_same_keys(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one(Pane)
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y > 0
        await pilot.press("g")
        assert box.scroll_y == 0
        text = app.screen.text()
        assert "tab" in text and "shift+tab" in text  # moving between panes is in the help
        await pilot.press("escape", "p")
        assert isinstance(app.screen, PortfolioScreen)
        choices = app.screen.query_one(OptionList)
        first = choices.highlighted
        await pilot.press("G")
        assert choices.highlighted == choices.option_count - 1
        await pilot.press("g")
        assert choices.highlighted == first  # the first partnership, not a heading


async def test_the_palette_finds_a_name_without_its_accents(tmp_path: Path) -> None:
    root = build_workspace(tmp_path / "ws", extra_names=["Zoë Zorgnetwerk", "Cooperatie Noord"])
    app = make_app(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "zoe")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.selected == "hostile00000"  # Zoë Zorgnetwerk
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "coöp")  # and the other way round
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.selected == "hostile00001"


async def test_at_80_by_24_the_panes_stack_and_the_palette_key_stays_in_the_footer(
    workspace: Path,
) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left = app.main.query_one("#left").region
        detail = app.main.query_one("#detail-scroll").region
        notes = app.main.query_one("#notes-scroll").region
        assert left.width == detail.width == notes.width == 80  # one above the other
        assert left.bottom <= detail.y and detail.bottom <= notes.y
        keys = {k.action: k for k in app.main.query(FooterKey)}
        assert "command_palette" in keys and keys["command_palette"].region.right <= 80
        assert {"help", "quit", "open('guidance')"} <= set(keys)
