"""The workspace folder on disk: storage rules 3, 4, 10, 11, 20, 21, 22 and 25.

Real folders in ``tmp_path``; every assertion is on bytes in files or on what the store
reports. A file the program cannot read is listed with file, line, column and reason, and
its bytes are never touched.
"""

from __future__ import annotations

import ast
import os
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import DomainError, Partnership
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.store import codec
from samenwerk_tui.store.atomic import TEMP_SUFFIX
from samenwerk_tui.store.workspace import (
    FILE_NAME,
    Problem,
    Record,
    StaleFileError,
    StoreError,
    Workspace,
    digest,
)

T0 = datetime(2026, 11, 26, 9, 12, tzinfo=UTC)


def workspace(tmp_path: Path) -> Workspace:
    return Workspace.init(tmp_path / "ws", name="Advies")


def senseo(pid: str = "k3f9qa2mzx7b", name: str = "Senseo") -> Partnership:
    return edits.new_partnership(name, summary="Koffie", tags=["product"], now=T0, pid=pid)


# ------------------------------------------------------------------ rule 25: init


def test_init_creates_only_the_four_workspace_entries(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    assert sorted(p.name for p in ws.root.iterdir()) == [
        ".gitattributes",
        ".gitignore",
        "partnerships",
        "samenwerk.toml",
    ]
    assert list(ws.folder.iterdir()) == []
    assert (ws.root / "samenwerk.toml").read_bytes() == b'schema = 1\nname = "Advies"\n'
    attributes = (ws.root / ".gitattributes").read_text()
    assert "* text=auto eol=lf" in attributes
    assert "partnerships/*.toml text eol=lf merge=samenwerk" in attributes
    assert f"*{TEMP_SUFFIX}" in (ws.root / ".gitignore").read_text()
    assert ws.display_name == "Advies"


def test_init_leaves_existing_files_alone(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "samenwerk.toml").write_bytes(b'schema = 1\nname = "Mijn"\n# eigen\n')
    (root / ".gitignore").write_bytes(b"eigen\n")
    Workspace.init(root)
    assert (root / "samenwerk.toml").read_bytes() == b'schema = 1\nname = "Mijn"\n# eigen\n'
    assert (root / ".gitignore").read_bytes() == b"eigen\n"


def test_init_on_a_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError) as info:
        Workspace.init(tmp_path / "file")
    assert info.value.key == "error.cannot_write"


# ------------------------------------------------------------------ create, save, names


