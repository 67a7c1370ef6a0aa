"""The workbench and the user's own git: a union-broken file offers a rebuild (`r`), and a
rebase left open is named on the status line. Real git, real Pilot sessions."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from tests.advisors import stop_a_rebase
from tests.tui.git_fixture import SENSEO, Team, make_team


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    return make_team(tmp_path, monkeypatch)


def app_on(root: Path, name: str) -> SamenwerkApp:
    return SamenwerkApp(Session.open(root, name, create=False), Config(), poll=False, blink=False)


async def settle(pilot: Pilot[int]) -> None:
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return
    raise AssertionError("workers kept running")


def run_git(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **env}, capture_output=True)


async def test_r_rebuilds_a_file_a_colleagues_union_merge_broke(team: Team) -> None:
    team.anna.session().edit(SENSEO, stage=Stage.SHAPE)
    team.anna.sync("2026-03-10T10:00:00+00:00")
    bram = team.bram
    bram.session().edit(SENSEO, stage=Stage.AGREE)
    bram.git("commit", "--quiet", "--all", "--message", "execute")
    attributes = bram.root / ".gitattributes"
    attributes.write_text(attributes.read_text() + "partnerships/*.toml merge=union\n")
    pulled = run_git(bram.root, bram.env(), "-c", "pull.rebase=false", "pull", "--no-edit")
    assert pulled.returncode == 0  # union "merged": duplicate keys, no markers
    name = bram.file_of(SENSEO).name
    assert codec.decode_or_none(bram.file(name).read_bytes()) is None

    app = app_on(bram.root, "Bram")
    with bram.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("end")  # broken files are listed last
            assert app.main.selected_key == "!" + name
            assert app.main.check_action("resolve", ()) is True
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
            assert app.main.selected_key == SENSEO
    rebuilt = codec.decode(bram.file(name).read_bytes())
    assert rebuilt.stage is Stage.AGREE
    assert [(c.field, c.ours, c.theirs) for c in rebuilt.conflicts] == [("stage", "agree", "shape")]


async def test_a_rebase_left_open_is_named_on_the_status_line(team: Team) -> None:
    anna = team.anna
    stop_a_rebase(anna, team.bram)

    app = app_on(anna.root, "Anna")
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        line = str(app.main.query_one("#status", Static).render())
        assert "A git rebase is in progress in this workspace" in line
