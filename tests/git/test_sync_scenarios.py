"""Two advisors work on the same partnerships on the same day and press sync."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.gitsync.setup import driver_command
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Workspace

from .conftest import Team


def both_synced(team: Team) -> None:
    """Anna syncs, Bram syncs, Anna syncs again: both end on the same commit."""
    team.anna.sync()
    team.bram.sync()
    team.anna.sync()
    assert team.anna.git("rev-parse", "HEAD") == team.bram.git("rev-parse", "HEAD")


def test_both_add_a_note_to_one_partnership(team: Team) -> None:
    team.anna.session().add_note(team.senseo_id, "Anna met Philips.")
    team.bram.session().add_note(team.senseo_id, "Bram met Douwe Egberts.")

    assert team.anna.sync().code == 0
    bram = team.bram.sync()
    assert bram.code == 0, bram
    assert "1 change sent, 1 received" in bram.out
    team.anna.sync()

    name = team.anna.only_file()
    data = team.anna.file(name).read_bytes()
    assert data == team.bram.file(name).read_bytes()
    merged = codec.decode(data)
    assert sorted(n.text for n in merged.notes) == ["Anna met Philips.", "Bram met Douwe Egberts."]
    assert merged.conflicts == ()
    assert team.bram.git("status", "--porcelain") == ""
    # The merge commit has two parents and names the colleagues' changes.
    assert len(team.bram.git("log", "-1", "--format=%P").split()) == 2


def test_different_fields_merge_without_conflict(team: Team) -> None:
    team.anna.session().classify(team.senseo_id, primary=AgreementType.GOALS)
    team.bram.session().edit(team.senseo_id, stage=Stage.EXECUTE, add_tags=["zorg"])
    both_synced(team)
    p = codec.decode(team.bram.file(team.bram.only_file()).read_bytes())
    assert p.primary is AgreementType.GOALS
    assert p.stage is Stage.EXECUTE
    assert p.tags == ("product", "zorg")
    assert p.conflicts == ()


def test_same_field_keeps_ours_and_records_the_conflict(team: Team) -> None:
    team.anna.session().classify(team.senseo_id, primary=AgreementType.DELIVER)
    team.bram.session().classify(team.senseo_id, primary=AgreementType.GOALS)
    assert team.anna.sync().code == 0
    bram = team.bram.sync()
    assert bram.code == 1
    assert "conflicts in 1 partnership" in bram.out
    p = codec.decode(team.bram.file(team.bram.only_file()).read_bytes())
    assert p.primary is AgreementType.GOALS
    assert [(c.field, c.ours, c.theirs) for c in p.conflicts] == [
        ("classification.primary", "goals", "deliver")
    ]
    # Anna receives the same file, conflict and all.
    team.anna.sync()
    assert (
        team.anna.file(team.anna.only_file()).read_bytes()
        == team.bram.file(team.bram.only_file()).read_bytes()
    )


def test_deleted_here_edited_there_is_kept_with_a_message(team: Team) -> None:
    name = team.anna.only_file()
    team.anna.session().delete(team.senseo_id)
    team.bram.session().add_note(team.senseo_id, "Still running!")
    assert team.anna.sync().code == 0
    bram = team.bram.sync()
    assert bram.code == 0, bram
    assert "kept Senseo: deleted elsewhere but changed here" in bram.out
    assert team.bram.file(name).exists()
    team.anna.sync()
    p = codec.decode(team.anna.file(name).read_bytes())
    assert [n.text for n in p.notes] == ["Still running!"]


def test_edited_elsewhere_deleted_here_is_kept_too(team: Team) -> None:
    name = team.anna.only_file()
    team.anna.session().add_note(team.senseo_id, "Still running!")
    team.bram.session().delete(team.senseo_id)
    assert team.anna.sync().code == 0
    bram = team.bram.sync()
    assert "kept Senseo: deleted here but changed elsewhere" in bram.out
    assert [n.text for n in codec.decode(team.bram.file(name).read_bytes()).notes] == [
        "Still running!"
    ]


def test_both_create_science_park_gives_two_files(team: Team) -> None:
    team.anna.session().create(edits.new_partnership("Science Park"))
    team.bram.session().create(edits.new_partnership("Science Park"))
    both_synced(team)
    names = sorted(p.name for p in (team.bram.root / "partnerships").glob("science-park-*.toml"))
    assert len(names) == 2
    session = team.bram.session()
    assert sorted(r.partnership.name for r in session.sorted_records()) == [
        "Science Park",
        "Science Park",
        "Senseo",
    ]
    assert session.problems == {}


def test_offline_commits_locally_and_exits_1(team: Team) -> None:
    team.remote.rename(team.remote.with_name("gone.git"))
    team.anna.session().add_note(team.senseo_id, "Written on the train.")
    run = team.anna.sync()
    assert run.code == 1
    assert "offline: your changes are committed locally" in run.out
    assert "Senseo: note added" in team.anna.git("log", "-1", "--format=%s")
    assert team.anna.git("status", "--porcelain") == ""


def test_fresh_clone_gets_the_driver_on_first_sync(team: Team) -> None:
    config = ["config", "--local", "--get", "merge.samenwerk.driver"]
    assert team.bram.git(*config, check=False) == ""
    team.bram.sync()
    assert team.bram.git(*config).strip() == driver_command()


def test_user_config_with_rebase_and_ff_only_still_merges(team: Team) -> None:
    gitconfig = Path(os.environ["HOME"]) / ".gitconfig"
    gitconfig.write_text("[pull]\n\trebase = true\n\tff = only\n[merge]\n\tff = only\n")
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.bram.session().add_note(team.senseo_id, "Bram's note")
    team.anna.sync()
    started = time.monotonic()
    run = team.bram.sync()
    assert time.monotonic() - started < 20
    assert run.code == 0, run
    assert len(team.bram.git("log", "-1", "--format=%P").split()) == 2


def test_pull_touching_fifty_files_reports_exactly_those(team: Team) -> None:
    from samenwerk_tui.services.sync import sync

    session = team.anna.session()
    created = [session.create(edits.new_partnership(f"Partner {i}")).file for i in range(50)]
    team.anna.sync()
    bram_session = team.bram.session()
    with team.bram.acting():
        result = sync(Session(Workspace(team.bram.root), "Bram"))
    assert result.exit_code == 0
    assert sorted(result.changed_names) == sorted(created)
    assert result.received == 50
    refresh = bram_session.reload_names(result.changed_names)
    assert len(refresh.changed) == 50
    assert len(bram_session.records) == 51


def test_missing_driver_command_then_sync_keeps_both_sides(team: Team) -> None:
    """Rule 15: a driver that cannot run leaves "ours" without markers; sync repairs it."""
    team.anna.session().add_note(team.senseo_id, "Anna's side")
    team.bram.session().classify(team.senseo_id, primary=AgreementType.MOVEMENT)
    team.anna.sync()
    # Bram commits by hand, with a driver registered by a Python that no longer exists.
    team.bram.git("commit", "--quiet", "--all", "--message", "Bram's side")
    team.bram.git("config", "merge.samenwerk.driver", "/nonexistent/python -m x %O %A %B")
    pulled = subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=team.bram.root,
        capture_output=True,
        text=True,
        env={**os.environ, **team.bram.env()},
    )
    assert pulled.returncode != 0
    assert b"<<<<<<<" not in team.bram.file(team.bram.only_file()).read_bytes()
    assert team.bram.git("ls-files", "-u")  # unmerged, work tree holds only Bram's side
    run = team.bram.sync()
    assert run.code == 0, run
    committed = codec.decode(
        team.bram.git("show", f"HEAD:partnerships/{team.bram.only_file()}").encode()
    )
    assert committed.primary is AgreementType.MOVEMENT
    assert [n.text for n in committed.notes] == ["Anna's side"]


def test_commit_message_names_the_changes_without_control_characters(team: Team) -> None:
    session = team.anna.session()
    session.create(edits.new_partnership("Evil\x1b[2J Co"))
    session.add_note(team.senseo_id, "A note")
    team.anna.sync()
    message = team.anna.git("log", "-1", "--format=%B")
    assert "Senseo: note added" in message
    assert "Co: created" in message
    assert not any(ord(ch) < 32 and ch not in "\n" for ch in message)
