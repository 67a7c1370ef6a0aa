"""A colleague's clone works from a remote made with plain ``git init --bare``.

Git makes a bare repository whose HEAD names its default branch (``master`` on most
machines); samenwerk's workspaces are on ``main``. Anna pushes ``main`` there with her
first sync; without more, Bram's ``git clone`` would check out the empty ``master`` and
see no workspace at all. The first sync points a local bare remote's HEAD at the branch it
pushed, and a clone that still ends up on an empty branch is told which one to check out.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.gitsync.setup import init_repo
from samenwerk_tui.services.workspaces import open_folder

from .conftest import Advisor


def bare_remote_on_master(path: Path) -> Path:
    """``git init --bare`` as on a machine whose default branch is ``master``."""
    subprocess.run(
        ["git", "-c", "init.defaultBranch=master", "init", "--quiet", "--bare", str(path)],
        check=True,
    )
    head = subprocess.run(
        ["git", "-C", str(path), "symbolic-ref", "HEAD"], capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/master"
    return path


def test_the_first_sync_points_a_fresh_bare_remote_at_the_workspace_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path / "praktijk.git")
    anna = Advisor("Anna", tmp_path / "anna", monkeypatch)
    with anna.acting():
        init_repo(anna.root)  # samenwerk init --git: branch main
    anna.git("remote", "add", "origin", str(remote))
    senseo = edits.new_partnership("Senseo", summary="Coffee pads.")
    anna.session().create(senseo)
    first = anna.sync()
    assert first.code == 0, first

    # The remote's HEAD now names main, and main tracks origin/main in Anna's clone.
    head = subprocess.run(
        ["git", "-C", str(remote), "symbolic-ref", "HEAD"], capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/main"
    assert anna.git("rev-parse", "--abbrev-ref", "main@{upstream}").strip() == "origin/main"

    # Bram clones as the README says and finds Senseo.
    subprocess.run(["git", "clone", "--quiet", str(remote), str(tmp_path / "bram")], check=True)
    bram = Advisor("Bram", tmp_path / "bram", monkeypatch)
    assert bram.git("symbolic-ref", "--short", "HEAD").strip() == "main"
    listed = bram.samenwerk("list")
    assert listed.code == 0 and "Senseo" in listed.out
    bram.session().add_note(senseo.id, "Bram was here.")
    assert bram.sync().code == 0
    assert anna.sync().code == 0
    notes = anna.session().record(senseo.id).partnership.notes
    assert [n.text for n in notes] == ["Bram was here."]


def test_a_clone_on_an_empty_branch_is_told_which_branch_to_check_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path / "praktijk.git")
    anna = Advisor("Anna", tmp_path / "anna", monkeypatch)
    with anna.acting():
        init_repo(anna.root)
    anna.session().create(edits.new_partnership("Senseo"))
    anna.git("add", "--all")
    anna.git("commit", "--quiet", "-m", "first")
    # Pushed by hand, not by a sync: the remote's HEAD still names master.
    anna.git("push", "--quiet", str(remote), "main")
    cloned = subprocess.run(
        ["git", "clone", "--quiet", str(remote), str(tmp_path / "bram")],
        capture_output=True,
        text=True,
    )
    assert "remote HEAD refers to nonexistent ref" in cloned.stderr
    bram = Advisor("Bram", tmp_path / "bram", monkeypatch)
    for args in (("list",), ("new", "Nieuw"), ("sync",)):
        told = bram.samenwerk(*args)
        assert told.code == 1
        assert told.err == (
            f"samenwerk: {bram.root} is a git clone on master, a branch without any commits; "
            f"the workspace is on main. Check that out first: git -C {bram.root} checkout main\n"
        )
    # The app's "open another folder" does not make a workspace there either.
    with pytest.raises(SamenwerkError) as refused:
        open_folder(bram.root, "Bram", create=True)
    assert refused.value.key == "git_clone.empty_branch"
    assert sorted(p.name for p in bram.root.iterdir()) == [".git"], "nothing was made there"
    bram.git("checkout", "--quiet", "main")
    assert "Senseo" in bram.samenwerk("list").out


def test_a_remote_whose_default_branch_exists_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare_remote_on_master(tmp_path / "praktijk.git")
    cees = Advisor("Cees", tmp_path / "cees", monkeypatch)  # the team's other work, on master
    cees.root.mkdir()
    cees.git("init", "--quiet", "--initial-branch=master")
    (cees.root / "README.txt").write_text("the team's other work\n")
    cees.git("add", "README.txt")
    cees.git("commit", "--quiet", "-m", "start")
    cees.git("push", "--quiet", str(remote), "master")
    anna = Advisor("Anna", tmp_path / "anna", monkeypatch)
    with anna.acting():
        init_repo(anna.root)
    anna.session().create(edits.new_partnership("Senseo"))
    anna.git("remote", "add", "origin", str(remote))
    assert anna.sync().code == 0
    head = subprocess.run(
        ["git", "-C", str(remote), "symbolic-ref", "HEAD"], capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/master"  # the default it had stays
