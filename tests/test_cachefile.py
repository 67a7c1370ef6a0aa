"""A cache file (the index, the style sheets, the texts) is made whole beside its place,
readable by the user alone, and anything that goes wrong leaves the old file and no temp
file behind."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from samenwerk_tui import cachefile


def test_a_cache_file_is_replaced_whole_and_is_the_users_alone(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "samenwerk" / "x.bin"
    data = bytes(range(256)) * 5000  # (more than one write may take)
    assert cachefile.replace(path, lambda fd: cachefile.write_all(fd, data))
    assert path.read_bytes() == data
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o777 == 0o600
    assert cachefile.replace(path, lambda fd: cachefile.write_all(fd, b"new"))
    assert path.read_bytes() == b"new"
    assert [p.name for p in path.parent.iterdir()] == ["x.bin"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"old")

    def half_then_fail(fd: int) -> None:
        cachefile.write_all(fd, b"half")
        raise RuntimeError("a bug in the writer")

    with pytest.raises(RuntimeError):  # not a refusal of the system: said, not hidden
        cachefile.replace(path, half_then_fail)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bin"]
    blocked = tmp_path / "x.bin" / "under-a-file.bin"  # the system refuses: False
    assert not cachefile.replace(blocked, lambda fd: cachefile.write_all(fd, b"x"))
    assert path.read_bytes() == b"old"
