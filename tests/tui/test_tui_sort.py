"""Sorting the list: one key cycles name, last updated, stage, type and what needs
attention; the status line says which; the choice is kept per workspace in the user's
config (never in the workspace), and sorting thousands of partnerships builds no model."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Conflict, Partnership
from samenwerk_tui.domain.ordering import SORTS, next_sort
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.config import Config, load_config, workspace_key
from samenwerk_tui.store import lean
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.test_tui_state import generated
from tests.tui.tui_fixture import at, build_workspace, open_session


def names(app: SamenwerkApp) -> list[str]:
    return [row.name for row in app.main.query_one(PartnershipList).rows]


def status(app: SamenwerkApp) -> str:
    return str(app.main.query_one("#status", Static).render())


def restart(root: Path) -> SamenwerkApp:
    return SamenwerkApp(open_session(root), load_config(), poll=False, blink=False)


def with_attention_cases(root: Path) -> Path:
    """The fixture, plus a partnership with a recorded conflict and a broken file."""
    build_workspace(root)
    workspace = Workspace(root)
    disputed = edits.new_partnership("Zuidas", stage=Stage.EXPLORE, now=at(9), pid="zuidas0ddddd")
    disputed = edits.classify(disputed, by="Anna", primary=AgreementType.GOALS, now=at(9))
    disputed = disputed.replace(conflicts=(Conflict("stage", "explore", "share", {}),))
    workspace.create(disputed)
    (root / "partnerships" / "broken.toml").write_text("name = [", "utf-8")
    return root


def test_the_sort_key_cycles_through_every_order_and_back() -> None:
    seen = ["name"]
    for _ in SORTS:
        seen.append(next_sort(seen[-1]))
    assert seen == [*SORTS, "name"]
    assert next_sort("name", -1) == "attention"
    assert next_sort("made-up") == "updated"  # an unknown config value counts as the default


async def test_each_order_shows_in_the_list_and_the_status_line(tmp_path: Path) -> None:
    root = with_attention_cases(tmp_path / "ws")
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        orders = {}
        labels = ["name", "last updated", "stage", "type", "needs attention"]
        for sort, label in zip(SORTS, labels, strict=True):
            assert app.state.sort == sort
            assert f" · sorted by {label} · " in status(app)
            orders[sort] = names(app)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert "sorted by name" in status(app)
    senseo, rivierdal, schiphol = "Senseo", "Gezond Rivierdal", "Terminal cleaning Schiphol"
    assert orders["name"] == [rivierdal, senseo, schiphol, "Zuidas", "broken.toml"]
    # Newest first: Zuidas (day 9), Schiphol (7), Rivierdal (6), Senseo (3).
    assert orders["updated"] == ["Zuidas", schiphol, rivierdal, senseo, "broken.toml"]
    # explore, agree, shape, execute.
    assert orders["stage"] == ["Zuidas", rivierdal, schiphol, senseo, "broken.toml"]
    # deliver, goals, then unclassified by name.
    assert orders["type"] == [senseo, "Zuidas", rivierdal, schiphol, "broken.toml"]
    # Conflicts, broken files, unclassified, the rest.
    assert orders["attention"] == ["Zuidas", "broken.toml", rivierdal, schiphol, senseo]


async def test_the_order_is_kept_per_workspace_in_the_user_config(tmp_path: Path) -> None:
    first, second = build_workspace(tmp_path / "one"), build_workspace(tmp_path / "two")
    app = restart(first)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert app.state.sort == "stage"
    assert load_config().sort == {workspace_key(first): "stage"}
    # Nothing of it in the workspace (the lock file git ignores is not a preference).
    assert sorted(p.name for p in first.iterdir() if p.name != ".samenwerk.lock") == [
        ".gitattributes",
        ".gitignore",
        "partnerships",
        "samenwerk.toml",
    ]

    again = restart(first)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert again.state.sort == "stage" and "sorted by stage" in status(again)
        assert names(again)[0] == "Gezond Rivierdal"  # agree comes before shape and execute
    other = restart(second)
    async with other.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert other.state.sort == "name"
        await pilot.press("left_square_bracket")  # backwards: the last order of the cycle
        await pilot.pause()
        assert other.state.sort == "attention"


async def test_sorting_thousands_of_partnerships_builds_no_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path / "ws", 2_000)
    built: list[str] = []
    unpack = lean.unpack

    def counting_unpack(packed: lean.Packed) -> Partnership:
        built.append(str(packed[0]))
        return unpack(packed)

    monkeypatch.setattr(lean, "unpack", counting_unpack)
    app = SamenwerkApp(open_session(root), Config(), poll=False, blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in SORTS:
            built.clear()
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert len(built) <= 1  # at most the one the detail pane shows
        await pilot.press("right_square_bracket")  # updated: newest first
        await pilot.pause()
        assert names(app)[0] == "Zorgnetwerk regio 01999"
