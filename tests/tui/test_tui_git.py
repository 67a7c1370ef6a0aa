"""Two advisors on one workspace through git, seen from the workbench: sync, marks, conflicts.

Real git, a bare remote and two clones (``git_fixture``); every assertion reads files or
what the screen shows.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import OptionList, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.config import Config
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.git import SyncProgress
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.history import HistoryScreen, VersionScreen
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.screens.resolve import ConflictEditForm, ResolveScreen
from samenwerk_tui.tui.widgets.notes import NotesPane
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.git_fixture import RIVIERDAL, SENSEO, Team, make_team
from tests.tui.tui_fixture import AppPilot, make_app, open_session


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    return make_team(tmp_path, monkeypatch)


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def app_on(root: Path, name: str) -> SamenwerkApp:
    from samenwerk_tui.services.session import Session

    return SamenwerkApp(Session.open(root, name, create=False), Config(), poll=False, blink=False)


async def settle(pilot: AppPilot) -> None:
    """Wait until every worker (git look, sync, history) has finished and been handled."""
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return
    raise AssertionError("workers kept running")


def status(app: SamenwerkApp) -> str:
    return str(app.main.query_one("#status", Static).render())


def row_names(app: SamenwerkApp) -> list[str]:
    return [row.name for row in app.main.query_one(PartnershipList).rows]


async def select(pilot: AppPilot, pid: str) -> None:
    app = pilot.app
    assert isinstance(app, SamenwerkApp)
    app.main.jump_to(pid)
    await pilot.pause()


async def type_text(pilot: AppPilot, text: str) -> None:
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


class Recorder:
    """Collects the notifications and sync progress the app emitted."""

    def __init__(self) -> None:
        self.notes: list[Notify] = []
        self.progress: list[str] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notes.append(message)
        elif isinstance(message, SyncProgress):
            self.progress.append(message.text)

    def texts(self) -> list[str]:
        return [n.notification.message for n in self.notes]


# --------------------------------------------------------------------------- sync


async def test_s_syncs_both_advisors_notes_and_shows_the_received_one(team: Team) -> None:
    bram = team.bram.session()
    bram.add_note(SENSEO, "Bram: Philips wants a second pad size.")
    team.bram.sync("2026-03-10T10:00:00+00:00")

    seen = Recorder()
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36), message_hook=seen) as pilot:
            await settle(pilot)
            assert "git: all committed" in status(app)
            await select(pilot, SENSEO)
            await pilot.press("a")
            await type_text(pilot, "Anna: contract signed")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "git: 1 changed" in status(app)

            await pilot.press("s")
            await settle(pilot)

            assert isinstance(app.screen, MainScreen)
            assert app.main.selected_key == SENSEO  # the selection is kept
            notes = str(app.main.query_one(NotesPane).render())
            assert "Bram: Philips wants a second pad size." in notes
            assert "Anna: contract signed" in notes
            assert "git: all committed" in status(app) and "last sync" in status(app)
            assert any("fetching from origin" in text for text in seen.progress)
            report = seen.notes[-1]
            assert report.notification.message.startswith("Synced: 1 change sent, 1 received")
            assert report.notification.markup is False

    team.bram.sync("2026-03-10T12:00:00+00:00")
    anna_file = team.anna.file_of(SENSEO)
    bram_file = team.bram.file_of(SENSEO)
    assert anna_file.read_bytes() == bram_file.read_bytes()
    texts = sorted(n["text"] for n in read(anna_file)["notes"])
    assert "Anna: contract signed" in texts and "Bram: Philips wants a second pad size." in texts


async def test_is_changed_marks_an_edited_partnership_and_clears_after_sync(team: Team) -> None:
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            listing = app.main.query_one(PartnershipList)
            assert listing.changed == set()
            await select(pilot, RIVIERDAL)
            await pilot.press("2")  # primary type: goals, saved at once
            await settle(pilot)
            assert listing.changed == {team.anna.file_of(RIVIERDAL).name}

            await pilot.press("slash")
            await type_text(pilot, "is:changed")
            await pilot.press("enter")
            assert row_names(app) == ["Gezond Rivierdal"]
            line = "".join(s.text for s in listing.render_line(0))
            assert "●" in line  # the mark is a symbol, not colour alone

            await pilot.press("s")
            await settle(pilot)
            assert row_names(app) == []
            assert listing.changed == set()
    assert team.anna.git("status", "--porcelain") == ""


async def test_an_outside_change_is_marked_changed_by_the_poll(team: Team) -> None:
    app = SamenwerkApp(
        open_session(team.anna.root), Config(), poll=True, blink=False
    )  # the real poll timer
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        team.anna.session().add_note(SENSEO, "written with the command line")
        await pilot.pause(1.3)  # one poll
        await settle(pilot)
        assert app.main.list.changed == {team.anna.file_of(SENSEO).name}
        assert "git: 1 changed" in status(app)
        await pilot.pause(1.3)  # later polls keep the git state
        assert "git: 1 changed" in status(app)
        assert app.main.check_action("sync", ()) is True


async def test_a_workspace_without_git_says_so_and_offers_no_sync(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "no git" in status(app)
        screen = app.main
        assert screen.check_action("sync", ()) is False  # hidden: cannot run here
        assert screen.check_action("history", ()) is False
        assert screen.check_action("resolve", ()) is False
        await pilot.press("s", "h", "r")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_offline_sync_says_so_in_one_sentence(team: Team) -> None:
    shutil.rmtree(team.remote)
    team.anna.session().add_note(SENSEO, "written on the train")
    seen = Recorder()
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36), message_hook=seen) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            report = seen.notes[-1]
            assert report.notification.severity == "warning"
            assert "offline: your changes are committed locally" in report.notification.message
            assert "last sync" not in status(app)
    assert team.anna.git("status", "--porcelain") == ""  # committed locally


async def test_without_a_remote_sync_commits_locally_and_says_so(workspace: Path) -> None:
    from samenwerk_tui.gitsync.setup import init_repo

    init_repo(workspace)
    open_session(workspace).add_note(SENSEO, "local only")
    seen = Recorder()
    app = make_app(workspace)
    async with app.run_test(size=(120, 36), message_hook=seen) as pilot:
        await settle(pilot)
        assert "git: 1 changed" in status(app)
        await pilot.press("s")
        await settle(pilot)
        assert seen.texts()[-1] == "no remote configured: your changes are committed locally"
        assert "git: all committed" in status(app)


async def test_edits_wait_while_a_sync_runs(team: Team) -> None:
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            state = app.state
            state.git = state.git._replace(syncing=True)  # as during a sync: git owns the files
            with pytest.raises(SamenwerkError) as refused:
                state.apply(lambda session: session.add_note(SENSEO, "too early"))
            assert "sync is running" in i18n.text_of(refused.value)
            assert app.main.check_action("annotate", ()) is None  # greyed meanwhile
            assert app.main.check_action("sync", ()) is None
            assert app.main.check_action("undo", ()) is False  # hidden stays hidden
            state.git = state.git._replace(syncing=False)
    assert "too early" not in team.anna.file_of(SENSEO).read_text("utf-8")


# --------------------------------------------------------------------------- conflicts


def clash_on_summary(team: Team) -> None:
    """Both change Senseo's summary; Bram syncs first, so Anna's sync records a conflict."""
    team.bram.session().edit(SENSEO, summary="Bram's summary.")
    team.bram.sync("2026-03-10T10:00:00+00:00")
    team.anna.session().edit(SENSEO, summary="Anna's summary.")


async def sync_into_conflict(pilot: AppPilot, team: Team) -> None:
    app = pilot.app
    assert isinstance(app, SamenwerkApp)
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert "1 conflict" in status(app)
    data = read(team.anna.file_of(SENSEO))
    assert data["conflicts"] == [
        {"field": "summary", "ours": "Anna's summary.", "theirs": "Bram's summary."}
    ]


@pytest.mark.parametrize(("key", "expected"), [("o", "Anna's summary."), ("t", "Bram's summary.")])
async def test_a_conflict_is_badged_and_r_settles_it(team: Team, key: str, expected: str) -> None:
    clash_on_summary(team)
    seen = Recorder()
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36), message_hook=seen) as pilot:
            await sync_into_conflict(pilot, team)
            assert "select one and press r" in seen.notes[-1].notification.message
            await pilot.press("slash")
            await type_text(pilot, "is:conflict")
            await pilot.press("enter")
            assert row_names(app) == ["Senseo"]
            line = "".join(s.text for s in app.main.list.render_line(0))
            assert "≠" in line
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ResolveScreen)
            shown = " ".join(str(c.render()) for c in app.screen.cards())
            assert "Anna's summary." in shown and "Bram's summary." in shown
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert row_names(app) == []  # nothing left to settle
            assert "All conflicts in Senseo are settled." in seen.texts()
    data = read(team.anna.file_of(SENSEO))
    assert "conflicts" not in data
    assert data["summary"].strip() == expected


async def test_edit_settles_a_text_conflict_with_the_typed_value(team: Team) -> None:
    clash_on_summary(team)
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36)) as pilot:
            await sync_into_conflict(pilot, team)
            await select(pilot, SENSEO)
            await pilot.press("r", "e")
            await pilot.pause()
            assert isinstance(app.screen, ConflictEditForm)
            area = app.screen.query_one(TextArea)
            assert area.text.strip() == "Anna's summary."  # prefilled with ours
            area.text = "Both: one summary we agree on."
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
    data = read(team.anna.file_of(SENSEO))
    assert "conflicts" not in data
    assert data["summary"].strip() == "Both: one summary we agree on."


async def test_a_file_with_conflict_markers_is_repaired_from_both_sides(team: Team) -> None:
    # Anna and Bram both add a note; Bram merges with plain git, which has no driver
    # in his fresh clone: his file gets text conflict markers.
    team.anna.session().add_note(SENSEO, "Anna's note")
    team.anna.sync("2026-03-10T10:00:00+00:00")
    team.bram.session().add_note(SENSEO, "Bram's note")
    team.bram.git("commit", "--quiet", "--all", "--message", "Bram's note")
    pulled = subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=team.bram.root,
        capture_output=True,
    )
    assert pulled.returncode != 0
    name = team.bram.file_of(SENSEO).name
    assert b"<<<<<<<" in team.bram.file(name).read_bytes()

    seen = Recorder()
    app = app_on(team.bram.root, "Bram")
    with team.bram.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(120, 36), message_hook=seen) as pilot:
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
            notes = str(app.main.query_one(NotesPane).render())
            assert "Anna's note" in notes and "Bram's note" in notes
            assert "Repaired Senseo from both sides." in seen.texts()
    texts = sorted(n["text"] for n in read(team.bram.file(name))["notes"])
    assert texts == ["Anna's note", "Bram's note", "Contract review next month.",
                     "Kick-off went well."]  # fmt: skip


# --------------------------------------------------------------------------- history


async def test_h_shows_who_changed_what_and_an_earlier_version(team: Team) -> None:
    team.bram.session().add_note(SENSEO, "Bram: second pad size.")
    team.bram.sync("2026-03-11T14:02:00+00:00")
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-12T09:00:00+00:00"):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            await select(pilot, SENSEO)
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            entries = app.screen.entries
            assert [(e.author, e.message) for e in entries] == [
                ("Bram", "Senseo: note added"),
                ("Anna", "samenwerk: new workspace"),
            ]
            options = app.screen.query_one(OptionList)
            first = str(options.get_option_at_index(0).prompt)
            assert "2026-03-11 14:02" in first and "Bram" in first

            await pilot.press("down", "enter")  # the version before Bram's note
            await settle(pilot)
            assert isinstance(app.screen, VersionScreen)
            notes = str(app.screen.query_one(NotesPane).render())
            assert "Kick-off went well." in notes and "second pad size" not in notes
            await pilot.press("escape")
            assert isinstance(app.screen, HistoryScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


async def test_open_registers_the_merge_driver_in_a_fresh_clone(team: Team) -> None:
    assert team.bram.git("config", "--get", "merge.samenwerk.driver", check=False) == ""
    app = app_on(team.bram.root, "Bram")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert "merge-file" in team.bram.git("config", "--get", "merge.samenwerk.driver")
    assert open_session(team.bram.root).problems == {}


async def test_hostile_conflict_values_are_shown_literally(workspace: Path) -> None:
    from samenwerk_tui.domain.model import Conflict
    from samenwerk_tui.store.workspace import Workspace

    store = Workspace(workspace)
    record = next(r for r in store.load_all().records if r.id == SENSEO)
    hostile = Conflict(
        'parties."[/x] \x1b[2J co".role', "\x1b]52;c;ZXZpbA==\x07[bold]x[/]", "\u202eevil"
    )
    store.save(record, record.partnership.replace(conflicts=(hostile,)))
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, SENSEO)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        card = app.screen.cards()[0]
        assert card._border_title is not None
        shown = str(card.render()) + card._border_title.plain  # as drawn
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "[bold]x[/]" in shown and "[/x]" in shown and "␛" in shown


async def test_at_80_columns_help_and_quit_stay_in_the_footer_beside_undo_sync_resolve(
    team: Team,
) -> None:
    from textual.widgets._footer import FooterKey

    clash_on_summary(team)
    app = app_on(team.anna.root, "Anna")
    with team.anna.acting("2026-03-10T11:00:00+00:00"):
        async with app.run_test(size=(80, 24)) as pilot:
            await sync_into_conflict(pilot, team)
            await select(pilot, SENSEO)
            await pilot.press("2")  # a change to undo
            await settle(pilot)
            keys = list(app.main.query(FooterKey))
            shown = {key.action: key for key in keys}
            for action in ("undo", "sync", "resolve", "help", "quit"):
                assert action in shown, sorted(shown)
            for key in keys:  # nothing cut off at the edge
                assert key.region.right <= 80, (key.action, key.region)
            assert shown["quit"].region.width > 0 and shown["help"].region.width > 0
            await pilot.resize_terminal(160, 36)
            await settle(pilot)
            wide = {key.action for key in app.main.query(FooterKey)}
            assert {"classify", "annotate", "undo", "quit"} <= wide


async def test_the_delete_question_names_git_history_only_in_a_git_workspace(
    team: Team, workspace: Path
) -> None:
    """In git the file's history stays; without git only the app's undo brings it back."""
    for root, name, says in (
        (team.anna.root, "Anna", "git keeps its history"),
        (workspace, "Test", "while the app is open"),
    ):
        app = app_on(root, name)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await select(pilot, SENSEO)
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            question = str(app.screen.query_one(".confirm-question", Static).render())
            assert says in question
            assert ("git" in question) is (root == team.anna.root)
            await pilot.press("n")
            await pilot.pause()
