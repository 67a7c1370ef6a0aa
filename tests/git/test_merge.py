"""The field-by-field merge: what two advisors changed on the same day survives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Partnership, Party
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.gitsync.merge import MergeError, merge_bytes
from samenwerk_tui.gitsync.resolve import settle
from samenwerk_tui.store import codec

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def base() -> Partnership:
    p = edits.new_partnership(
        "Senseo",
        summary="Coffee pads.",
        stage=Stage.EXECUTE,
        tags=["consumer", "product"],
        parties=[Party("Douwe Egberts", "co-principal"), Party("Philips", "co-principal")],
        now=T0,
        pid="k3f9qa2mzx7b",
    )
    p, _ = edits.add_note(p, "First meeting.", author="Anna", now=at(1), note_id="n0000001")
    return p


def merge(b: Partnership | None, o: Partnership, t: Partnership) -> Partnership:
    result = merge_bytes(codec.encode(b) if b else None, codec.encode(o), codec.encode(t))
    assert codec.decode(result.data) == result.partnership
    return result.partnership


def test_both_add_a_note_keeps_both() -> None:
    b = base()
    o, _ = edits.add_note(b, "Anna's note", author="Anna", now=at(10), note_id="naaaaaaa")
    t, _ = edits.add_note(b, "Bram's note", author="Bram", now=at(12), note_id="nbbbbbbb")
    m = merge(b, o, t)
    assert [n.id for n in m.notes] == ["n0000001", "naaaaaaa", "nbbbbbbb"]
    assert m.updated == at(12)
    assert m.conflicts == ()


def test_different_fields_merge_cleanly() -> None:
    b = base()
    o = edits.edit(b, stage=Stage.SHAPE)
    t = edits.classify(b, by="Bram", primary=AgreementType.GOALS, now=at(30))
    m = merge(b, o, t)
    assert m.stage is Stage.SHAPE
    assert m.primary is AgreementType.GOALS
    assert m.classification.by == "Bram"
    assert m.conflicts == ()


def test_same_field_keeps_ours_and_records_conflict_once() -> None:
    b = base()
    o = edits.classify(b, by="Anna", primary=AgreementType.DELIVER, now=at(5))
    t = edits.classify(b, by="Bram", primary=AgreementType.GOALS, now=at(6))
    m = merge(b, o, t)
    assert m.primary is AgreementType.DELIVER
    assert [(c.field, c.ours, c.theirs) for c in m.conflicts] == [
        ("classification.primary", "deliver", "goals")
    ]
    assert m.classification.by == "Bram"  # the later classification names its author
    again = merge(b, m, t)
    assert len(again.conflicts) == 1


def test_note_deleted_on_one_side_stays_deleted() -> None:
    b = base()
    o = edits.remove_note(b, "n0000001")
    t = edits.edit(b, stage=Stage.CLOSED)
    m = merge(b, o, t)
    assert m.notes == ()
    assert m.stage is Stage.CLOSED


def test_note_deleted_here_but_edited_there_is_kept() -> None:
    b = base()
    o = edits.remove_note(b, "n0000001")
    note = b.notes[0]
    t = b.replace(notes=(note.__class__(note.id, note.created, note.author, "Edited."),))
    m = merge(b, o, t)
    assert [n.text for n in m.notes] == ["Edited."]


def test_tags_merge_as_a_set() -> None:
    b = base()
    o = edits.edit(b, add_tags=["zorg"], remove_tags=["consumer"])
    t = edits.edit(b, add_tags=["regio"])
    assert merge(b, o, t).tags == ("product", "regio", "zorg")


def test_parties_by_name() -> None:
    b = base()
    o = edits.edit(b, parties=[*b.parties, Party("Albert Heijn", "retail")])
    t = edits.edit(b, parties=[Party("Douwe Egberts", "principal"), b.parties[1]])
    m = merge(b, o, t)
    assert [(p.name, p.role) for p in m.parties] == [
        ("Douwe Egberts", "principal"),
        ("Philips", "co-principal"),
        ("Albert Heijn", "retail"),
    ]


def test_perspectives_per_perspective() -> None:
    b = base()
    o = edits.set_perspective(b, PerspectiveName.AMBITION, 4, "Clear.")
    t = edits.set_perspective(b, PerspectiveName.PROCESS, 2, "Slow.")
    m = merge(b, o, t)
    assert set(m.perspectives) == {PerspectiveName.AMBITION, PerspectiveName.PROCESS}


def test_unknown_keys_merge_three_way() -> None:
    b = base().replace(extra={"future": 1, "extra_table": {"a": 1, "b": 2}})
    o = b.replace(extra={"future": 2, "extra_table": {"a": 5, "b": 2}})
    t = b.replace(extra={"future": 1, "extra_table": {"a": 1, "b": 7}, "new": "x"})
    m = merge(b, o, t)
    assert m.extra == {"future": 2, "new": "x", "extra_table": {"a": 5, "b": 7}}


def test_add_add_without_base() -> None:
    b = base()
    o, _ = edits.add_note(b, "Anna", author="Anna", now=at(10), note_id="naaaaaaa")
    t, _ = edits.add_note(b, "Bram", author="Bram", now=at(11), note_id="nbbbbbbb")
    m = merge(None, o, t)
    assert {n.id for n in m.notes} == {"n0000001", "naaaaaaa", "nbbbbbbb"}


def test_resolved_conflict_stays_resolved() -> None:
    b = base()
    o = edits.classify(b, by="Anna", primary=AgreementType.DELIVER, now=at(5))
    t = edits.classify(b, by="Bram", primary=AgreementType.GOALS, now=at(6))
    recorded = merge(b, o, t)
    resolved = settle(recorded, 0, "ours")
    assert resolved.updated > recorded.updated  # settling is a change: it is dated
    other, _ = edits.add_note(recorded, "later", author="Bram", now=at(20), note_id="nccccccc")
    m = merge(recorded, resolved, other)
    assert m.conflicts == ()
    assert "nccccccc" in {n.id for n in m.notes}


def test_unreadable_side_is_an_error() -> None:
    with pytest.raises(MergeError):
        merge_bytes(None, b"<<<<<<< ours\n", codec.encode(base()))


def test_taking_theirs_puts_their_value_back_and_removes_the_entry() -> None:
    b = base()
    o = edits.classify(b, by="Anna", primary=AgreementType.DELIVER, now=at(5))
    t = edits.classify(b, by="Bram", primary=AgreementType.GOALS, now=at(6))
    recorded = merge(b, o, t)
    assert settle(recorded, 0, "theirs").primary is AgreementType.GOALS
    assert settle(recorded, 0, "theirs").conflicts == ()
    assert settle(recorded, 0, "ours").primary is AgreementType.DELIVER


def test_a_party_name_with_dots_survives_the_conflict_path() -> None:
    from samenwerk_tui.gitsync.merge import split_path
    from samenwerk_tui.gitsync.resolve import settle

    b = edits.edit(base(), parties=[Party("Dr. Jansen B.V.", "advisor")])
    o = edits.edit(b, parties=[Party("Dr. Jansen B.V.", "lead")])
    t = edits.edit(b, parties=[Party("Dr. Jansen B.V.", "member")])
    m = merge(b, o, t)
    (conflict,) = m.conflicts
    assert split_path(conflict.field) == ["parties", "dr. jansen b.v.", "role"]
    assert settle(m, 0, "theirs").parties[0].role == "member"


def test_a_conflict_is_settled_by_its_content_not_its_position() -> None:
    """The resolve screen names the conflict it shows; if a sync meanwhile put another
    conflict before it, that other one is left alone."""
    from samenwerk_tui.domain.model import Conflict
    from samenwerk_tui.gitsync.resolve import settle_by_content

    b = base()
    o = edits.classify(b, by="Anna", primary=AgreementType.DELIVER, now=at(5))
    t = edits.classify(b, by="Bram", primary=AgreementType.GOALS, now=at(6))
    recorded = merge(b, o, t)
    (shown,) = recorded.conflicts
    earlier = Conflict("summary", "Coffee pads.", "Pads and machines.")
    meanwhile = recorded.replace(conflicts=(earlier, shown))

    settled = settle_by_content(meanwhile, shown, "theirs")
    assert settled.primary is AgreementType.GOALS
    assert settled.conflicts == (earlier,)
    assert settle_by_content(meanwhile, shown, "ours").primary is AgreementType.DELIVER


def test_a_conflict_settled_elsewhere_is_not_settled_twice() -> None:
    from samenwerk_tui.domain.model import Conflict, DomainError
    from samenwerk_tui.gitsync.resolve import settle_by_content

    gone = Conflict("summary", "Coffee pads.", "Pads and machines.")
    with pytest.raises(DomainError) as caught:
        settle_by_content(base(), gone, "ours")
    assert caught.value.key == "git.resolve.settled_elsewhere"
    assert caught.value.params == {"field": "summary"}


def test_the_users_own_text_settles_a_conflict_at_the_fields_path() -> None:
    from samenwerk_tui.gitsync.resolve import settle_by_content

    b = edits.edit(base(), parties=[Party("Dr. Jansen B.V.", "advisor")])
    o = edits.edit(b, parties=[Party("Dr. Jansen B.V.", "lead")])
    t = edits.edit(b, parties=[Party("Dr. Jansen B.V.", "member")])
    m = merge(b, o, t)
    (conflict,) = m.conflicts
    settled = settle_by_content(m, conflict, "theirs", "lead and member")
    assert settled.parties[0].role == "lead and member"
    assert settled.conflicts == ()


def test_two_advisors_edit_different_paragraphs_of_the_summary() -> None:
    b = edits.edit(base(), summary="Goal: coffee pads.\n\nBudget: shared.\n\nRisks: none yet.")
    o = edits.edit(
        b, summary="Goal: coffee pads for every home.\n\nBudget: shared.\n\nRisks: none yet."
    )
    t = edits.edit(b, summary="Goal: coffee pads.\n\nBudget: shared.\n\nRisks: patent dispute.")
    m = merge(b, o, t)
    assert (
        m.summary
        == "Goal: coffee pads for every home.\n\nBudget: shared.\n\nRisks: patent dispute."
    )
    assert m.conflicts == ()


def test_two_advisors_rewrite_the_same_line_of_the_summary_clash() -> None:
    b = edits.edit(base(), summary="Goal: coffee pads.\n\nBudget: shared.")
    o = edits.edit(b, summary="Goal: machines.\n\nBudget: shared.")
    t = edits.edit(b, summary="Goal: pads only.\n\nBudget: shared.")
    m = merge(b, o, t)
    assert m.summary == o.summary
    assert [(c.field, c.ours, c.theirs) for c in m.conflicts] == [("summary", o.summary, t.summary)]


def test_a_note_corrected_on_one_side_and_a_note_added_on_the_other_keeps_both() -> None:
    b = base()
    o = edits.edit_note(b, "n0000001", text="First meeting, corrected.", now=at(20))
    t, _ = edits.add_note(b, "Bram's note", author="Bram", now=at(10), note_id="nbbbbbbb")
    m = merge(b, o, t)
    assert [(n.id, n.text) for n in m.notes] == [
        ("n0000001", "First meeting, corrected."),
        ("nbbbbbbb", "Bram's note"),
    ]
    assert m.notes[0].edited == at(20) and m.notes[0].created == at(1)
    assert m.conflicts == ()


def test_one_note_corrected_differently_on_both_sides_records_the_text_only() -> None:
    b = base()
    o = edits.edit_note(b, "n0000001", text="Anna's correction", now=at(20))
    t = edits.edit_note(b, "n0000001", text="Bram's correction", now=at(30))
    m = merge(b, o, t)
    assert m.notes[0].text == "Anna's correction"
    assert m.notes[0].edited == at(30)  # the later correction's time, no conflict about it
    assert [(c.field, c.ours, c.theirs) for c in m.conflicts] == [
        ("notes.n0000001.text", "Anna's correction", "Bram's correction")
    ]


def test_a_note_deleted_on_one_side_but_corrected_on_the_other_is_kept() -> None:
    b = base()
    o = edits.remove_note(b, "n0000001")
    t = edits.edit_note(b, "n0000001", text="Still needed.", now=at(30))
    assert [n.text for n in merge(b, o, t).notes] == ["Still needed."]
