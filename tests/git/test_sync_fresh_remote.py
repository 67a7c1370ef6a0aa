"""A fresh bare remote made with another default branch (issue 12, item 11), with real git.

``git init --bare`` on many machines points the new remote's HEAD at ``master``, while
``samenwerk init --git`` starts on ``main``. The README's two-advisor walkthrough must
still give the colleague a working clone, and a clone that checked out an empty branch
must be told which branch to check out, never offered an empty new workspace.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.gitsync.setup import init_repo

from .conftest import Advisor, clone


def bare_remote_on_master(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "--quiet", "--bare", "--initial-branch=master", str(remote)], check=True
    )
    return remote


def anna_with_one_partnership(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Advisor:
    anna = Advisor("Anna", tmp_path / "anna", monkeypatch)
    with anna.acting():
        init_repo(anna.root)
    assert anna.git("branch", "--show-current").strip() == "main"
    anna.session().create(edits.new_partnership("Senseo", summary="Coffee pads."))
    return anna


def test_the_first_sync_to_a_remote_on_master_gives_colleagues_a_working_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path)
    anna = anna_with_one_partnership(tmp_path, monkeypatch)
    anna.git("remote", "add", "origin", str(remote))

    first = anna.sync()
    assert first.code == 0, first

    # The remote's HEAD now names the branch that exists, so a plain clone checks it out.
    head = subprocess.run(
        ["git", "-C", str(remote), "symbolic-ref", "HEAD"], capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/main"
    bram = clone(remote, tmp_path / "bram", "Bram", monkeypatch)
    assert [p.name for p in (bram.root / "partnerships").glob("senseo-*.toml")]
    listed = bram.samenwerk("list")
    assert listed.code == 0 and "Senseo" in listed.out
    # And git remembers where the branch syncs to, as `git push -u` would.
    assert anna.git("config", "branch.main.remote").strip() == "origin"


def test_a_remote_whose_default_branch_exists_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path)
    # Someone else's master already lives there: the remote's default stays theirs.
    other = Advisor("Cees", tmp_path / "cees", monkeypatch)
    other.root.mkdir()
    other.git("init", "--quiet", "--initial-branch=master")
    (other.root / "README.txt").write_text("the team's other work\n")
    other.git("add", "README.txt")
    other.git("commit", "--quiet", "-m", "start")
    other.git("push", "--quiet", str(remote), "master")
    anna = anna_with_one_partnership(tmp_path, monkeypatch)
    anna.git("remote", "add", "origin", str(remote))

    assert anna.sync().code == 0
    head = subprocess.run(
        ["git", "-C", str(remote), "symbolic-ref", "HEAD"], capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/master"


def test_a_clone_that_checked_out_an_empty_branch_is_told_which_branch_to_check_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path)
    anna = anna_with_one_partnership(tmp_path, monkeypatch)
    anna.git("remote", "add", "origin", str(remote))
    anna.git("add", "-A")
    anna.git("commit", "--quiet", "-m", "start")
    # Pushed by hand, as an older samenwerk did: the remote's HEAD still names master.
    anna.git("push", "--quiet", "origin", "main")
    bram = clone(remote, tmp_path / "bram", "Bram", monkeypatch)
    assert not (bram.root / "samenwerk.toml").exists()  # git checked out nothing

    for command in (["list"], ["new", "Gamma"], ["sync"]):
        run = bram.samenwerk(*command)
        assert run.code == 1, (command, run)
        assert run.out == ""
        assert run.err.count("\n") == 1, run.err
        assert "master" in run.err and f"git -C {bram.root} checkout main" in run.err
    # Nothing was created in the clone: checking out main still works.
    assert sorted(p.name for p in bram.root.iterdir()) == [".git"]
    bram.git("checkout", "--quiet", "main")
    assert bram.samenwerk("list").code == 0
