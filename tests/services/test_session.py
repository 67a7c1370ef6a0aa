"""A working session on a real workspace folder: the stories both front ends rely on.

Every change is saved at once, can be undone, and never overwrites a change made outside
the session (a colleague's sync, an editor, a CLI command in another terminal).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import DomainError, Partnership
from samenwerk_tui.domain.query import parse_query
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services.session import REAPPLIED, RefError, Session
from samenwerk_tui.store import codec
from samenwerk_tui.store.atomic import TEMP_SUFFIX
from samenwerk_tui.store.workspace import StoreError


def open_session(tmp_path: Path, author: str = "Anna de Vries") -> Session:
    return Session.open(tmp_path / "ws", author)


def new(session: Session, name: str, **kw: object) -> str:
    return session.create(edits.new_partnership(name, **kw)).partnership_id  # type: ignore[arg-type]


def on_disk(session: Session, pid: str) -> Partnership:
    return codec.decode(session.workspace.path_of(session.records[pid].name).read_bytes())


def outside_edit(session: Session, pid: str, old: bytes, new: bytes) -> bytes:
    """Change the file as another program would, keeping its size and mtime."""
    path = session.workspace.path_of(session.records[pid].name)
    data = path.read_bytes()
    assert len(old) == len(new) and old in data
    stat = path.stat()
    changed = data.replace(old, new)
    path.write_bytes(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return changed


# ------------------------------------------------------------------ opening


def test_opening_creates_a_workspace_and_reopening_writes_nothing(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    root = tmp_path / "ws"
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    again = Session.open(root, "Bram")
    assert list(again.records) == [pid]
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == before


def test_opening_without_create_refuses_a_folder_that_is_no_workspace(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    for root in (tmp_path / "elsewhere", tmp_path / "missing"):
        with pytest.raises(StoreError) as info:
            Session.open(root, "Anna", create=False)
        assert info.value.key == "error.no_workspace"
    assert not (tmp_path / "missing").exists()
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_opening_sweeps_stale_temp_files(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    stale = session.workspace.folder / f".x-abcdef.toml.12345678{TEMP_SUFFIX}"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    Session.open(tmp_path / "ws", "Anna")
    assert not stale.exists()


def test_unexpected_and_broken_files_are_listed_and_the_rest_keeps_working(
    tmp_path: Path,
) -> None:
    session = open_session(tmp_path)
    folder = session.workspace.folder
    odd = {
        "Senseo.TOML": b"schema = 1\n",
        unicodedata.normalize("NFD", "zoë-abcdef.toml"): b"schema = 1\n",
        "kapot-abcdef.toml": b"schema = \n",
    }
    for name, data in odd.items():
        (folder / name).write_bytes(data)
    session = open_session(tmp_path)
    assert set(session.problems) == set(odd)
    assert session.problems["kapot-abcdef.toml"].line == 1
    pid = new(session, "Senseo")
    session.edit(pid, summary="werkt")
    session.delete(pid)
    assert not session.poll().any
    for name, data in odd.items():
        assert (folder / name).read_bytes() == data


# ------------------------------------------------------------------ the everyday story


def test_create_edit_classify_note_perspective_delete_and_undo(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo", summary="Koffie")
    record = session.records[pid]
    path = session.workspace.path_of(record.name)
    created_bytes = path.read_bytes()

    change = session.edit(pid, stage=Stage.EXECUTE, add_tags=["Product"])
    assert change.action == "edited" and change.before == created_bytes
    change = session.classify(pid, primary=AgreementType.DELIVER, scores={AgreementType.DELIVER: 5})
    assert change.action == "classified"
    session.add_note(pid, "Kick-off ging goed.", note_type=AgreementType.DELIVER)
    session.set_perspective(pid, PerspectiveName.AMBITION, 4, comment="Helder")

    p = on_disk(session, pid)
    assert p == session.records[pid].partnership
    assert (p.stage, p.tags, p.primary) == (Stage.EXECUTE, ("product",), AgreementType.DELIVER)
    assert p.classification.by == "Anna de Vries"
    assert p.notes[0].author == "Anna de Vries" and p.notes[0].text == "Kick-off ging goed."
    assert p.perspectives[PerspectiveName.AMBITION].score == 4
    assert [c.action for c in session.undo_stack] == [
        "created", "edited", "classified", "noted", "perspective",
    ]  # fmt: skip

    # undo walks back, one saved change at a time, through the same safe write
    undone = session.undo()
    assert undone is not None and undone.action == "undone"
    assert undone.undid is not None and undone.undid.action == "perspective"
    assert undone.record == session.records[pid]
    assert PerspectiveName.AMBITION not in on_disk(session, pid).perspectives
    session.undo()
    assert on_disk(session, pid).notes == ()
    session.undo()
    session.undo()
    assert path.read_bytes() == created_bytes
    assert session.records[pid].partnership == codec.decode(created_bytes)

    change = session.delete(pid)
    assert change.action == "deleted" and not path.exists() and pid not in session.records
    session.undo()
    assert path.read_bytes() == created_bytes and pid in session.records
    session.undo()  # undo the create
    assert not path.exists() and session.records == {}
    assert session.undo() is None


def test_a_change_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo", stage=Stage.SHARE)
    path = session.workspace.path_of(session.records[pid].name)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    session.poll()
    change = session.edit(pid, stage=Stage.SHARE, name="Senseo")
    record = change.record
    assert record is not None
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert record is session.records[pid]
    assert len(session.undo_stack) == 1  # only the create
    assert change.before is None and change.after_digest == record.digest


def test_bad_input_raises_and_writes_nothing(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    path = session.workspace.path_of(session.records[pid].name)
    data = path.read_bytes()
    with pytest.raises(DomainError):
        session.classify(pid, scores={AgreementType.GOALS: 9})
    with pytest.raises(DomainError):
        session.edit(pid, name="  ")
    assert path.read_bytes() == data and len(session.undo_stack) == 1


# ------------------------------------------------------------------ outside changes


def test_a_save_over_an_outside_change_reapplies_the_edit_so_both_survive(
    tmp_path: Path,
) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo", summary="Koffie")
    outside = outside_edit(session, pid, b'summary = "Koffie"', b'summary = "Thee!!"')
    change = session.edit(pid, stage=Stage.AGREE)
    record = change.record
    assert record is not None and change.reapplied and change.warning == REAPPLIED
    assert change.before == outside  # undo restores the colleague's version, not ours
    p = on_disk(session, pid)
    assert (p.summary, p.stage) == ("Thee!!", Stage.AGREE)
    assert record.partnership == p
    session.undo()
    path = session.workspace.path_of(record.name)
    assert path.read_bytes() == outside


def test_a_note_added_over_an_outside_note_keeps_both(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    other = Session.open(tmp_path / "ws", "Bram")
    other.add_note(pid, "Van Bram")
    session.add_note(pid, "Van Anna")
    assert sorted(n.text for n in on_disk(session, pid).notes) == ["Van Anna", "Van Bram"]


def test_saving_over_a_file_deleted_or_broken_elsewhere_is_refused(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    name = session.records[pid].name
    path = session.workspace.path_of(name)
    path.write_bytes(b"<<<<<<< HEAD\n")
    with pytest.raises(StoreError) as info:
        session.edit(pid, summary="x")
    assert info.value.key == "error.broken_elsewhere"
    assert path.read_bytes() == b"<<<<<<< HEAD\n"
    # The session now holds what it found: a broken file, no partnership.
    assert name in session.problems and pid not in session.records
    with pytest.raises(StoreError) as info:  # a second try says the same, no KeyError
        session.edit(pid, summary="x")
    assert info.value.key == "error.broken_elsewhere"
    path.unlink()
    pid2 = new(session, "JOGG")
    path2 = session.workspace.path_of(session.records[pid2].name)
    path2.unlink()
    with pytest.raises(StoreError) as info:
        session.edit(pid2, summary="x")
    assert info.value.key == "error.deleted_elsewhere"
    assert not path2.exists() and pid2 not in session.records


def test_undo_is_refused_when_the_file_changed_since(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo", summary="Koffie")
    session.edit(pid, summary="Thee")
    changed = outside_edit(session, pid, b'summary = "Thee"', b'summary = "Melk"')
    with pytest.raises(StoreError) as info:
        session.undo()
    assert info.value.key == "error.undo_changed"
    assert session.workspace.path_of(session.records[pid].name).read_bytes() == changed
    # undoing a create is refused too once someone changed the new file
    pid2 = new(session, "JOGG")
    path2 = session.workspace.path_of(session.records[pid2].name)
    outside_edit(session, pid2, b'name = "JOGG"', b'name = "JOG!"')
    assert session.poll().changed == {pid, pid2}  # same size, mtime and inode: ctime tells
    with pytest.raises(StoreError) as info:
        session.undo()
    assert info.value.key == "error.undo_changed"
    assert path2.exists()


def test_undo_checks_the_hash_even_when_no_poll_noticed_the_change(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "JOGG")
    changed = outside_edit(session, pid, b'name = "JOGG"', b'name = "JOG!"')
    with pytest.raises(StoreError) as info:
        session.undo()
    assert info.value.key == "error.undo_changed"
    assert session.workspace.path_of(session.records[pid].name).read_bytes() == changed


def test_poll_picks_up_outside_changes_but_not_our_own_saves(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    assert not session.poll().any
    session.edit(pid, summary="eigen wijziging")
    session.add_note(pid, "nog een")
    assert not session.poll().any  # our own writes are no outside change

    other = Session.open(tmp_path / "ws", "Bram")
    other.edit(pid, stage=Stage.CLOSED)
    new_pid = new(other, "JOGG")
    refresh = session.poll()
    assert refresh.changed == {pid, new_pid} and not refresh.removed
    assert session.records[pid].partnership.stage is Stage.CLOSED
    assert session.records[new_pid].partnership.name == "JOGG"
    assert not session.poll().any

    other.delete(new_pid)
    refresh = session.poll()
    assert refresh.removed == {new_pid} and new_pid not in session.records


def test_a_file_going_broken_and_back_moves_between_records_and_problems(
    tmp_path: Path,
) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    name = session.records[pid].name
    path = session.workspace.path_of(name)
    good = path.read_bytes()

    path.write_bytes(good.replace(b"schema = 1\n", b"schema = 1\n<<<<<<< HEAD\n"))
    refresh = session.poll()
    assert refresh.removed == {pid} and refresh.problems_changed
    assert pid not in session.records
    assert session.problems[name].key == "broken.conflict_markers"
    assert [p.name for p in session.filter_problems(parse_query("is:conflict"))] == [name]

    path.write_bytes(good)
    refresh = session.poll()
    assert refresh.changed == {pid} and refresh.problems_changed and not refresh.removed
    assert session.records[pid].name == name and session.problems == {}

    path.unlink()
    refresh = session.poll()
    assert refresh.removed == {pid} and session.records == {} and session.problems == {}


def test_a_copied_file_with_the_same_id_is_a_problem_until_one_goes(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    name = session.records[pid].name
    folder = session.workspace.folder
    copy = "aaa-" + name.split("-")[-1]  # sorts before the original
    (folder / copy).write_bytes((folder / name).read_bytes())
    session.poll()
    # the same outcome as a fresh full load: the first name keeps the id
    fresh = Session.open(tmp_path / "ws", "Anna")
    assert {r.name for r in session.records.values()} == {r.name for r in fresh.records.values()}
    assert set(session.problems) == set(fresh.problems) == {name}
    assert session.problems[name].key == "broken.duplicate_id"

    (folder / copy).unlink()
    session.poll()
    assert session.records[pid].name == name and session.problems == {}


def test_a_renamed_file_keeps_its_partnership(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    pid = new(session, "Senseo")
    name = session.records[pid].name
    folder = session.workspace.folder
    (folder / name).rename(folder / ("koffie-" + name.split("-")[-1]))
    refresh = session.poll()
    assert refresh.changed == {pid} and not refresh.removed
    assert session.records[pid].name.startswith("koffie-")


def test_reload_names_reads_exactly_what_a_sync_changed(tmp_path: Path) -> None:
    session = open_session(tmp_path)
    a, b = new(session, "Senseo"), new(session, "JOGG")
    other = Session.open(tmp_path / "ws", "Bram")
    other.edit(a, summary="via sync")
    other.edit(b, summary="ook via sync")
    refresh = session.reload_names([session.records[a].name])
    assert refresh.changed == {a}
    assert session.records[a].partnership.summary == "via sync"
    assert session.records[b].partnership.summary == ""


# ------------------------------------------------------------------ REF resolution


@pytest.fixture
def three(tmp_path: Path) -> Session:
    session = open_session(tmp_path)
    new(session, "Senseo", pid="k3f9qa2mzx7b")
    new(session, "Senseo", pid="k3f9qb000000")
    new(session, "Zoë's zorgnetwerk", pid="zz11aa22bb33")
    new(session, "Jongeren Op Gezond Gewicht", pid="jogg00000001")
    return session


@pytest.mark.parametrize(
    ("ref", "pid"),
    [
        ("zz11aa22bb33", "zz11aa22bb33"),  # id
        ("jogg", "jogg00000001"),  # id prefix of four or more
        ("k3f9qa", "k3f9qa2mzx7b"),
        ("senseo-k3f9qa.toml", "k3f9qa2mzx7b"),  # file name
        ("senseo-k3f9qb", "k3f9qb000000"),  # file name without .toml
        ("partnerships/senseo-k3f9qa.toml", "k3f9qa2mzx7b"),  # as a shell completes it
        ("zoe's zorgnetwerk", "zz11aa22bb33"),  # unique name, accents and case ignored
        ("ZORGNETWERK", "zz11aa22bb33"),  # unique part of a name
        ("  Jongeren op gezond gewicht ", "jogg00000001"),
    ],
)
def test_a_ref_finds_one_partnership(three: Session, ref: str, pid: str) -> None:
    assert three.resolve(ref).id == pid


@pytest.mark.parametrize(
    ("ref", "key", "candidates"),
    [
        ("", "error.ref_none", 0),
        ("philips", "error.ref_none", 0),
        ("k3f", "error.ref_none", 0),  # too short for an id prefix and in no name
        ("senseo", "error.ref_many", 2),
        ("k3f9q", "error.ref_many", 2),
        ("e", "error.ref_many", 4),
    ],
)
def test_a_ref_matching_none_or_several_says_so(
    three: Session, ref: str, key: str, candidates: int
) -> None:
    with pytest.raises(RefError) as info:
        three.resolve(ref)
    assert info.value.key == key
    assert len(info.value.candidates) == candidates


def test_records_sort_and_filter_by_name(three: Session) -> None:
    names = [p.name for p in three.partnerships()]
    assert names == ["Jongeren Op Gezond Gewicht", "Senseo", "Senseo", "Zoë's zorgnetwerk"]
    assert [r.id for r in three.filter(parse_query("zoe"))] == ["zz11aa22bb33"]
    three.changed_files.add(three.records["jogg00000001"].name)
    assert [r.id for r in three.filter(parse_query("is:changed"))] == ["jogg00000001"]
