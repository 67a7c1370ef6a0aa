"""A folder or a symbolic link where a partnership file was: named, never followed or synced.

A user (or a tool) replaces ``partnerships/beta-….toml`` by a folder, or by a link to a
file outside the workspace. samenwerk lists each as broken with what to do, never reads
through the link, never writes through it, and a sync neither stages the folder's
contents in the file's place nor commits the link: it holds both back and says why.
"""

from __future__ import annotations

import os
from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import Workspace

from .conftest import Team


def test_a_folder_or_a_link_in_a_files_place_is_listed_as_broken(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    Workspace.init(root)
    session = Session.open(root, "Anna", create=False)
    alpha = session.create(edits.new_partnership("Alpha")).file
    beta = session.create(edits.new_partnership("Beta")).file
    folder = root / "partnerships"
    outside = tmp_path / "outside.toml"
    outside.write_bytes((folder / alpha).read_bytes())
    (folder / alpha).unlink()
    os.symlink(outside, folder / alpha)
    (folder / beta).unlink()
    (folder / beta).mkdir()

    # An editor's lock (Emacs links ".#name" to "user@host.pid" while it edits) is not one.
    os.symlink("anna@laptop.4242:1700000000", folder / f".#{alpha}")

    result = Workspace(root).load_all()

    assert result.records == []
    reasons = {p.name: p.key for p in result.problems}
    assert reasons == {alpha: "broken.symlink", beta: "broken.folder"}


def test_sync_holds_back_a_folder_and_a_link_instead_of_staging_them(
    team: Team, tmp_path: Path
) -> None:
    anna = team.anna
    name = anna.only_file()
    tracked = anna.root / "partnerships" / name
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes(tracked.read_bytes())
    tracked.unlink()
    tracked.mkdir()
    (tracked / "notes.txt").write_text("not a partnership", "utf-8")

    run = anna.sync()

    assert run.code == 1, run
    assert "Traceback" not in run.err
    assert "is a folder, not a file" in run.out + run.err, run
    assert "does not have a commit checked out" not in run.out + run.err
    staged = anna.git("diff", "--cached", "--name-only")
    assert staged == "", staged  # nothing of the folder was staged in the file's place
    listed = anna.git("ls-tree", "-r", "--name-only", "HEAD", "partnerships").split()
    assert listed == [f"partnerships/{name}"]

    tracked.joinpath("notes.txt").unlink()
    tracked.rmdir()
    os.symlink(outside, tracked)
    run = anna.sync()

    assert run.code == 1, run
    assert "is a symbolic link" in run.out + run.err, run
    mode = anna.git("ls-tree", "HEAD", f"partnerships/{name}").split()[0]
    assert mode == "100644"  # the link was not committed in the file's place
    assert os.path.islink(tracked) and outside.read_bytes()  # and nothing was written to it
