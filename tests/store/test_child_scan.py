"""Opening the app stats the folder in a forked child (Linux) and is never different for it.

Issue 14: the first paint of 10,000 partnerships must not wait for 10,000 ``lstat`` calls
made on the interpreter lock, so the app's first read forks a child that stats the folder
and matches the stats against the index cache while Textual is imported. These stories
check that whatever the child sees (files changed, added or deleted behind the cache, a
cache replaced while it looked, a folder that is a file) the records, problems and order
are exactly those of a plain read. They run in a fresh interpreter: the child is only
forked while the process runs no other thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samenwerk_tui.services.session import Session
from samenwerk_tui.store.atomic import TEMP_SUFFIX
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.scanning import ChildScan, scan_folder
from samenwerk_tui.store.workspace import Workspace
from tests.store.test_parallel_read import corpus

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the child is forked on Linux only"
)

SCRIPT = """
import json, sys
from pathlib import Path
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import scanning
from samenwerk_tui.store.atomic import TEMP_SUFFIX
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.workspace import Workspace

root, cache = Path(sys.argv[1]), Path(sys.argv[2])
started = []
start = scanning.ChildScan.start

def counting(folder, index, **kwargs):
    child = start(folder, index, **kwargs)
    started.append(child is not None)
    return child

scanning.ChildScan.start = counting
session = Session(Workspace(root), "Anna", index=Index.for_workspace(cache, root, racy_seconds=0))
if len(sys.argv) > 3:  # a session that writes: its read sweeps our old temp files first
    session.reader.sweep_before_reading()
session.preload()
session.load()
plain = Session(Workspace(root), "Anna", index=False)
plain.load()

def shape(s):
    records = [(r.name, r.digest, repr(r.partnership), r.facets.name) for r in s.sorted_records()]
    return records, sorted((p.name, p.key) for p in s.problems.values()), s.stats

print(json.dumps({
    "child": started,
    "same": shape(session) == shape(plain),
    "from_index": session.from_index,
    "records": len(session.records),
    "problems": sorted(p.key for p in session.problems.values()),
}))
"""


def open_in_fresh_interpreter(root: Path, cache: Path, *more: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(root), str(cache), *more],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def warm_cache(root: Path, cache: Path) -> None:
    session = Session(
        Workspace(root), "Anna", index=Index.for_workspace(cache, root, racy_seconds=0)
    )
    session.load()
    session.wait_for_index()


def test_an_open_through_the_child_equals_a_plain_read_before_and_after_outside_changes(
    tmp_path: Path,
) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    ws = corpus(root)
    warm_cache(root, cache)
    unchanged = open_in_fresh_interpreter(root, cache)
    assert unchanged["child"] == [True] and unchanged["same"] is True
    assert unchanged["from_index"] == unchanged["records"] == 58
    # Behind the cache's back: one file edited (same size, mtime put back), one deleted,
    # one added, one broken.
    names = sorted(p.name for p in ws.folder.iterdir() if p.name.startswith("zorgnetwerk"))
    edited = ws.folder / names[20]
    before = edited.stat()
    edited.write_bytes(edited.read_bytes().replace(b"Partners 2", b"Partners X", 1))
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    (ws.folder / names[21]).unlink()
    (ws.folder / names[22].replace("zorgnetwerk", "nieuw")).write_bytes(
        (ws.folder / names[22]).read_bytes().replace(b'"par', b'"new', 1)
    )
    (ws.folder / names[23]).write_bytes(b"schema = 1\nname = [")
    time.sleep(0.01)
    changed = open_in_fresh_interpreter(root, cache)
    assert changed["child"] == [True] and changed["same"] is True
    # (the same records as a plain read, which the edited and added files were read for)
    assert isinstance(changed["from_index"], int) and changed["from_index"] <= 58 - 3


def test_a_cache_replaced_while_the_child_looked_is_matched_here_again(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    ws = corpus(root)
    warm_cache(root, cache)
    index = Index.for_workspace(cache, root, racy_seconds=0)
    session = Session(Workspace(root), "Anna", index=index)
    child = ChildScan.start(ws.folder, index)
    if child is None:  # another thread runs in this test process: fork is not used here
        pytest.skip("the test process runs other threads")
    # Meanwhile another samenwerk rewrites the cache with only half the files in it.
    half = Session(Workspace(root), "Anna", index=False)
    half.load()
    kept = sorted(half.records.values(), key=lambda r: r.name)[:20]
    index.write([(half.stats[r.name], r) for r in kept])
    stats, result, _ = session.reader.read(child)
    plain = Workspace(root).load_all()
    assert [(r.name, r.digest) for r in result.records] == [
        (r.name, r.digest) for r in plain.records
    ]
    assert [(p.name, p.key) for p in result.problems] == [(p.name, p.key) for p in plain.problems]
    assert result.from_index == len(index.read()) == 19  # (one of the 20 is not packed)
    assert (stats if isinstance(stats, dict) else stats()) == scan_folder(ws.folder)


def test_a_child_that_cannot_scan_leaves_the_error_to_the_read_here(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    Workspace.init(root)
    folder = root / "partnerships"
    folder.rmdir()
    folder.write_text("not a folder")
    session = Session(Workspace(root), "Anna", index=Index.for_workspace(tmp_path / "c", root))
    child = ChildScan.start(folder, session.index)
    if child is None:
        pytest.skip("the test process runs other threads")
    assert child.result() is None  # the child said nothing: the read here says why
    from samenwerk_tui.store.records import StoreError

    with pytest.raises(StoreError) as caught:
        session.reader.read(ChildScan.start(folder, session.index))
    assert caught.value.key == "error.not_a_folder"


def test_the_child_sweeps_old_temp_files_for_a_session_that_writes_only(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    ws = corpus(root, count=15)
    warm_cache(root, cache)
    left = ws.folder / f".zorgnetwerk-001-par000.toml.x1y2{TEMP_SUFFIX}"
    left.write_bytes(b"half a save")
    old = time.time() - 3600
    os.utime(left, (old, old))
    reading = open_in_fresh_interpreter(root, cache)
    assert reading["child"] == [True] and reading["same"] is True
    assert left.exists()  # a read-only open leaves the folder as it found it
    writing = open_in_fresh_interpreter(root, cache, "writes")
    assert writing["child"] == [True] and writing["same"] is True
    assert not left.exists()


def test_without_a_cache_the_childs_scan_is_the_read_s_scan(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    ws = corpus(root, count=15)
    session = Session(Workspace(root), "Anna", index=False)
    child = ChildScan.start(ws.folder, None)
    if child is None:
        pytest.skip("the test process runs other threads")
    stats, result, to_index = session.reader.read(child)
    plain = Workspace(root).load_all()
    assert stats == scan_folder(ws.folder)
    assert to_index is None
    assert [(r.name, r.digest) for r in result.records] == [
        (r.name, r.digest) for r in plain.records
    ]
    assert [(p.name, p.key) for p in result.problems] == [(p.name, p.key) for p in plain.problems]
