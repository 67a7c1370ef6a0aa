"""Colleagues' and users' odd git setups (issue 8, items 4-8), each with real repositories.

A file staged by hand, ignore rules that hide partnership files, a colleague's
``merge=union``, a conflict settled in the app while git still lists the path as
unmerged, and a rebase the user left stopped on a conflict.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services import git_session
from samenwerk_tui.services import sync as git_service
from samenwerk_tui.store import codec
from tests.advisors import stop_a_rebase

from .conftest import Advisor, Team


def remote_files(advisor: Advisor) -> list[str]:
    advisor.git("fetch", "--quiet")
    return advisor.git("ls-tree", "-r", "--name-only", "origin/main").split()


def test_sync_publishes_only_the_workspace_and_leaves_my_staged_file_staged(team: Team) -> None:
    anna = team.anna
    (anna.root / "secret.env").write_text("PASSWORD=hunter2\n")
    anna.git("add", "secret.env")
    name = anna.only_file()
    for junk in (f".{name}.swp", f"{name}~", f".#{name}", f"{name}.bak", f"{name}.orig"):
        (anna.root / "partnerships" / junk).write_text("editor leftovers\n")
    anna.session().add_note(team.senseo_id, "Met Philips.")
    # Bram's change arrives too, so the sync merges while secret.env is staged.
    team.bram.session().create(edits.new_partnership("Brainport"))
    team.bram.sync()

    run = anna.sync()
    assert run.code == 0, run
    assert "1 file you staged yourself (secret.env) stays staged and was not sent" in run.out
    published = remote_files(anna)
    assert "secret.env" not in published
    assert not any(p.endswith(("~", ".swp", ".bak", ".orig")) or "/.#" in p for p in published)
    assert f"partnerships/{name}" in published
    assert anna.git("diff", "--cached", "--name-only").split() == ["secret.env"]
    assert "Met Philips." in anna.git("show", f"origin/main:partnerships/{name}")


def test_an_ignore_rule_never_keeps_a_partnership_from_the_colleagues(team: Team) -> None:
    excludes = Path(os.environ["HOME"]) / "global-excludes"
    excludes.write_text("*.toml\n")
    (Path(os.environ["HOME"]) / ".gitconfig").write_text(f"[core]\n\texcludesFile = {excludes}\n")
    created = team.anna.session().create(edits.new_partnership("Gezond Rivierdal"))
    run = team.anna.sync()
    assert run.code == 0, run
    assert f"partnerships/{created.file} is ignored by {excludes}:1:*.toml" in run.out
    assert f"partnerships/{created.file}" in remote_files(team.anna)
    team.bram.sync()
    assert team.bram.file(created.file).exists()


def test_a_colleagues_merge_union_line_does_not_replace_our_driver(team: Team) -> None:
    bram = team.bram
    attributes = bram.root / ".gitattributes"
    attributes.write_text(attributes.read_text() + "partnerships/*.toml merge=union\n")
    bram.sync()  # pushed to everyone
    team.anna.sync()
    team.anna.session().edit(team.senseo_id, stage=Stage.SHAPE)
    bram.session().edit(team.senseo_id, stage=Stage.EXECUTE)
    assert team.anna.sync().code == 0
    run = bram.sync()
    assert run.code == 1 and "conflicts in 1 partnership" in run.out
    merged = codec.decode(bram.file(bram.only_file()).read_bytes())  # parses: no duplicate keys
    assert merged.stage is Stage.EXECUTE
    assert [c.field for c in merged.conflicts] == ["stage"]
    info = Path(bram.git("rev-parse", "--git-path", "info/attributes").strip())
    info = info if info.is_absolute() else bram.root / info
    assert info.read_text().splitlines()[-1] == "partnerships/*.toml text eol=lf merge=samenwerk"


def test_a_file_a_union_merge_broke_can_be_rebuilt_from_its_sides(team: Team) -> None:
    """A clone without the app pulled with merge=union: duplicate keys, no markers."""
    team.anna.session().edit(team.senseo_id, stage=Stage.SHAPE)
    team.anna.sync()
    bram = team.bram
    bram.session().edit(team.senseo_id, stage=Stage.EXECUTE)
    bram.git("commit", "--quiet", "--all", "--message", "execute")
    attributes = bram.root / ".gitattributes"
    attributes.write_text(attributes.read_text() + "partnerships/*.toml merge=union\n")
    subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=bram.root, env={**os.environ, **bram.env()}, capture_output=True, check=True,
    )  # fmt: skip
    name = bram.only_file()
    session = bram.session()
    assert name in session.problems and not session.problems[name].is_conflicted
    assert git_service.can_rebuild(session, name)
    result = git_service.repair(session, name)
    assert result.partnership.stage is Stage.EXECUTE
    assert [c.field for c in result.partnership.conflicts] == ["stage"]


def test_a_conflict_settled_in_the_app_stays_settled(team: Team) -> None:
    team.anna.session().edit(team.senseo_id, stage=Stage.SHAPE)
    team.bram.session().edit(team.senseo_id, stage=Stage.EXECUTE)
    team.anna.sync()
    bram = team.bram  # a fresh clone: no driver yet, so a plain pull leaves markers
    bram.git("commit", "--quiet", "--all", "--message", "execute")
    subprocess.run(
        ["git", "-c", "pull.rebase=false", "pull", "--quiet", "--no-edit"],
        cwd=bram.root, env={**os.environ, **bram.env()}, capture_output=True,
    )  # fmt: skip
    name = bram.only_file()
    session = bram.session()
    git_service.repair(session, name)  # r: rebuilt, the stage conflict recorded
    session = bram.session()
    record = session.records[team.senseo_id]
    assert [c.field for c in record.partnership.conflicts] == ["stage"]
    conflict = record.partnership.conflicts[0]
    git_session.settle_conflict(session, team.senseo_id, conflict, "theirs")  # r, then t
    assert bram.git("ls-files", "-u")  # git still lists the path as unmerged

    run = bram.sync()
    assert run.code == 0, run
    assert "took Senseo as you settled it in the app" in run.out
    for rev in ("HEAD", "origin/main"):
        committed = codec.decode(bram.git("show", f"{rev}:partnerships/{name}").encode())
        assert committed.stage is Stage.SHAPE and committed.conflicts == ()


def test_a_rebase_left_stopped_is_named_and_sync_refuses(team: Team) -> None:
    anna = team.anna
    stop_a_rebase(anna, team.bram)
    session = anna.session()
    warning = git_service.operation_warning(session)
    assert (
        warning == "A git rebase is in progress in this workspace; finish or abort it in git first."
    )
    session.add_note(team.senseo_id, "Saved mid-rebase")
    # The command line says it too: "Saved" alone hid that an abort would undo it.
    noted = anna.samenwerk("note", team.senseo_id, "Typed mid-rebase")
    assert noted.code == 0, noted
    assert noted.out.startswith("Saved Senseo")
    assert "git rebase is in progress" in noted.err and "aborting" in noted.err, noted
    head = anna.git("rev-parse", "HEAD")
    run = anna.sync()
    assert run.code == 1
    assert "A git rebase is in progress" in run.err
    assert anna.git("rev-parse", "HEAD") == head  # the sync touched nothing
    assert "Saved mid-rebase" in anna.file(anna.only_file()).read_text()


def test_a_note_added_while_a_merge_stood_open_does_not_drop_the_colleagues_notes(
    team: Team,
) -> None:
    """A merge git could not finish (a driver that could not run, or a sync killed or
    interrupted with ctrl+c mid-merge) leaves our version in the work tree and the
    colleague's only in the index. Bram adds a note then; the next sync must merge it
    with Anna's notes, not take his file as if he had settled the merge in the app."""
    anna, bram = team.anna, team.bram
    anna.session().add_note(team.senseo_id, "Anna: the pilot starts in March.")
    assert anna.sync().code == 0
    bram.session().add_note(team.senseo_id, "Bram: the budget is approved.")
    bram.git("commit", "--quiet", "--all", "--message", "budget")
    subprocess.run(
        ["git", "-c", "merge.samenwerk.driver=false", "-c", "pull.rebase=false", "pull",
         "--quiet", "--no-edit"],
        cwd=bram.root, env={**os.environ, **bram.env()}, capture_output=True,
    )  # fmt: skip
    assert bram.git("ls-files", "-u")  # the merge stands open, Bram's version on disk

    later = bram.samenwerk("note", team.senseo_id, "Bram: minutes sent.")
    assert later.code == 0, later
    run = bram.sync()

    assert run.code == 0, run
    name = bram.only_file()
    for rev in ("HEAD", "origin/main"):
        committed = codec.decode(bram.git("show", f"{rev}:partnerships/{name}").encode())
        texts = {n.text for n in committed.notes}
        assert {
            "Anna: the pilot starts in March.",
            "Bram: the budget is approved.",
            "Bram: minutes sent.",
        } <= texts, (rev, texts)
