"""The index cache makes an unchanged workspace open without parsing, and is never wrong.

An advisor opens a workspace, closes it, and opens it again: the second time the files come
from the cache in the user's cache folder. Any change to a file's stat (an editor, git, a
colleague) makes that file be read again; a damaged, foreign or outdated cache is ignored;
and nothing of the cache ever appears in the workspace or in ``git status``.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.services.config import cache_dir
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import index_layout
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.lock import LOCK_FILE
from samenwerk_tui.store.records import Record
from samenwerk_tui.store.workspace import Workspace


def make_workspace(root: Path, names: list[str]) -> Workspace:
    session = Session.open(root, "Anna de Vries", create=True)
    for name in names:
        session.create(edits.new_partnership(name, summary=f"About {name}", tags=["zorg"]))
    return session.workspace


def reopen(root: Path, *, racy_seconds: float = 0.0) -> Session:
    """Open like the app does, with the racy window shortened so fresh files are cached."""
    index = Index.for_workspace(cache_dir(), root, racy_seconds=racy_seconds)
    session = Session(Workspace(root), "Anna de Vries", index=index)
    session.load()
    session.wait_for_index()
    return session


def names_and_summaries(session: Session) -> list[tuple[str, str]]:
    return [(r.partnership.name, r.partnership.summary) for r in session.sorted_records()]


def test_an_unchanged_workspace_opens_from_the_cache_with_the_same_partnerships(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Schiphol schoon", "Zoë's zorgregio"])
    first = reopen(root)
    assert first.from_index == 0
    again = reopen(root)
    assert again.from_index == 3
    assert names_and_summaries(again) == names_and_summaries(first)
    assert {r.digest for r in again.records.values()} == {r.digest for r in first.records.values()}


def test_a_file_changed_behind_the_cache_is_read_again_even_with_its_mtime_put_back(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Philips"])
    reopen(root)
    path = next((root / "partnerships").glob("senseo-*.toml"))
    st = path.stat()
    data = path.read_bytes()
    changed = data.replace(b"About Senseo", b"Abcde Senseo")  # same size
    assert len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime as it was; ctime moves on
    again = reopen(root)
    assert again.from_index == 1
    assert ("Senseo", "Abcde Senseo") in names_and_summaries(again)


def test_a_new_deleted_or_broken_file_is_seen_at_the_next_open(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Philips", "Schiphol"])
    reopen(root)
    folder = root / "partnerships"
    next(folder.glob("philips-*.toml")).unlink()
    broken = next(folder.glob("schiphol-*.toml"))
    broken.write_bytes(b"<<<<<<< HEAD\n" + broken.read_bytes())
    Session.open(root, "Bram").create(edits.new_partnership("Nieuw"))
    again = reopen(root)
    assert sorted(r.partnership.name for r in again.records.values()) == ["Nieuw", "Senseo"]
    assert [p.key for p in again.problems.values()] == ["broken.conflict_markers"]


def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Philips"])
    expected = names_and_summaries(reopen(root))
    cache = Index.for_workspace(cache_dir(), root).path
    assert cache is not None and cache.exists()
    good = cache.read_bytes()
    damaged = [
        b"",
        b"not a cache at all",
        good[: len(good) // 2],  # cut short
        good[:-40] + bytes(b ^ 0xFF for b in good[-40:]),  # bits flipped
    ]
    for data in damaged:
        cache.write_bytes(data)
        session = reopen(root)
        assert session.from_index == 0
        assert names_and_summaries(session) == expected
        assert cache.read_bytes() != data  # rewritten
    # The cache of another workspace, copied over this one's: not trusted either.
    other = tmp_path / "other"
    make_workspace(other, ["Senseo", "Philips"])
    reopen(other)
    other_cache = Index.for_workspace(cache_dir(), other).path
    assert other_cache is not None
    cache.write_bytes(other_cache.read_bytes())
    session = reopen(root)
    assert session.from_index == 0
    assert names_and_summaries(session) == expected


def test_files_written_a_moment_ago_are_not_trusted_to_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo"])
    reopen(root, racy_seconds=60)  # everything is "a moment ago"
    assert reopen(root, racy_seconds=60).from_index == 0


def test_the_cache_lives_in_the_cache_folder_and_git_status_stays_clean(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Philips"])
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    before = sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts)
    reopen(root)
    session = reopen(root)
    assert session.from_index == 2
    after = sorted(p.relative_to(root) for p in root.rglob("*") if ".git" not in p.parts)
    assert after == before
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=root, capture_output=True, text=True
    )
    # The one ignored entry is the workspace lock the saves took (shared, never synced).
    assert status.stdout == f"!! {LOCK_FILE}\n"
    cache = Index.for_workspace(cache_dir(), root).path
    assert cache is not None and cache.is_relative_to(cache_dir())
    assert not cache.resolve().is_relative_to(root.resolve())


def test_a_cache_folder_inside_the_workspace_is_never_used(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo"])
    inside = Index.for_workspace(root / ".cache", root)
    assert not inside.enabled
    session = Session(Workspace(root), "Anna", index=inside)
    session.load()
    session.wait_for_index()
    assert not (root / ".cache").exists()
    assert [r.partnership.name for r in session.records.values()] == ["Senseo"]


def test_what_the_cache_gives_on_demand_equals_a_fresh_read(tmp_path: Path) -> None:
    """The cache's head is read at open; haystacks and packed files when asked for. Each
    record taken from it has the same facets, haystack and model as one read anew."""
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Schiphol schoon", "Zoë's zorgregio"])
    fresh = reopen(root)
    cached = reopen(root)
    assert cached.from_index == 3
    for a, b in zip(fresh.sorted_records(), cached.sorted_records(), strict=True):
        assert (a.name, a.digest, a.facets, a.sort_key) == (b.name, b.digest, b.facets, b.sort_key)
        assert a.haystack == b.haystack
        assert a.partnership == b.partnership
        assert b.packed == a.packed


def test_a_cache_written_a_piece_at_a_time_reads_back_the_same_and_is_the_users_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packed files are written in batches straight from where they lie (the old cache,
    mapped), with the table of lengths and checksums put in its place last. Written one
    packed file per batch, from fresh records and then from cached ones with one changed,
    every cache reads back as a fresh read does; and nobody but the user may read it.
    Each record's packed file is asked for once: one made anew need not come out the same
    twice, and the head says where each lies."""
    monkeypatch.setattr(index_layout, "WRITE_BATCH", 1)
    asked: list[Record] = []  # (kept: no record's identity is reused meanwhile)
    blob = Record.blob

    def counted(self: Record) -> bytes | memoryview | None:
        asked.append(self)
        return blob(self)

    monkeypatch.setattr(Record, "blob", counted)
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Schiphol schoon", "Zoë's zorgregio", "Aardwarmte"])
    reopen(root)  # written from records just read
    cached = reopen(root)
    assert cached.from_index == 4
    senseo = next(r for r in cached.records.values() if r.partnership.name == "Senseo")
    cached.update(senseo.id, lambda p: edits.edit(p, summary="Koffie, anders"))
    reopen(root)  # written mostly from the cache it replaces
    fresh = Session(Workspace(root), "Anna de Vries", index=None)
    fresh.load()
    again = reopen(root)
    assert again.from_index == 4
    for a, b in zip(fresh.sorted_records(), again.sorted_records(), strict=True):
        assert (a.name, a.digest, a.facets, a.haystack) == (b.name, b.digest, b.facets, b.haystack)
        assert a.partnership == b.partnership
    cache = Index.for_workspace(cache_dir(), root).path
    assert cache is not None and not list(cache.parent.glob("*.tmp"))
    if sys.platform != "win32":
        assert cache.stat().st_mode & 0o777 == 0o600
    assert asked and len({id(r) for r in asked}) == len(asked)


