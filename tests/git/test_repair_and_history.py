"""Broken merges are rebuilt from their two sides; the list and history see git's state."""

from __future__ import annotations

import os
import subprocess

from samenwerk_tui.domain.query import parse_query
from samenwerk_tui.gitsync.sides import marker_sides
from samenwerk_tui.gitsync.status import changed_files, history, show_at
from samenwerk_tui.services.sync import refresh_changed, repair
from samenwerk_tui.store import codec

from .conftest import Team


def pull_without_driver(team: Team) -> None:
    """Bram, on a fresh clone (no driver defined), pulls with plain git: text markers."""
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.bram.session().add_note(team.senseo_id, "Bram's note")
    team.anna.sync()
    team.bram.git("commit", "--quiet", "--all", "--message", "Bram's note")
    done = subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=team.bram.root,
        env={**os.environ, **team.bram.env()},
        capture_output=True,
    )
    assert done.returncode != 0
    assert b"<<<<<<<" in team.bram.file(team.bram.only_file()).read_bytes()


def test_markers_during_an_unfinished_merge_are_rebuilt_from_the_stages(team: Team) -> None:
    pull_without_driver(team)
    name = team.bram.only_file()
    session = team.bram.session()
    assert session.problems[name].is_conflicted
    result = repair(session, name)
    assert sorted(n.text for n in result.partnership.notes) == ["Anna's note", "Bram's note"]
    run = team.bram.sync()
    assert run.code == 0, run
    assert team.bram.session().problems == {}


def test_markers_committed_by_hand_are_rebuilt_from_the_merge_parents(team: Team) -> None:
    pull_without_driver(team)
    name = team.bram.only_file()
    team.bram.git("commit", "--quiet", "--all", "--no-edit")  # markers and all
    result = repair(team.bram.session(), name)
    assert sorted(n.text for n in result.partnership.notes) == ["Anna's note", "Bram's note"]
    assert codec.decode(team.bram.file(name).read_bytes()) == result.partnership


def test_marker_sections_alone_give_both_sides() -> None:
    text = (
        b"a = 1\n<<<<<<< ours\nb = 2\n||||||| base\nb = 0\n=======\nb = 3\n>>>>>>> theirs\nc = 4\n"
    )
    assert marker_sides(text) == (b"a = 1\nb = 0\nc = 4\n", b"a = 1\nb = 2\nc = 4\n",
                                  b"a = 1\nb = 3\nc = 4\n")  # fmt: skip
    two_way = b"<<<<<<< ours\nx\n=======\ny\n>>>>>>> theirs\n"
    assert marker_sides(two_way) == (None, b"x\n", b"y\n")
    assert marker_sides(b"no markers\n") is None


def test_changed_since_last_commit_feeds_is_changed(team: Team) -> None:
    from samenwerk_tui.domain import edits

    session = team.anna.session()
    assert refresh_changed(session) == set()
    session.add_note(team.senseo_id, "Uncommitted")
    new = session.create(edits.new_partnership("Brand new"))
    assert changed_files(team.anna.root) == {team.anna.only_file_of("senseo"), new.file}
    refresh_changed(session)
    shown = session.filter(parse_query("is:changed"))
    assert sorted(r.partnership.name for r in shown) == ["Brand new", "Senseo"]
    team.anna.sync()
    assert refresh_changed(session) == set()


def test_history_lists_who_changed_a_partnership_and_shows_old_versions(team: Team) -> None:
    name = team.anna.only_file()
    team.bram.session().add_note(team.senseo_id, "Bram was here")
    team.bram.sync()
    entries = history(team.bram.root, name)
    assert [e.author for e in entries] == ["Bram", "Anna"]
    assert entries[0].message == "Senseo: note added"
    assert entries[1].message == "Senseo: created"
    old = show_at(team.bram.root, entries[1].commit, name)
    assert old is not None and codec.decode(old).notes == ()
    assert show_at(team.bram.root, "--output=x", name) is None
