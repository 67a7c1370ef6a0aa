"""What sync says when git will not do what it was asked (issue 8, items 9 and 10).

Each sentence names the files or the lock in the way, says truthfully what happened to the
files, and what to do; never a raw catalog key or git's cut-off output.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.store.lock import SYNC_LOCK_FILE

from .conftest import Team


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts and not p.name.endswith(".lock")
    }


def shared_readme(team: Team) -> None:
    """A README both advisors have, committed by hand (not a workspace file)."""
    (team.anna.root / "README.md").write_text("Our team\n")
    team.anna.git("add", "README.md")
    team.anna.git("commit", "--quiet", "-m", "readme")
    team.anna.git("push", "--quiet", "origin", "main")
    team.bram.sync()


def test_a_refused_merge_names_the_files_and_changes_nothing(team: Team) -> None:
    shared_readme(team)
    (team.anna.root / "README.md").write_text("Anna's new words\n")
    team.anna.git("commit", "--quiet", "--all", "-m", "anna's readme")
    team.anna.git("push", "--quiet", "origin", "main")
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.anna.sync()
    (team.bram.root / "README.md").write_text("Bram is still typing\n")  # not committed
    team.bram.session().add_note(team.senseo_id, "Bram's note")
    bram_before = team.bram.git("rev-parse", "HEAD")

    run = team.bram.sync()
    assert run.code == 1
    assert run.err == (
        "samenwerk: git did not merge your colleagues' changes: your uncommitted changes to "
        "README.md would have been overwritten. Nothing was changed. Commit those files in "
        "git (or move them away), then sync again.\n"
    )
    # Bram's note was committed before the merge was tried, and his README is untouched.
    assert team.bram.git("rev-parse", "HEAD^") == bram_before
    assert (team.bram.root / "README.md").read_text() == "Bram is still typing\n"
    assert "your files are unchanged" not in run.out
    after = snapshot(team.bram.root)
    assert team.bram.sync().code == 1
    assert snapshot(team.bram.root) == after


def test_a_stale_index_lock_is_named_with_what_to_do(team: Team) -> None:
    lock = team.anna.root / ".git" / "index.lock"
    lock.write_text("")
    team.anna.session().add_note(team.senseo_id, "Waiting for git")
    run = team.anna.sync()
    assert run.code == 1
    assert f"git's lock file {lock} is in the way" in run.err
    assert "If no git program is running" in run.err and "remove that file" in run.err
    assert "try again in a moment" not in run.err
    lock.unlink()
    assert team.anna.sync().code == 0


HOLD_SYNC = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from samenwerk_tui.store.lock import hold

    with hold(Path(sys.argv[1]), timeout=10):
        print("syncing", flush=True)
        sys.stdin.read()
    """
)


def test_a_second_sync_waits_for_the_first_then_says_so(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samenwerk_tui.services.sync as sync_module

    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_SYNC, str(team.anna.root / SYNC_LOCK_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "syncing"
        monkeypatch.setattr(sync_module, "SYNC_TIMEOUT", 0.5)
        run = team.anna.sync()
    finally:
        other.communicate("", timeout=30)
    assert run.code == 1
    assert "Another sync of this workspace was still running after 0 seconds" in run.err
    assert "git commit failed" not in run.err and "cannot lock ref" not in run.err
    assert team.anna.sync().code == 0  # once it has finished


def test_the_merge_driver_never_prints_a_catalog_key(tmp_path: Path) -> None:
    from samenwerk_tui.store import codec

    senseo = codec.encode(edits.new_partnership("Senseo"))
    base, ours, theirs = tmp_path / "base", tmp_path / "ours", tmp_path / "theirs"
    base.write_bytes(senseo)
    ours.write_bytes(senseo)
    theirs.write_bytes(b"schema = 1\nname = [unclosed\n")
    done = subprocess.run(
        [sys.executable, "-m", "samenwerk_tui", "merge-file", str(base), str(ours), str(theirs),
         "partnerships/senseo.toml"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1
    assert "git.merge" not in done.stderr and "git.driver" not in done.stderr
    assert "the theirs version cannot be read as a partnership (line 2)" in done.stderr


def test_a_push_refused_after_a_merge_does_not_claim_nothing_changed(team: Team) -> None:
    hook = team.remote / "hooks" / "pre-receive"
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.anna.sync()
    hook.write_text("#!/bin/sh\necho 'pushes are closed for maintenance' >&2\nexit 1\n")
    hook.chmod(0o755)
    team.bram.session().create(edits.new_partnership("Brainport"))
    run = team.bram.sync()
    assert run.code == 1
    assert "pushes are closed" in run.err or "pre-receive hook declined" in run.err
    assert "your files are unchanged" not in run.out
    assert "your changes are committed locally but not sent" in run.out
    assert len(team.bram.git("log", "-1", "--format=%P").split()) == 2  # merged here


def test_a_push_meeting_another_push_at_the_remote_is_tried_again(team: Team) -> None:
    """The remote's branch is locked (a colleague's push this moment, or a crash there)."""
    team.anna.session().add_note(team.senseo_id, "Anna's note")
    team.anna.sync()
    team.bram.session().create(edits.new_partnership("Brainport"))
    lock = team.remote / "refs" / "heads" / "main.lock"
    lock.write_text("")
    run = team.bram.sync()
    assert run.code == 1
    assert "The remote was taking your colleagues' changes (or stayed locked)" in run.err
    assert "Another git program is working in this workspace" not in run.err
    lock.unlink()
    again = team.bram.sync()
    assert again.code == 0, again
    remote_main = team.anna.git("ls-remote", str(team.remote), "main").split()[0]
    assert team.bram.git("rev-parse", "HEAD").strip() == remote_main


def test_a_partnerships_folder_that_is_a_symbolic_link_is_named_with_what_to_do(
    team: Team, tmp_path: Path
) -> None:
    folder = team.anna.root / "partnerships"
    elsewhere = tmp_path / "elsewhere"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    team.anna.session().add_note(team.senseo_id, "Saved through the link")
    run = team.anna.sync()
    assert run.code == 1
    assert "is a symbolic link, and git does not follow links" in run.err
    assert "beyond a symbolic link" not in run.err
    folder.unlink()
    elsewhere.rename(folder)
    assert team.anna.sync().code == 0