def test_rewriting_the_cache_leaves_the_cached_records_as_light_as_they_were(
    tmp_path: Path,
) -> None:
    """A save or a pull makes the next open write the cache again, mostly from the records
    the old cache gave. That write reads every digest as the cache keeps it (32 bytes), and
    leaves no record holding its digest as text: at 10,000 partnerships that was 1 MB the
    app kept until it closed. Big buffers get mappings of their own (glibc), so the few
    megabytes the write makes and drops go back at once."""
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Schiphol schoon", "Zoë's zorgregio"])
    reopen(root)
    cached = reopen(root)
    assert cached.from_index == 3
    records = list(cached.records.values())
    raw = [r.raw_digest() for r in records]
    entries = [(cached.stats[r.name], r) for r in records]
    index = Index.for_workspace(cache_dir(), root, racy_seconds=0.0)
    index.write(entries)
    assert all(r._digest is None for r in records)  # (the hex text is made when asked for)
    assert [bytes.fromhex(r.digest) for r in records] == raw
    assert reopen(root).from_index == 3
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert index_layout.bound_heap() is glibc
    assert index_layout.bound_heap() is glibc  # (asked once: the answer stays)


def test_a_damaged_later_section_makes_the_whole_cache_untrusted(tmp_path: Path) -> None:
    """The haystacks and packed files are read on demand, but checked at open: a flipped
    byte anywhere (here in the last section) means the cache is not used at all."""
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Philips"])
    expected = names_and_summaries(reopen(root))
    cache = Index.for_workspace(cache_dir(), root).path
    assert cache is not None
    good = cache.read_bytes()
    cache.write_bytes(good[:-5] + bytes([good[-5] ^ 0x01]) + good[-4:])
    session = reopen(root)
    assert session.from_index == 0
    assert names_and_summaries(session) == expected


def test_a_session_keeps_what_it_read_when_the_cache_is_replaced_under_it(tmp_path: Path) -> None:
    """The cache is mapped into memory, not copied: a second session that writes a new
    cache (a rename over the old file) leaves what the first session takes from its cache
    later (haystacks, packed files) exactly what it opened with."""
    root = tmp_path / "ws"
    make_workspace(root, ["Senseo", "Schiphol schoon", "Zoë's zorgregio"])
    fresh = reopen(root)
    expected = [(r.haystack, r.packed, r.partnership) for r in fresh.sorted_records()]
    first = reopen(root)
    assert first.from_index == 3  # nothing asked of its cache beyond the head yet
    reopen(root).create(edits.new_partnership("Aardwarmte", summary="Nieuw"))
    assert reopen(root).from_index == 3  # ... and this one wrote the cache anew
    assert len(Index.for_workspace(cache_dir(), root).read()) == 4
    got = [(r.haystack, r.packed, r.partnership) for r in first.sorted_records()]
    assert got == expected
