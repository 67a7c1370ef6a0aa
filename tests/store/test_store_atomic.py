"""Crash-safe saves (storage rules 1 and 2).

Whatever step of a save fails (a full disk on write, a failing fsync, a replace that is
refused), the old file keeps its bytes and no temporary file is left. A process killed with
SIGKILL in the middle of saving leaves every file parseable.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.store import atomic
from samenwerk_tui.store.atomic import TEMP_SUFFIX, write_atomic
from samenwerk_tui.store.workspace import Record, StoreError, Workspace

T0 = datetime(2026, 11, 26, 9, 12, tzinfo=UTC)


def saved_workspace(tmp_path: Path) -> tuple[Workspace, Record, bytes]:
    ws = Workspace.init(tmp_path / "ws")
    record = ws.create(edits.new_partnership("Senseo", summary="oud", now=T0))
    return ws, record, ws.path_of(record.name).read_bytes()


def failing(real: Callable[..., Any], after: int = 0) -> Callable[..., Any]:
    """``real``, but raising ENOSPC from call number ``after`` on."""
    calls = {"n": 0}

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("function", "after"),
    # open: the first call opens the workspace lock file (a failure there is the lock's
    # own sentence, tested with the lock); the second is the temporary file.
    [("open", 1), ("write", 0), ("fsync", 0), ("replace", 0), ("close", 0)],
)
def test_a_save_failing_at_any_step_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, after: int
) -> None:
    ws, record, original = saved_workspace(tmp_path)
    new = edits.edit(record.partnership, summary="nieuw " * 5000)
    monkeypatch.setattr(os, function, failing(getattr(os, function), after))
    with pytest.raises(StoreError) as info:
        ws.save(record, new)
    monkeypatch.undo()
    assert info.value.key == "error.cannot_write"
    assert "space" in info.value.params["reason"].lower()
    assert ws.path_of(record.name).read_bytes() == original
    assert sorted(p.name for p in ws.folder.iterdir()) == [record.name]


def test_a_disk_that_fills_up_halfway_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, record, original = saved_workspace(tmp_path)
    real_write = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[: len(data) // 2])

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(StoreError):
        ws.save(record, edits.edit(record.partnership, summary="nieuw " * 5000))
    monkeypatch.undo()
    assert calls["n"] == 2
    assert ws.path_of(record.name).read_bytes() == original
    assert sorted(p.name for p in ws.folder.iterdir()) == [record.name]


def test_a_new_file_that_cannot_be_written_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = Workspace.init(tmp_path / "ws")
    monkeypatch.setattr(os, "fsync", failing(os.fsync))
    with pytest.raises(StoreError):
        ws.create(edits.new_partnership("Senseo", now=T0))
    monkeypatch.undo()
    assert list(ws.folder.iterdir()) == []


def test_a_write_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "f.toml"
    target.write_bytes(b"old\n")
    target.chmod(0o600)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o600


# ------------------------------------------------------------------ rule 2: Windows retry


class FakeClock:
    """Stands in for ``time`` in atomic.py so the retry test takes no real time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def sharing_violation(times: int | None) -> Callable[[Any, Any], None]:
    """An ``os.replace`` that fails like Windows while a reader holds the file."""
    real = os.replace
    calls = {"n": 0}

    def fake(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if times is None or calls["n"] <= times:
            exc = PermissionError(errno.EACCES, "The process cannot access the file")
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real(src, dst)

    return fake


def test_a_replace_refused_a_few_times_is_retried_and_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, record, _ = saved_workspace(tmp_path)
    clock = FakeClock()
    monkeypatch.setattr(atomic, "time", clock)
    monkeypatch.setattr(os, "replace", sharing_violation(5))
    saved, _ = ws.save(record, edits.edit(record.partnership, summary="nieuw"))
    monkeypatch.undo()
    assert len(clock.sleeps) == 5
    assert ws.load_all().records[0].partnership.summary == "nieuw"
    assert sorted(p.name for p in ws.folder.iterdir()) == [record.name]


def test_a_replace_refused_for_good_gives_up_after_about_two_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, record, original = saved_workspace(tmp_path)
    clock = FakeClock()
    monkeypatch.setattr(atomic, "time", clock)
    monkeypatch.setattr(os, "replace", sharing_violation(None))
    with pytest.raises(StoreError) as info:
        ws.save(record, edits.edit(record.partnership, summary="nieuw"))
    monkeypatch.undo()
    assert info.value.key == "error.cannot_write"
    assert 2.0 <= clock.now <= 2.5
    assert max(clock.sleeps) <= 0.25
    assert ws.path_of(record.name).read_bytes() == original
    assert sorted(p.name for p in ws.folder.iterdir()) == [record.name]


def test_a_permission_error_that_is_not_a_sharing_violation_is_not_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, record, original = saved_workspace(tmp_path)
    clock = FakeClock()
    monkeypatch.setattr(atomic, "time", clock)
    monkeypatch.setattr(os, "replace", failing(os.replace))
    with pytest.raises(StoreError):
        ws.save(record, edits.edit(record.partnership, summary="nieuw"))
    monkeypatch.undo()
    assert clock.sleeps == []
    assert ws.path_of(record.name).read_bytes() == original


# ------------------------------------------------------------------ kill -9 while saving

SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from samenwerk_tui.domain import edits
    from samenwerk_tui.store.workspace import Workspace

    ws = Workspace(Path(sys.argv[1]))
    n = 0
    print("ready", flush=True)
    while True:
        for record in ws.load_all().records:
            n += 1
            text = f"versie {n} " * (n % 7 * 4000 + 1)
            ws.save(record, edits.edit(record.partnership, summary=text))
    """
)


def test_killing_a_process_while_it_saves_leaves_every_file_parseable(tmp_path: Path) -> None:
    ws = Workspace.init(tmp_path / "ws")
    for name in ("Senseo", "JOGG", "Science Park"):
        ws.create(edits.new_partnership(name, now=T0))
    rng = random.Random(20261126)
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(ws.root)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        result = ws.load_all()
        assert result.problems == [], result.problems
        assert len(result.records) == 3
    assert any(r.partnership.summary.startswith("versie") for r in result.records)
    # temp files a kill left behind are ignored by the loader and swept later
    leftovers = [p for p in ws.folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    old = time.time() - 120
    for path in leftovers:
        os.utime(path, (old, old))
    assert sorted(ws.sweep()) == sorted(leftovers)
    assert sorted(p.name for p in ws.folder.iterdir()) == sorted(r.name for r in result.records)