def test_a_new_partnership_gets_a_slug_and_id_file_name(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    assert record.name == "senseo-k3f9qa.toml"
    assert ws.path_of(record.name).read_bytes() == codec.encode(record.partnership)
    assert record.digest == digest(ws.path_of(record.name).read_bytes())


def test_two_senseos_get_two_files(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    a = ws.create(edits.new_partnership("Senseo", now=T0))
    b = ws.create(edits.new_partnership("Senseo", now=T0))
    assert a.name != b.name
    assert a.name.startswith("senseo-") and b.name.startswith("senseo-")
    assert len(ws.load_all().records) == 2


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.create(senseo())
    with pytest.raises(StoreError) as info:
        ws.create(senseo(name="Senseo"))
    assert info.value.key == "error.file_exists"


def test_renaming_keeps_the_file_name(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    saved, _ = ws.save(record, edits.edit(record.partnership, name="Senseo Original"))
    assert saved.name == record.name
    assert [p.name for p in ws.folder.iterdir()] == ["senseo-k3f9qa.toml"]


def test_hostile_names_give_safe_file_names_inside_the_folder(
    tmp_path: Path, hostile_names: list[str]
) -> None:
    ws = workspace(tmp_path)
    for name in hostile_names:
        record = ws.create(edits.new_partnership(name, now=T0))
        assert FILE_NAME.match(record.name), record.name
        assert ws.path_of(record.name).resolve().parent == ws.folder.resolve()
    names = [p.name for p in ws.folder.iterdir()]
    assert len(names) == len(hostile_names)
    assert len({n.lower() for n in names}) == len(names)  # no two differ only in case
    loaded = ws.load_all()
    assert loaded.problems == [] and len(loaded.records) == len(hostile_names)


def test_the_rule_23_payload_is_stored_without_control_characters(tmp_path: Path) -> None:
    """Rule 24: input is stripped of C0/C1 before it reaches a file."""
    ws = workspace(tmp_path)
    payload = "\x1b]52;c;ZXZpbA==\x07[bold]x[/] [link=https://e.vil]y[/link]\x9d"
    record = ws.create(edits.new_partnership(payload, summary=f"a\r\n{payload}", now=T0))
    data = ws.path_of(record.name).read_bytes()
    assert b"\\u001b" not in data and b"\\u0007" not in data and b"\\u009d" not in data
    p = record.partnership
    assert p.name == "]52;c;ZXZpbA==[bold]x[/] [link=https://e.vil]y[/link]"
    assert p.summary == f"a\n{p.name}"


# ------------------------------------------------------------------ writes nothing unchanged


def test_load_then_save_unchanged_writes_nothing(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    path = ws.path_of(record.name)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    loaded = ws.load_all().records[0]
    saved, previous = ws.save(loaded, loaded.partnership)
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert previous == path.read_bytes() and saved.digest == loaded.digest


# ------------------------------------------------------------------ rule 11: no blind overwrite


def test_a_file_changed_with_same_size_and_mtime_is_not_overwritten(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    path = ws.path_of(record.name)
    loaded = ws.load_all().records[0]
    original = path.read_bytes()
    stat = path.stat()
    outside = original.replace(b'summary = "Koffie"', b'summary = "Thee!!"')
    assert len(outside) == len(original)
    path.write_bytes(outside)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns and path.stat().st_size == stat.st_size
    with pytest.raises(StaleFileError) as info:
        ws.save(loaded, edits.edit(loaded.partnership, stage=Stage.SHARE))
    assert info.value.current == outside
    assert info.value.key == "error.stale_file"
    assert path.read_bytes() == outside


def test_a_file_deleted_since_it_was_read_is_not_recreated(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    loaded = ws.create(senseo())
    ws.path_of(loaded.name).unlink()
    with pytest.raises(StaleFileError) as info:
        ws.save(loaded, edits.edit(loaded.partnership, summary="x"))
    assert info.value.current is None
    assert list(ws.folder.iterdir()) == []


def test_write_bytes_and_delete_check_the_digest(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    with pytest.raises(StaleFileError):
        ws.write_bytes(record.name, b"x", "0" * 64)
    with pytest.raises(StaleFileError):
        ws.write_bytes(record.name, b"x", None)  # a restore must not overwrite
    stale = Record(record.name, record.partnership, "0" * 64)
    with pytest.raises(StaleFileError):
        ws.delete(stale)
    assert ws.path_of(record.name).exists()
    ws.delete(record)
    assert not ws.path_of(record.name).exists()
    ws.delete(record)  # already gone: nothing to do


# ------------------------------------------------------------------ rule 10: broken files

GOOD = codec.encode(senseo())
LINES = GOOD.decode().splitlines(keepends=True)


def conflicted() -> bytes:
    text = "".join(LINES)
    return (
        text.replace(
            'name = "Senseo"\n',
            '<<<<<<< HEAD\nname = "Senseo"\n=======\nname = "Senseo NL"\n>>>>>>> theirs\n',
        )
        .replace('schema = 1\nid = "k3f9qa2mzx7b"\n', 'id = "k3f9qa2mzx7b"\n')
        .encode()
    )


BROKEN: dict[str, tuple[bytes, str, int, int]] = {
    # name: (bytes, reason key, line, column)
    "conflict-k3f9qa.toml": (conflicted(), "broken.conflict_markers", 2, 1),
    "truncated-k3f9qa.toml": (
        GOOD[: GOOD.index(b"Koffie") + 3],
        "broken.toml_unterminated",
        8,
        15,
    ),
    "score-k3f9qa.toml": (
        GOOD.replace(
            b"[classification.goals]\nscore = 0", b'[classification.goals]\nscore = "hoog"'
        ),
        "broken.wrong_type",
        18,
        1,
    ),
    "nine-k3f9qa.toml": (
        GOOD.replace(
            b"[classification.movement]\nscore = 0", b"[classification.movement]\nscore = 9"
        ),
        "broken.out_of_range",
        22,
        1,
    ),
    "tags-k3f9qa.toml": (
        GOOD.replace(b'tags = ["product"]', b'tags = "product"'),
        "broken.wrong_type",
        5,
        1,
    ),
    "stage-k3f9qa.toml": (GOOD.replace(b'"explore"', b'"later"'), "error.unknown_stage", 4, 1),
    "schema-k3f9qa.toml": (GOOD.replace(b"schema = 1", b"schema = 2"), "broken.schema", 1, 1),
    "latin1-k3f9qa.toml": (
        GOOD.replace(b"Koffie", "Caf\u00e9".encode("latin-1")),
        "broken.not_utf8",
        8,
        15,
    ),
    "dupkey-k3f9qa.toml": (
        GOOD.replace(b'summary = "Koffie"\n', b'summary = "Koffie"\nname = "again"\n'),
        "broken.toml_twice",
        9,
        15,
    ),
    "empty-k3f9qa.toml": (b"", "broken.schema", 1, 1),
    "noname-k3f9qa.toml": (
        GOOD.replace(b'name = "Senseo"', b'name = "\\u001b "'),
        "error.empty_name",
        3,
        1,
    ),
    "other-abcdef.toml": (GOOD, "broken.id_mismatch", 1, 1),
}


def test_broken_files_are_listed_with_line_column_reason_and_never_touched(
    tmp_path: Path,
) -> None:
    ws = workspace(tmp_path)
    good = ws.create(senseo(pid="goodgood0001", name="Goed"))
    for name, (data, _, _, _) in BROKEN.items():
        ws.path_of(name).write_bytes(data)
    stats = {name: ws.path_of(name).stat() for name in BROKEN}
    result = ws.load_all()
    assert [r.name for r in result.records] == [good.name]
    found = {p.name: (p.key, p.line, p.column) for p in result.problems}
    assert found == {name: (key, line, col) for name, (_, key, line, col) in BROKEN.items()}
    assert all(p.digest == digest(BROKEN[p.name][0]) for p in result.problems)
    # the other records keep working: edit and save the good one
    ws.save(result.records[0], edits.edit(result.records[0].partnership, summary="verder"))
    for name, (data, _, _, _) in BROKEN.items():
        assert ws.path_of(name).read_bytes() == data
        assert ws.path_of(name).stat().st_mtime_ns == stats[name].st_mtime_ns


def test_a_toml_error_carries_the_parser_reason() -> None:
    # A slip without a sentence of its own (see test_store_toml_reasons) keeps the
    # parser's words.
    data = GOOD.replace(b'summary = "Koffie"', b'summary = "Koffie \\q"')
    problem = Workspace.parse("escape-k3f9qa.toml", data)
    assert isinstance(problem, Problem) and problem.key == "broken.toml"
    assert "reason" in problem.params and problem.params["reason"]


def test_duplicate_ids_keep_the_first_file_and_list_the_second(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    copy = "copy-k3f9qa.toml"
    ws.path_of(copy).write_bytes(ws.path_of(record.name).read_bytes())
    result = ws.load_all()
    assert [r.name for r in result.records] == [copy]  # sorts first
    assert [(p.name, p.key, p.params) for p in result.problems] == [
        (record.name, "broken.duplicate_id", {"other": copy})
    ]


# ------------------------------------------------------------------ rule 21: unexpected names


def test_unexpected_file_names_are_listed_and_left_alone(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.create(senseo())
    nfd_name = unicodedata.normalize("NFD", "zoë-k3f9qb.toml")
    odd = {
        "Senseo.TOML": GOOD,
        nfd_name: GOOD,
        "SENSEO-K3F9QA.toml": GOOD,
        "senseo-k3f9qa.toml.bak": GOOD,
        "notes.txt": b"hallo",
    }
    for name, data in odd.items():
        ws.path_of(name).write_bytes(data)
    (ws.folder / "sub").mkdir()
    result = ws.load_all()
    assert [r.name for r in result.records] == ["senseo-k3f9qa.toml"]
    assert {p.name: p.key for p in result.problems} == dict.fromkeys(odd, "broken.unexpected_name")
    for name, data in odd.items():
        assert ws.path_of(name).read_bytes() == data


def test_a_file_name_with_a_trailing_newline_is_unexpected(tmp_path: Path) -> None:
    """Found by these tests: ``$`` in the name pattern also matched before a final newline."""
    ws = workspace(tmp_path)
    ws.path_of("senseo-k3f9qa.toml\n").write_bytes(GOOD)
    result = ws.load_all()
    assert result.records == []
    assert result.problems[0].key == "broken.unexpected_name"


# ------------------------------------------------------------------ rule 22: LF only


def test_a_crlf_file_loads_and_its_next_save_is_lf(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    path = ws.path_of(record.name)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    loaded = ws.load_all().records[0]
    assert loaded.partnership == record.partnership
    ws.save(loaded, edits.edit(loaded.partnership, summary="Thee"))
    data = path.read_bytes()
    assert b"\r" not in data and data.endswith(b'"\n') or data.endswith(b"\n")
    assert not data.endswith(b"\n\n")


# ------------------------------------------------------------------ rule 4: stale temp sweep


def test_stale_temp_files_are_swept_and_fresh_ones_kept(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    ws.create(senseo())
    stale = ws.folder / f".senseo-k3f9qa.toml.0badc0de{TEMP_SUFFIX}"
    fresh = ws.folder / f".senseo-k3f9qa.toml.0000beef{TEMP_SUFFIX}"
    stale.write_bytes(b"half a fi")
    fresh.write_bytes(b"being written")
    old = time.time() - 120
    os.utime(stale, (old, old))
    assert ws.sweep() == [stale]
    assert not stale.exists() and fresh.exists()
    # temp files are never read as partnerships or listed as problems
    result = ws.load_all()
    assert len(result.records) == 1 and result.problems == []


# ------------------------------------------------------------------ rule 3: no long-lived handles


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_partnership_file_stays_open(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    loaded = ws.load_all().records[0]
    ws.save(loaded, edits.edit(loaded.partnership, summary="x"))
    ws.load_all()
    open_files = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            open_files.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    assert not [f for f in open_files if str(ws.folder) in f], open_files
    assert record.name


def test_the_store_reads_whole_files_and_never_calls_open() -> None:
    """Rule 3 as a source check on the layers this suite owns: no ``open()`` of files, so no
    handle outlives a call (reads are ``read_bytes``; writes are ``os.open`` in atomic.py)."""
    import samenwerk_tui

    package = Path(samenwerk_tui.__file__).parent
    sources = [*package.joinpath("store").glob("*.py"), *package.joinpath("domain").glob("*.py")]
    sources.append(package / "services" / "session.py")
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id != "open", f"{source.name}:{node.lineno}"
            elif isinstance(func, ast.Attribute) and func.attr == "open":
                owner = func.value
                assert isinstance(owner, ast.Name) and owner.id in {"os", "cls", "Session"}, (
                    f"{source.name}:{node.lineno}"
                )


# ------------------------------------------------------------------ rule 5: validate first


def test_bytes_that_do_not_parse_back_to_the_record_are_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the emitter ever lost a character, the check after re-parsing stops the write."""
    ws = workspace(tmp_path)
    record = ws.create(senseo())
    original = ws.path_of(record.name).read_bytes()
    real_dumps = codec.dumps
    monkeypatch.setattr(codec, "dumps", lambda doc: real_dumps(doc).replace("Thee", "Koffie"))
    with pytest.raises(DomainError) as info:
        ws.save(record, edits.edit(record.partnership, summary="Thee"))
    assert info.value.key == "error.encode_mismatch"
    assert ws.path_of(record.name).read_bytes() == original
