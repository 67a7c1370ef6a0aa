"""A form saved while its partnership changed on disk: merged like the git driver merges,
a real clash asked, a vanished partnership said in one sentence, nothing typed lost.

The form's ``base`` is the record it opened with; the session merges base, the form's
change (ours) and the file as it is now (theirs). Real files throughout; a colleague is a
second session on the same folder (another window, a CLI command, a sync).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Conflict, Partnership, Party
from samenwerk_tui.domain.text import fold
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.gitsync.merge import merge_partnerships, split_path
from samenwerk_tui.services.changes import Base, Change, ClashError, GoneError, Settled
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Workspace
from tests.git.test_driver import BASE, versions

SENSEO = "k3f9qa2mzx7b"


def workspace_with(root: Path, p: Partnership) -> Path:
    Workspace.init(root)
    Workspace(root).create(p)
    return root


def senseo() -> Partnership:
    return edits.new_partnership(
        "Senseo",
        summary="Coffee pads.\nTwo firms.\nOne product.",
        stage=Stage.EXECUTE,
        tags=["consumer", "product"],
        parties=[Party("Douwe Egberts", "co-principal"), Party("Philips", "co-principal")],
        pid=SENSEO,
    )


def opened(tmp_path: Path) -> tuple[Session, Session, Base]:
    """Anna's session with a form open on Senseo (its base), and Bram's on the same folder."""
    root = workspace_with(tmp_path / "ws", senseo())
    anna = Session.open(root, "Anna")
    bram = Session.open(root, "Bram")
    return anna, bram, Base(anna.records[SENSEO])


def on_disk(session: Session) -> Partnership:
    return codec.decode(session.workspace.path_of(session.records[SENSEO].name).read_bytes())


def file_bytes(session: Session, base: Base) -> bytes:
    return session.workspace.path_of(base.record.name).read_bytes()


# ------------------------------------------------------------------ merged, not overwritten


def test_a_colleagues_change_to_another_field_survives_the_forms_save(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(SENSEO, summary="Coffee pads.\nTwo firms.\nOne product.\nBram was here.")
    change = anna.edit(SENSEO, base=base, stage=Stage.SHAPE)
    p = on_disk(anna)
    assert p.stage is Stage.SHAPE
    assert p.summary.endswith("Bram was here.")
    assert change.warning == "change.merged" and change.fields == ("stage",)


def test_tags_and_parties_merge_as_the_driver_merges_them(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(
        SENSEO, add_tags=["zorg"], parties=[*base.record.partnership.parties, Party("Jacobs")]
    )
    # The form's whole tag list and party list, as typed: consumer removed, coffee added.
    anna.edit(
        SENSEO,
        base=base,
        tags=["product", "coffee"],
        parties=[Party("Douwe Egberts", "principal"), Party("Philips", "co-principal")],
    )
    p = on_disk(anna)
    assert p.tags == ("coffee", "product", "zorg")
    assert [(x.name, x.role) for x in p.parties] == [
        ("Douwe Egberts", "principal"),
        ("Philips", "co-principal"),
        ("Jacobs", ""),
    ]
    assert p.conflicts == ()


def test_two_edits_of_different_lines_of_a_text_both_survive(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(SENSEO, summary="Coffee pads and machines.\nTwo firms.\nOne product.")
    anna.edit(SENSEO, base=base, summary="Coffee pads.\nTwo firms.\nOne system.")
    assert on_disk(anna).summary == "Coffee pads and machines.\nTwo firms.\nOne system."


# ------------------------------------------------------------------ a real clash is asked


def test_the_same_field_changed_differently_is_not_written_but_asked(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.classify(SENSEO, comments={AgreementType.DELIVER: "Bram's reading"})
    theirs = file_bytes(anna, base)
    with pytest.raises(ClashError) as info:
        anna.classify(
            SENSEO, base=base, comments={AgreementType.DELIVER: "Anna's reading"}, rationale="R"
        )
    assert info.value.clashes == (
        Conflict("classification.deliver.comment", "Anna's reading", "Bram's reading"),
    )
    assert file_bytes(anna, base) == theirs  # nothing written, not even the rationale
    assert not anna.undo_stack


@pytest.mark.parametrize(
    ("take", "comment", "recorded"),
    [
        ("ours", "Anna's reading", 0),
        ("theirs", "Bram's reading", 0),
        ("record", "Anna's reading", 1),
    ],
)
def test_each_clash_is_saved_as_the_advisor_settles_it(
    tmp_path: Path, take: str, comment: str, recorded: int
) -> None:
    anna, bram, base = opened(tmp_path)
    bram.classify(SENSEO, comments={AgreementType.DELIVER: "Bram's reading"})
    settled = base.settling({"classification.deliver.comment": Settled(take, "Bram's reading")})
    change = anna.classify(
        SENSEO, base=settled, comments={AgreementType.DELIVER: "Anna's reading"}, rationale="R"
    )
    p = on_disk(anna)
    assert p.classification.score(AgreementType.DELIVER).comment == comment
    assert p.classification.rationale == "R"
    assert len(p.conflicts) == recorded == len(change.conflicts)
    if recorded:  # exactly the entry the git driver would have written
        assert p.conflicts[0] == Conflict(
            "classification.deliver.comment", "Anna's reading", "Bram's reading"
        )


def test_a_choice_made_before_their_value_changed_again_is_asked_again(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(SENSEO, name="Senseo (Bram)")
    settled = base.settling({"name": Settled("theirs", "Senseo (Bram)")})
    bram.edit(SENSEO, name="Senseo (Bram, later)")
    with pytest.raises(ClashError) as info:
        anna.edit(SENSEO, base=settled, name="Senseo (Anna)")
    assert info.value.clashes[0].theirs == "Senseo (Bram, later)"
    assert on_disk(anna).name == "Senseo (Bram, later)"


def test_two_windows_change_the_same_comment_and_the_second_is_asked(tmp_path: Path) -> None:
    """Both press c with the same comment on screen; the first save must not vanish."""
    anna, bram, _ = opened(tmp_path)
    first, second = Base(anna.records[SENSEO]), Base(bram.records[SENSEO])
    anna.classify(SENSEO, base=first, comments={AgreementType.GOALS: "first window"})
    with pytest.raises(ClashError):
        bram.classify(SENSEO, base=second, comments={AgreementType.GOALS: "second window"})
    assert on_disk(anna).classification.score(AgreementType.GOALS).comment == "first window"


def test_undoing_a_merged_save_puts_the_colleagues_version_back(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(SENSEO, add_tags=["zorg"])
    theirs = file_bytes(anna, base)
    anna.edit(SENSEO, base=base, stage=Stage.CLOSED)
    anna.undo()
    assert file_bytes(anna, base) == theirs


def test_a_form_that_changed_nothing_writes_nothing(tmp_path: Path) -> None:
    anna, bram, base = opened(tmp_path)
    bram.edit(SENSEO, add_tags=["zorg"])
    theirs = file_bytes(anna, base)
    change = anna.edit(SENSEO, base=base, stage=Stage.EXECUTE)
    assert file_bytes(anna, base) == theirs and change.before is None and not anna.undo_stack


# ------------------------------------------------------------------ gone while the form was open


def test_a_partnership_deleted_meanwhile_is_one_error_and_can_be_saved_anew(
    tmp_path: Path,
) -> None:
    anna, bram, base = opened(tmp_path)
    bram.delete(SENSEO)
    with pytest.raises(GoneError) as info:
        anna.add_note(SENSEO, "Typed while Bram deleted it.", base=base)
    assert info.value.key == "error.deleted_elsewhere" and not info.value.broken
    assert info.value.name == "Senseo" and SENSEO not in anna.records
    change = anna.recreate(
        base, lambda p: edits.add_note(p, "Typed while Bram deleted it.", author="Anna")[0]
    )
    assert change.record is not None and change.partnership_id != SENSEO
    again = change.record.partnership
    assert again.name == "Senseo" and again.notes[-1].text == "Typed while Bram deleted it."
    assert again.tags == ("consumer", "product")


def test_a_file_broken_meanwhile_is_one_error_and_never_written(tmp_path: Path) -> None:
    anna, _, base = opened(tmp_path)
    path = anna.workspace.path_of(base.record.name)
    path.write_bytes(b"<<<<<<< ours\nname = 'x'\n")
    with pytest.raises(GoneError) as info:
        anna.edit(SENSEO, base=base, summary="mine")
    assert info.value.broken and info.value.key == "error.broken_elsewhere"
    assert path.read_bytes() == b"<<<<<<< ours\nname = 'x'\n"
    assert base.record.name in anna.problems


def test_a_change_aimed_at_a_vanished_partnership_says_so_instead_of_a_key_error(
    tmp_path: Path,
) -> None:
    anna, bram, _ = opened(tmp_path)
    bram.delete(SENSEO)
    anna.poll()  # the list no longer shows it; a dialog still aimed at it answers
    changes: list[Callable[[], Change]] = [
        lambda: anna.classify(SENSEO, primary=AgreementType.GOALS),
        lambda: anna.delete(SENSEO),
        lambda: anna.add_note(SENSEO, "x"),
    ]
    for change in changes:
        with pytest.raises(GoneError):
            change()


# ------------------------------------------------------------------ the laws, by hypothesis

FORM_LAWS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def saved(ours: Partnership, theirs: Partnership, take: str | None = None) -> bytes | ClashError:
    """Open a form on BASE, let the file become ``theirs``, save ``ours``; the file after,
    or the clash (then the file must still be ``theirs``)."""
    root = workspace_with(Path(tempfile.mkdtemp()) / "ws", BASE)
    session = Session.open(root, "Anna", create=False)
    record = session.records[BASE.id]
    path = session.workspace.path_of(record.name)
    base = Base(record)
    if theirs != BASE:
        path.write_bytes(codec.encode(theirs))
    if take is not None:
        clashes = merge_partnerships(BASE, ours, theirs).unsettled
        base = base.settling({c.field: Settled(take, c.theirs) for c in clashes})
    try:
        session.update(BASE.id, lambda _p: ours, base=base)
    except ClashError as clash:
        assert path.read_bytes() == codec.encode(theirs)
        return clash
    return path.read_bytes()


@FORM_LAWS
@given(versions())
def test_nothing_changed_meanwhile_saves_the_form_as_it_is(x: Partnership) -> None:
    assert saved(x, BASE) == codec.encode(x)


@FORM_LAWS
@given(versions())
def test_a_form_that_changed_nothing_leaves_the_newer_file(x: Partnership) -> None:
    assert saved(BASE, x) == codec.encode(x)


@FORM_LAWS
@given(versions(), versions())
def test_a_save_is_the_drivers_merge_or_a_question(x: Partnership, y: Partnership) -> None:
    result = merge_partnerships(BASE, x, y)
    outcome = saved(x, y)
    if result.unsettled:
        assert isinstance(outcome, ClashError)
        assert outcome.clashes == result.unsettled
    else:
        assert outcome == (codec.encode(y) if x == BASE else result.data)


def value_at(p: Partnership, path: str) -> Any:
    """The value at a conflict's field path (keyed lists by id or folded party name)."""
    node: Any = codec.to_document(p)
    for segment in split_path(path):
        if isinstance(node, dict):
            node = node.get(segment)
        elif isinstance(node, list):
            node = next(
                (
                    item
                    for item in node
                    if item.get("id") == segment or fold(str(item.get("name", ""))) == segment
                ),
                None,
            )
    return node


@FORM_LAWS
@given(versions(), versions())
def test_settled_clashes_keep_the_chosen_side_and_record_nothing(
    x: Partnership, y: Partnership
) -> None:
    driver = merge_partnerships(BASE, x, y)
    ours = saved(x, y, "ours")
    assert isinstance(ours, bytes)
    # Keeping ours is the driver's merge without the entries it would have recorded.
    assert codec.decode(ours) == driver.partnership.replace(
        conflicts=tuple(c for c in driver.partnership.conflicts if c not in driver.conflicts)
    )
    theirs = saved(x, y, "theirs")
    assert isinstance(theirs, bytes)
    merged = codec.decode(theirs)
    assert merged.conflicts == y.conflicts
    for clash in driver.unsettled:
        assert value_at(merged, clash.field) == clash.theirs
