"""SVG snapshots of every screen, on a fixed workspace (fixed ids and dates, no blinking).

Update after checking the report: ``.venv/bin/pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Conflict
from samenwerk_tui.services.config import Config
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from tests.tui.git_fixture import make_team
from tests.tui.tui_fixture import (
    AppPilot,
    SnapCompare,
    build_workspace,
    make_app,
    open_session,
)

WIDE = (120, 36)
SMALL = (80, 24)


async def settled(pilot: AppPilot) -> None:
    """Wait for the look at git (a worker) so the status line is the same on every run."""
    for _ in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


def test_main_screen_wide(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=WIDE, press=["j"], run_before=settled)


def test_main_screen_at_80_by_24(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["j"], run_before=settled)


def test_main_screen_very_wide_has_three_columns(
    snap_compare: SnapCompare, workspace: Path
) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=(160, 40), press=["j"], run_before=settled
    )


def test_new_partnership_form(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["n"], run_before=settled)


def test_edit_form(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=SMALL, press=["j", "e"], run_before=settled
    )


def test_classification_form(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=WIDE, press=["j", "c"], run_before=settled
    )


def test_annotation_form(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=SMALL, press=["j", "a"], run_before=settled
    )


def test_delete_confirmation(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=SMALL, press=["j", "x"], run_before=settled
    )


def test_help_screen(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=WIDE, press=["question_mark"], run_before=settled
    )


def test_empty_name_error_in_form(snap_compare: SnapCompare, workspace: Path) -> None:
    assert snap_compare(
        make_app(workspace), terminal_size=SMALL, press=["n", "ctrl+s"], run_before=settled
    )


def test_a_list_full_of_hostile_names(
    snap_compare: SnapCompare, tmp_path: Path, hostile_names: list[str]
) -> None:
    root = build_workspace(tmp_path / "ws", extra_names=hostile_names)
    # A hostile note on the first hostile partnership, and a broken file.
    workspace = Workspace(root)
    record = workspace.load_all().records
    target = next(r for r in record if r.id == "hostile00000")
    noted, _ = edits.add_note(
        target.partnership,
        "\x1b[31mred?\x1b[0m [/x] [bold]not bold[/bold] \u202eevil\n" + "long " * 200,
        author="[i]Author[/i]",
        now=target.partnership.created,
        note_id="hostnote",
    )
    workspace.save(target, noted)
    (root / "partnerships" / "kapot-abcdef.toml").write_bytes(b"<<<<<<< ours\nname = 1\n")
    press = ["j"]  # "[/x] partner", which has the hostile note
    assert snap_compare(make_app(root), terminal_size=WIDE, press=press, run_before=settled)


def test_a_broken_file_shows_where_and_why(snap_compare: SnapCompare, workspace: Path) -> None:
    (workspace / "partnerships" / "kapot-abcdef.toml").write_bytes(b'name = "x\n')
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["end"], run_before=settled)


# --------------------------------------------------------------------------- git screens


def test_resolution_screen_at_80_by_24(snap_compare: SnapCompare, workspace: Path) -> None:
    """Three recorded conflicts on Senseo: a text, the primary type, a note's text."""
    store = Workspace(workspace)
    record = next(r for r in store.load_all().records if r.id == "senseo0aaaaa")
    conflicts = (
        Conflict(
            "summary", "One coffee system, two brands.", "A coffee pad system [/x] built together."
        ),
        Conflict("classification.primary", "deliver", "goals"),
        Conflict("notes.note0001.text", "Kick-off went well.", None),
    )
    store.save(record, record.partnership.replace(conflicts=conflicts))
    assert snap_compare(
        make_app(workspace), terminal_size=SMALL, press=["j", "r"], run_before=settled
    )


def test_history_screen(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bram added a note on 10 March; Anna synced and looks at Senseo's history."""
    team = make_team(tmp_path, monkeypatch)
    bram = team.bram.session()
    bram.update(
        "senseo0aaaaa",
        lambda p: edits.add_note(
            p, "Philips wants a second pad size.", author="Bram",
            now=datetime(2026, 3, 10, 9, 58, tzinfo=UTC), note_id="note0003",
        )[0],
    )  # fmt: skip
    team.bram.sync("2026-03-10T10:00:00+00:00")
    team.anna.sync("2026-03-11T09:00:00+00:00")

    async def open_history(pilot: AppPilot) -> None:
        await settled(pilot)
        await pilot.press("j", "h")
        await settled(pilot)

    with team.anna.acting("2026-03-11T09:05:00+00:00"):
        app = SamenwerkApp(open_session(team.anna.root), Config(), poll=False, blink=False)
        assert snap_compare(app, terminal_size=WIDE, run_before=open_history)
