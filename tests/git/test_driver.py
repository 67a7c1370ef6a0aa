"""The merge driver as git calls it, and its laws checked with hypothesis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerk_tui.cli.main import main
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Partnership, Party
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.gitsync.merge import merge_bytes
from samenwerk_tui.store import codec

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def base_partnership() -> Partnership:
    p = edits.new_partnership(
        "Senseo",
        summary="Coffee pads.",
        tags=["product"],
        parties=[Party("Philips", "co-principal")],
        now=T0,
        pid="k3f9qa2mzx7b",
    )
    for i in range(3):
        p, _ = edits.add_note(
            p, f"Note {i}", author="Anna", now=T0 + timedelta(minutes=i), note_id=f"nbase{i:03d}"
        )
    return p


BASE = base_partnership()

# ------------------------------------------------------------------ the command git runs


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def run_driver(tmp_path: Path, base: bytes, ours: bytes, theirs: bytes) -> tuple[int, bytes]:
    o = write(tmp_path, "ours", ours)
    code = main(
        ["merge-file", str(write(tmp_path, "base", base)), str(o),
         str(write(tmp_path, "theirs", theirs)), "partnerships/senseo-k3f9qa.toml"]
    )  # fmt: skip
    return code, o.read_bytes()


def test_driver_merges_two_notes_and_exits_0(tmp_path: Path) -> None:
    ours, _ = edits.add_note(BASE, "Anna", author="Anna", now=T0 + timedelta(hours=1))
    theirs, _ = edits.add_note(BASE, "Bram", author="Bram", now=T0 + timedelta(hours=2))
    code, out = run_driver(tmp_path, codec.encode(BASE), codec.encode(ours), codec.encode(theirs))
    assert code == 0
    assert {n.text for n in codec.decode(out).notes} >= {"Anna", "Bram"}


def test_driver_with_empty_base_merges_add_add(tmp_path: Path) -> None:
    ours = edits.edit(BASE, stage=Stage.SHAPE)
    code, out = run_driver(tmp_path, b"", codec.encode(ours), codec.encode(BASE))
    assert code == 0
    codec.decode(out)


@pytest.mark.parametrize(
    "ours",
    [
        b"\x00\xff\xfe binary",
        b"<<<<<<< ours\nname = 1\n=======\nname = 2\n>>>>>>> theirs\n",
        b"schema = 1\nid = 'zzzzzzzzzzzz'\n",
    ],
)
def test_driver_falls_back_to_markers_and_never_crashes(
    tmp_path: Path, ours: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_driver(tmp_path, codec.encode(BASE), ours, codec.encode(BASE))
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert out  # git's text merge result: never an empty file


def test_driver_with_mismatched_ids_falls_back(tmp_path: Path) -> None:
    other = edits.new_partnership("Other", now=T0, pid="aaaaaaaaaaaa")
    code, _out = run_driver(tmp_path, codec.encode(BASE), codec.encode(BASE), codec.encode(other))
    assert code == 1


# ------------------------------------------------------------------ the laws, by hypothesis

note_ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=8)
words = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1, max_size=30)


@st.composite
def versions(draw: st.DrawFn) -> Partnership:
    """The base after a random handful of an advisor's edits."""
    p = BASE
    minute = 10
    for _ in range(draw(st.integers(0, 5))):
        minute += draw(st.integers(1, 60))
        now = T0 + timedelta(minutes=minute)
        kind = draw(st.sampled_from(["note", "unnote", "stage", "classify", "tags", "persp",
                                     "summary", "party"]))  # fmt: skip
        try:
            if kind == "note":
                p, _ = edits.add_note(p, draw(words), author="X", now=now, note_id=draw(note_ids))
            elif kind == "unnote" and p.notes:
                p = edits.remove_note(p, draw(st.sampled_from([n.id for n in p.notes])))
            elif kind == "stage":
                p = edits.edit(p, stage=draw(st.sampled_from(list(Stage))))
            elif kind == "classify":
                p = edits.classify(
                    p,
                    by=draw(st.sampled_from(["Anna", "Bram"])),
                    primary=draw(st.sampled_from([None, *AgreementType])),
                    scores={draw(st.sampled_from(list(AgreementType))): draw(st.integers(0, 5))},
                    now=now,
                )
            elif kind == "tags":
                tags = st.lists(st.sampled_from("abcd"), max_size=2)
                p = edits.edit(p, add_tags=draw(tags), remove_tags=draw(tags))
            elif kind == "persp":
                p = edits.set_perspective(
                    p, draw(st.sampled_from(list(PerspectiveName))), draw(st.integers(1, 5))
                )
            elif kind == "summary":
                p = edits.edit(p, summary=draw(words))
            elif kind == "party":
                p = edits.edit(p, parties=[*p.parties, Party(draw(words).strip() or "P")])
        except Exception:  # noqa: BLE001, S112 - an edit the domain refuses is simply skipped
            continue
    return p


def merged(b: Partnership, o: Partnership, t: Partnership) -> bytes:
    return merge_bytes(codec.encode(b), codec.encode(o), codec.encode(t)).data


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(versions())
def test_both_sides_the_same_gives_that_side(x: Partnership) -> None:
    assert merged(BASE, x, x) == codec.encode(x)


@FAST
@given(versions())
def test_one_side_unchanged_gives_the_other(x: Partnership) -> None:
    assert merged(BASE, BASE, x) == codec.encode(x)
    assert merged(BASE, x, BASE) == codec.encode(x)


@FAST
@given(versions(), versions())
def test_added_notes_are_never_lost_and_output_parses(x: Partnership, y: Partnership) -> None:
    data = merged(BASE, x, y)
    result = codec.decode(data)
    base_ids = {n.id for n in BASE.notes}
    added = ({n.id for n in x.notes} | {n.id for n in y.notes}) - base_ids
    assert added <= {n.id for n in result.notes}
    # A note one side deleted and the other left alone stays deleted.
    x_ids, y_ids = {n.id for n in x.notes}, {n.id for n in y.notes}
    for note in BASE.notes:
        if note.id not in x_ids and note in y.notes:
            assert note.id not in {n.id for n in result.notes}
        if note.id not in y_ids and note in x.notes:
            assert note.id not in {n.id for n in result.notes}
