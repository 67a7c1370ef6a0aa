"""The mouse and the clipboard as people expect them in a Textual app, and times shown
in the local time zone (the files keep UTC)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from samenwerk_tui.tui.screens.forms import PartnershipForm
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.test_tui_state import generated
from tests.tui.tui_fixture import build_workspace, file_of, make_app


async def test_a_click_selects_a_row_and_the_wheel_scrolls_the_list(tmp_path: Path) -> None:
    app = make_app(generated(tmp_path / "ws", 200))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listing = app.main.query_one(PartnershipList)
        await pilot.click(PartnershipList, offset=(5, 3))
        await pilot.pause()
        assert listing.cursor == 3 and app.state.selected == listing.rows[3].key
        for _ in range(3):
            listing.post_message(
                events.MouseScrollDown(listing, 5, 5, 0, 1, 0, False, False, False)
            )
        await pilot.pause()
        assert listing.scroll_offset.y > 0  # the view moved; the cursor stays where it was
        assert listing.cursor == 3


async def test_a_click_on_a_footer_key_does_what_the_key_does(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        [new] = [k for k in app.main.query(FooterKey) if k.description == "new"]
        await pilot.click(new)
        await pilot.pause()
        assert isinstance(app.screen, PartnershipForm)


async def test_ctrl_c_copies_the_summary_or_the_notes_as_plain_text(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "ctrl+c")
        await pilot.pause()
        assert app.clipboard == (
            "Senseo\n"
            "Stage: Executing & renewing\n"
            "Primary type: Delivering together\n"
            "- Douwe Egberts (co-principal)\n"
            "- Philips (co-principal)\n"
            "#consumer #product\n"
            "\n"
            "Douwe Egberts and Philips build one coffee system together."
        )
        assert app._notifications and "Copied the summary of Senseo." in [
            n.message for n in app._notifications
        ]
        app.main.query_one("#notes-scroll").focus()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == (
            "2026-03-05 09:00  Anna de Vries  Delivering together  #contract\n"
            "Contract review next month.\n"
            "\n"
            "2026-03-04 09:00  Test Advisor\n"
            "Kick-off went well."
        )


async def test_copied_text_has_no_control_characters(
    tmp_path: Path, hostile_names: list[str]
) -> None:
    app = make_app(build_workspace(tmp_path / "ws", extra_names=hostile_names))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in hostile_names:
            await pilot.press("j", "ctrl+c")
            await pilot.pause()
            assert "\x1b" not in app.clipboard and "\x07" not in app.clipboard
            assert "\x9d" not in app.clipboard and "\u202e" not in app.clipboard


@pytest.fixture
def amsterdam() -> Iterator[None]:
    """The machine's zone is Amsterdam (the autouse fixture puts UTC back afterwards)."""
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    os.environ["TZ"] = "UTC"
    time.tzset()


async def test_notes_and_dates_show_in_local_time_while_the_file_keeps_utc(
    workspace: Path, amsterdam: None
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        notes = str(app.main.query_one(NotesPane).render())
        # Saved at 09:00 UTC on 4 and 5 March: 10:00 in Amsterdam (winter time).
        assert "2026-03-05 10:00  Anna de Vries" in notes
        assert "2026-03-04 10:00  Test Advisor" in notes
        rationale = str(app.main.query_one("#detail-rationale", Static).render())
        assert "2026-03-03" in rationale
    text = file_of(workspace, "senseo0aaaaa").read_text("utf-8")
    assert "created = 2026-03-04 09:00:00+00:00" in text.splitlines()
