"""A sync never loses a save, never pairs two partnerships, never publishes a broken file.

Issue 8, items 1-3, with real clones of a bare remote. The writer in the first story is a
separate process adding notes through the command line's own ``main`` as fast as it can,
exactly as an advisor's second terminal would, while the other terminal's sync merges.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.gitsync.driver import run_driver
from samenwerk_tui.store import codec

from .conftest import Advisor, Team

#: Adds notes through ``samenwerk note`` until the file ``stop`` appears; prints each saved.
WRITER = textwrap.dedent(
    """
    import contextlib, io, random, sys
    from pathlib import Path
    from samenwerk_tui.cli.main import main

    root, stop, ids = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    rng = random.Random(7)
    i = 0
    while not stop.exists():
        text = f"second terminal {i}"
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["-w", root, "note", rng.choice(ids), text])
        if code == 0 and out.getvalue().startswith("Saved"):
            print(text, flush=True)
        i += 1
    """
)


def notes_at(advisor: Advisor, rev: str) -> set[str]:
    """Every note text in the partnership files of commit ``rev``."""
    listing = advisor.git("ls-tree", "-r", "--name-only", rev, "--", "partnerships")
    texts: set[str] = set()
    for path in listing.split():
        p = codec.decode(advisor.git("show", f"{rev}:{path}").encode("utf-8"))
        texts |= {n.text for n in p.notes}
    return texts


def test_notes_saved_in_another_terminal_during_a_long_sync_are_all_committed(
    team: Team,
) -> None:
    # Forty partnerships, each changed on both sides: the merge runs the driver forty times.
    session = team.anna.session()
    ids = [
        session.create(edits.new_partnership(f"Partner {i:02d}")).partnership_id for i in range(40)
    ]
    team.anna.sync()
    team.bram.sync()
    bram = team.bram.session()
    for pid in ids:
        bram.add_note(pid, f"Bram on {pid}")
    team.bram.sync()
    anna = team.anna.session()
    for pid in ids:
        anna.add_note(pid, f"Anna on {pid}")

    stop = team.anna.root.parent / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(team.anna.root), str(stop), *ids],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **team.anna.env()},
    )
    try:
        assert writer.stdout is not None
        first = writer.stdout.readline().strip()  # the writer is writing: now sync
        synced = team.anna.sync()
    finally:
        stop.touch()
        rest, _ = writer.communicate(timeout=120)
    saved = {first, *rest.split("\n")} - {""}
    assert synced.code == 0, synced
    assert len(saved) > 5
    after = team.anna.sync()  # "the next commit": whatever was saved after the merge
    assert after.code == 0, after
    committed = notes_at(team.anna, "HEAD")
    assert saved <= committed, sorted(saved - committed)[:5]
    assert {f"Bram on {pid}" for pid in ids} <= committed
    assert team.anna.git("status", "--porcelain") == ""


def alpha_with_long_text(team: Team) -> tuple[str, str]:
    """Alpha, with enough text that git finds Gamma (same text) "similar" to it."""
    summary = "\n".join(f"Line {i} of a long shared summary about the region." for i in range(30))
    alpha = team.anna.session().create(edits.new_partnership("Alpha", summary=summary))
    team.anna.sync()
    team.bram.sync()
    return alpha.partnership_id, summary


@pytest.mark.parametrize("first", ["deleter", "editor"])
def test_a_delete_plus_create_is_never_merged_with_an_edit_as_a_rename(
    team: Team, first: str
) -> None:
    alpha_id, summary = alpha_with_long_text(team)
    alpha_file = team.anna.only_file_of("alpha")
    anna = team.anna.session()
    anna.delete(alpha_id)
    gamma = anna.create(edits.new_partnership("Gamma", summary=summary))
    team.bram.session().add_note(alpha_id, "Bram's note on Alpha")

    order = [team.anna, team.bram] if first == "deleter" else [team.bram, team.anna]
    assert order[0].sync().code == 0
    second = order[1].sync()
    assert second.code == 0, second
    assert "kept Alpha" in second.out
    order[0].sync()

    for advisor in (team.anna, team.bram):
        files = sorted(p.name for p in (advisor.root / "partnerships").glob("*.toml"))
        assert files == sorted([alpha_file, gamma.file, advisor.only_file_of("senseo")])
        kept = codec.decode(advisor.file(alpha_file).read_bytes())
        assert kept.id == alpha_id
        assert [n.text for n in kept.notes] == ["Bram's note on Alpha"]
        made = codec.decode(advisor.file(gamma.file).read_bytes())
        assert (made.id, made.name, made.notes, made.conflicts) == (
            gamma.partnership_id,
            "Gamma",
            (),
            (),
        )
    assert team.anna.git("rev-parse", "HEAD") == team.bram.git("rev-parse", "HEAD")


def test_the_driver_never_text_merges_two_different_partnerships(tmp_path: Path) -> None:
    one = edits.new_partnership("Alpha", summary="Shared words.")
    other = edits.new_partnership("Gamma", summary="Shared words.")
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_bytes(codec.encode(one))
    ours.write_bytes(codec.encode(other))
    theirs.write_bytes(codec.encode(edits.add_note(one, "x", author="Bram")[0]))
    outcome = run_driver(base, ours, theirs, "partnerships/gamma.toml")
    assert outcome.code == 1
    assert outcome.key == "git.driver.different_ids"
    assert ours.read_bytes() == codec.encode(other)  # left as it was: no markers


def commit_markers_by_hand(team: Team) -> str:
    """Bram pulls without the driver and commits the conflict markers (old versions did)."""
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.bram.session().add_note(team.senseo_id, "Bram's note")
    team.anna.sync()
    team.bram.git("commit", "--quiet", "--all", "--message", "Bram's note")
    subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=team.bram.root,
        env={**os.environ, **team.bram.env()},
        capture_output=True,
    )
    team.bram.git("commit", "--quiet", "--all", "--no-edit")
    name = team.bram.only_file()
    assert b"<<<<<<<" in team.bram.git("show", f"HEAD:partnerships/{name}").encode()
    return name


def test_a_merge_commit_with_markers_is_repaired_before_anything_is_pushed(team: Team) -> None:
    name = commit_markers_by_hand(team)
    run = team.bram.sync()
    assert run.code == 0, run
    assert "rebuilt Senseo from its two versions" in run.out
    pushed = codec.decode(team.bram.git("show", f"origin/main:partnerships/{name}").encode())
    assert sorted(n.text for n in pushed.notes) == ["Anna's note", "Bram's note"]
    again = team.bram.sync()
    assert again.code == 0 and "0 changes sent, 0 received" in again.out


def test_a_broken_file_that_cannot_be_rebuilt_is_never_pushed_and_named_every_time(
    team: Team,
) -> None:
    remote_before = team.anna.git("ls-remote", str(team.remote), "main")
    name = team.anna.only_file()
    team.anna.file(name).write_bytes(b'schema = 1\nid = "broken\n')  # an editor accident
    team.anna.git("commit", "--quiet", "--all", "--message", "oops")  # committed by hand
    team.anna.session().create(edits.new_partnership("Unrelated"))
    for _ in range(2):  # every sync, not only the first
        run = team.anna.sync()
        assert run.code == 1, run
        assert f"partnerships/{name}" in run.out
        assert "cannot be read" in run.out and "nothing was sent" in run.out
        assert "changes sent" not in run.out.replace("0 changes sent", "")
    assert team.anna.git("ls-remote", str(team.remote), "main") == remote_before
    # Fixed in an editor: the next sync sends it.
    team.anna.file(name).write_bytes(team.bram.file(name).read_bytes())
    assert team.anna.sync().code == 0
