"""Storage rule 11, across processes: a save is one critical section under the workspace lock.

Two shells adding notes to one partnership as fast as they can used to lose a few: both
read the same version, both passed the hash check, the second replace won. Now the read,
the check and the replace hold one lock on a file inside the workspace, so every note a
writer reported saved is in the file. The lock waits a bounded time and then says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec
from samenwerk_tui.store.lock import LOCK_FILE, LockTimeout, hold
from samenwerk_tui.store.workspace import StoreError, Workspace

#: One advisor's shell: a fresh session for every note, as ``samenwerk note`` opens one.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from samenwerk_tui.services.session import Session

    root, pid, label, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    for i in range(count):
        session = Session.open(root, label, create=False)
        session.add_note(pid, f"{label}-{i}")
        print(f"Saved {label}-{i}", flush=True)
    """
)

#: Holds the workspace lock until its stdin closes, like a sync in another window.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from samenwerk_tui.store.lock import hold

    with hold(Path(sys.argv[1]), timeout=10):
        print("held", flush=True)
        sys.stdin.read()
    """
)


def make_workspace(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "ws"
    session = Session.open(root, "Anna")
    record = session.create(edits.new_partnership("Senseo"))
    return root, record.partnership_id


def notes_in_file(root: Path) -> list[str]:
    (path,) = (root / "partnerships").glob("*.toml")
    return [n.text for n in codec.decode(path.read_bytes()).notes]


def start_holder(root: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root / LOCK_FILE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_three_shells_adding_notes_at_once_keep_every_saved_note(tmp_path: Path) -> None:
    root, pid = make_workspace(tmp_path)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), pid, label, "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        for label in ("A", "B", "C")
    ]
    reported: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
        reported += [line.removeprefix("Saved ") for line in out.splitlines()]
    assert len(reported) == 120
    assert sorted(notes_in_file(root)) == sorted(reported)


def test_threads_of_one_process_exclude_each_other_too(tmp_path: Path) -> None:
    root, pid = make_workspace(tmp_path)
    saved: list[str] = []

    def write(label: str) -> None:
        for i in range(25):
            Session.open(root, label, create=False).add_note(pid, f"{label}-{i}")
            saved.append(f"{label}-{i}")

    threads = [threading.Thread(target=write, args=(label,)) for label in ("A", "B", "C")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(saved) == 75
    assert sorted(notes_in_file(root)) == sorted(saved)


def test_the_lock_is_reentrant_within_a_thread(tmp_path: Path) -> None:
    root, pid = make_workspace(tmp_path)
    session = Session.open(root, "Anna", create=False)
    with session.workspace.locked():
        # A sync holding the lock repairs a file through the store: no wait, no deadlock.
        session.add_note(pid, "written while the lock is held by this thread")
    assert notes_in_file(root) == ["written while the lock is held by this thread"]


def test_a_save_waits_says_so_and_gives_up_with_one_sentence(tmp_path: Path) -> None:
    root, pid = make_workspace(tmp_path)
    before = (root / "partnerships").glob("*.toml").__next__().read_bytes()
    session = Session.open(root, "Anna", create=False)
    session.workspace.lock.timeout = 0.3
    waited: list[bool] = []
    session.workspace.lock.on_wait = lambda: waited.append(True)
    holder = start_holder(root)
    try:
        with pytest.raises(StoreError) as caught:
            session.add_note(pid, "while a sync holds the workspace")
    finally:
        holder.communicate("", timeout=30)
    assert waited == [True]
    assert caught.value.key == "error.workspace_busy"
    assert next((root / "partnerships").glob("*.toml")).read_bytes() == before
    # Once the other window lets go, the same save goes through without waiting.
    session.add_note(pid, "after the sync")
    assert notes_in_file(root) == ["after the sync"]
    assert waited == [True]


def test_a_save_that_waits_goes_through_when_the_lock_is_released(tmp_path: Path) -> None:
    root, pid = make_workspace(tmp_path)
    holder = start_holder(root)
    session = Session.open(root, "Anna", create=False)
    released = threading.Timer(0.5, lambda: holder.communicate("", timeout=30))

    def on_wait() -> None:
        released.start()

    session.workspace.lock.on_wait = on_wait
    session.add_note(pid, "saved after waiting")
    released.join()
    assert notes_in_file(root) == ["saved after waiting"]


def test_the_lock_timeout_is_its_own_error_below_the_store(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    try:
        with pytest.raises(LockTimeout) as caught, hold(tmp_path / LOCK_FILE, timeout=0.1):
            pass
    finally:
        holder.communicate("", timeout=30)
    assert caught.value.params["seconds"] == 0


def test_the_lock_file_is_inside_the_workspace_and_ignored_by_git(tmp_path: Path) -> None:
    root, _pid = make_workspace(tmp_path)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    workspace = Workspace(root)
    with workspace.locked():
        assert (root / LOCK_FILE).exists()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    assert LOCK_FILE not in status
    assert ".samenwerk*.lock" in (root / ".gitignore").read_text()


def test_a_read_only_workspace_refuses_a_save_with_one_sentence(tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    root, pid = make_workspace(tmp_path)
    session = Session.open(root, "Anna", create=False)
    root.chmod(0o555)
    try:
        with pytest.raises(StoreError) as caught:
            session.add_note(pid, "nowhere to go")
    finally:
        root.chmod(0o755)
    assert caught.value.key == "error.lock_unusable"
    assert caught.value.params["path"] == str(root / LOCK_FILE)


def test_a_folder_in_the_lock_files_place_is_named_by_saves_and_syncs(tmp_path: Path) -> None:
    """Someone made ``.samenwerk.lock`` (or the sync's) a folder: "Could not write ws: Is a
    directory" said nothing a user could act on; the sentence names the lock file."""
    from samenwerk_tui.services import sync as git_service
    from samenwerk_tui.store.lock import SYNC_LOCK_FILE

    root, pid = make_workspace(tmp_path)
    session = Session.open(root, "Anna", create=False)
    (root / LOCK_FILE).unlink(missing_ok=True)
    (root / LOCK_FILE).mkdir()
    (root / SYNC_LOCK_FILE).mkdir()
    before = {p.name: p.read_bytes() for p in (root / "partnerships").iterdir()}

    with pytest.raises(StoreError) as caught:
        session.add_note(pid, "a note")
    result = git_service.sync(session)

    assert caught.value.key == "error.lock_unusable"
    sentence = i18n.t(caught.value.key, **caught.value.params)
    assert str(root / LOCK_FILE) in sentence
    assert result.status == "error"
    assert any(str(root / SYNC_LOCK_FILE) in line for line in result.messages), result.messages
    assert {p.name: p.read_bytes() for p in (root / "partnerships").iterdir()} == before
