"""SVG snapshots of every screen, on a fixed workspace (fixed ids and dates, no blinking).

Update after checking the report: ``.venv/bin/pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

from tui_fixture import build_workspace

from conftest import make_app
from samenwerk_tui.domain import edits
from samenwerk_tui.store.workspace import Workspace

WIDE = (120, 36)
SMALL = (80, 24)


def test_main_screen_wide(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=WIDE, press=["j"])


def test_main_screen_at_80_by_24(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["j"])


def test_main_screen_very_wide_has_three_columns(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=(160, 40), press=["j"])


def test_new_partnership_form(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["n"])


def test_edit_form(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["j", "e"])


def test_classification_form(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=WIDE, press=["j", "c"])


def test_annotation_form(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["j", "a"])


def test_delete_confirmation(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["j", "x"])


def test_help_screen(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=WIDE, press=["question_mark"])


def test_empty_name_error_in_form(snap_compare, workspace: Path) -> None:
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["n", "ctrl+s"])


def test_a_list_full_of_hostile_names(
    snap_compare, tmp_path: Path, hostile_names: list[str]
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
    assert snap_compare(make_app(root), terminal_size=WIDE, press=press)


def test_a_broken_file_shows_where_and_why(snap_compare, workspace: Path) -> None:
    (workspace / "partnerships" / "kapot-abcdef.toml").write_bytes(b'name = "x\n')
    assert snap_compare(make_app(workspace), terminal_size=SMALL, press=["end"])
