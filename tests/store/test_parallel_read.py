"""Reading a big workspace in worker processes gives exactly what a plain read gives.

The first open of a workspace of thousands of files parses them in worker processes
(:mod:`samenwerk_tui.store.parallel`). Whatever the workers do, the session must see the
same records, the same problems and the same order as a plain sequential read, on a
corpus with broken files, duplicate ids, stray names and files that change or vanish
while it is being read; the app itself parses none of those files again.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Party
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec, parallel
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.records import LoadResult
from samenwerk_tui.store.workspace import Workspace


def corpus(root: Path, count: int = 60) -> Workspace:
    """``count`` partnerships, and every kind of file a plain read must report."""
    Workspace.init(root, name="Corpus")
    ws = Workspace(root)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(count):
        p = edits.new_partnership(
            f"Zorgnetwerk {i:03d}",
            summary=f"Partners {i} in de regio.",
            stage=list(Stage)[i % len(Stage)],
            tags=["regio", f"t{i % 3}"],
            parties=[Party("Gemeente Rivierdal", "trekker")],
            now=start + timedelta(minutes=i),
            pid=f"par{i:09d}",
        )
        if i % 4 == 0:
            p = edits.classify(p, by="Anna", primary=list(AgreementType)[i % 4], now=p.created)
        if i % 5 == 0:
            p = edits.add_note(p, f"Notitie {i}", author="Bram", now=p.created)[0]
        ws.path_of(ws.file_name_for(p)).write_bytes(codec.encode(p))
    folder = ws.folder
    names = sorted(p.name for p in folder.iterdir())
    (folder / names[3]).write_bytes(b'schema = 1\nname = "half')  # not TOML
    (folder / names[7]).write_bytes(b"<<<<<<< HEAD\n" + (folder / names[7]).read_bytes())
    (folder / "notes.txt").write_text("not a partnership", "utf-8")  # an unexpected name
    twin = (folder / names[10]).read_bytes()  # the same id under another name
    (folder / names[10].replace("zorgnetwerk", "kopie")).write_bytes(twin)
    odd = (folder / names[12]).read_bytes().replace(b"schema = 1\n", b"schema = 1\nextra = 5\n")
    (folder / names[12]).write_bytes(odd)  # an unknown key: the full decoder reads it
    return ws


def shape(result: LoadResult) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    records = [(r.name, r.digest, repr(r.partnership)) for r in result.records]
    problems = [(p.name, p.key) for p in result.problems]
    return records, problems


@pytest.fixture
def in_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for every read of more than a few files, in chunks of seven."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 5)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    monkeypatch.setattr(parallel, "_allowed", True)
    monkeypatch.setattr(parallel, "workers", lambda: 2)


def test_workers_read_the_same_records_problems_and_order_as_a_plain_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_processes: None
) -> None:
    ws = corpus(tmp_path / "ws")
    parsed_here: list[bytes] = []
    read = codec.read

    def counting(data: bytes) -> object:
        parsed_here.append(data)
        return read(data)

    # The workers are fresh interpreters: what this process parses is counted here.
    monkeypatch.setattr(codec, "read", counting)
    in_workers = ws.load_all()
    assert parsed_here == []
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    plain = ws.load_all()
    assert len(parsed_here) == 61  # the plain read parsed every file once (not notes.txt)
    assert shape(in_workers) == shape(plain)
    assert sorted(p.key for p in plain.problems) == [
        "broken.conflict_markers",
        "broken.duplicate_id",
        "broken.toml_unterminated",  # a quote left open
        "broken.unexpected_name",
    ]
    assert sum(r.packed is None for r in in_workers.records) == 1  # the one with extra keys


def test_a_session_opened_through_workers_filters_lists_and_caches_alike(
    tmp_path: Path, in_processes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    corpus(root)
    cache = tmp_path / "cache"
    index = Index.for_workspace(cache, root, racy_seconds=0)
    parallel_session = Session(Workspace(root), "Anna", index=index)
    parallel_session.load()
    parallel_session.wait_for_index()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    plain_session = Session(Workspace(root), "Anna", index=False)
    plain_session.load()
    for session in (parallel_session, plain_session):
        assert len(session.records) == 58 and len(session.problems) == 4
    assert [r.name for r in parallel_session.sorted_records()] == [
        r.name for r in plain_session.sorted_records()
    ]
    for a, b in zip(parallel_session.sorted_records(), plain_session.sorted_records(), strict=True):
        assert (a.facets, a.haystack, a.sort_key) == (b.facets, b.haystack, b.sort_key)
    # The cache the workers' records went into gives them back unchanged.
    again = Session(Workspace(root), "Anna", index=index)
    again.load()
    assert again.from_index == 58
    assert [(r.name, r.partnership) for r in again.sorted_records()] == [
        (r.name, r.partnership) for r in plain_session.sorted_records()
    ]


def test_files_changed_or_gone_during_the_read_are_read_as_they_are_then(
    tmp_path: Path, in_processes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    ws = corpus(root)
    stats = ws.scan()  # what the reader saw first
    names = sorted(stats)
    changed = ws.path_of(names[20])
    changed.write_bytes(changed.read_bytes().replace(b"Partners 1", b"Changed 1"))
    ws.path_of(names[30]).unlink()  # gone before it was read
    index = Index.for_workspace(tmp_path / "cache", root, racy_seconds=0)
    in_workers, _ = ws.load_indexed(stats, index)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    plain, _ = ws.load_indexed(stats, Index(None, root))
    assert shape(in_workers) == shape(plain)
    assert names[30] not in {r.name for r in in_workers.records}
    record = next(r for r in in_workers.records if r.name == names[20])
    assert "Changed 1" in record.partnership.summary
    # A session that read that way sees the change as a changed stat at its next look.
    session = Session(Workspace(root), "Anna", index=False)
    session.load()
    changed.write_bytes(changed.read_bytes().replace(b"Changed 1", b"Again 1"))
    refresh = session.poll()
    assert refresh.changed == {record.id}


def test_without_workers_the_read_goes_on_in_this_process(
    tmp_path: Path, in_processes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = corpus(tmp_path / "ws")
    expected = shape(ws.load_all())

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    assert shape(ws.load_all()) == expected


def test_a_program_that_did_not_allow_processes_reads_in_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only samenwerk's entry points allow workers; a library caller's script (perhaps
    without a main guard, which every spawned worker would run again) never gets them."""
    ws = corpus(tmp_path / "ws")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 5)
    monkeypatch.setattr(parallel, "_allowed", False)
    assert parallel.workers() == 0
    started: list[object] = []
    import concurrent.futures

    real = concurrent.futures.ProcessPoolExecutor

    def counting(*args: object, **kwargs: object) -> object:
        started.append(args)
        return real(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counting)
    assert len(ws.load_all().records) == 58
    assert started == []
