"""The partnership model refuses what schema 1 cannot hold, and edits are pure: each
returns a new valid value and leaves the old one alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import (
    Assessment,
    DomainError,
    Note,
    Partnership,
    Party,
    clean_name,
    normalize_tags,
    to_utc,
    validate,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage

T0 = datetime(2026, 11, 26, 9, 12, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)


def senseo() -> Partnership:
    return edits.new_partnership(
        "Senseo",
        summary="Koffie voor thuis.",
        tags=["Product", "consumer", "product"],
        parties=[Party("Philips", "co-principal"), Party("Douwe Egberts")],
        now=T0,
        pid="k3f9qa2mzx7b",
    )


def error_key(call: Callable[[], object]) -> str:
    with pytest.raises(DomainError) as info:
        call()
    return info.value.key


# ------------------------------------------------------------------ validation


def test_a_new_partnership_is_clean_and_valid() -> None:
    p = senseo()
    assert p.name == "Senseo"
    assert p.tags == ("consumer", "product")
    assert p.stage is Stage.EXPLORE
    assert p.created == p.updated == T0
    assert p.primary is None
    assert set(p.classification.scores) == set(AgreementType)
    validate(p)


@pytest.mark.parametrize("name", ["", "   ", "\x1b\x07", "\u202e"])
def test_a_partnership_needs_a_name(name: str) -> None:
    assert error_key(lambda: edits.new_partnership(name)) == "error.empty_name"


def test_a_name_is_at_most_200_characters() -> None:
    assert error_key(lambda: clean_name("x" * 201)) == "error.name_too_long"
    assert clean_name("  " + "x" * 200 + "\n") == "x" * 200


def test_names_lose_control_characters_and_newlines() -> None:
    p = edits.new_partnership("A\x1b[2J cleared\nnext", now=T0)
    assert p.name == "A[2J cleared next"


def test_a_type_score_of_nine_is_refused() -> None:
    p = senseo()

    def call() -> Partnership:
        return edits.classify(p, by="Anna", scores={AgreementType.DELIVER: 9})

    assert error_key(call) == "error.type_score_range"
    with pytest.raises(DomainError) as info:
        call()
    assert info.value.params["value"] == 9


@pytest.mark.parametrize("score", [-1, 6, True, 2.5, "3"])
def test_type_scores_are_whole_numbers_from_0_to_5(score: object) -> None:
    p = senseo()
    call = lambda: edits.classify(p, by="A", scores={AgreementType.GOALS: score})  # type: ignore[dict-item]  # noqa: E731
    assert error_key(call) == "error.type_score_range"


@pytest.mark.parametrize("score", [0, 6, False])
def test_perspective_scores_are_from_1_to_5(score: int) -> None:
    call = lambda: edits.set_perspective(senseo(), PerspectiveName.AMBITION, score)  # noqa: E731
    assert error_key(call) == "error.perspective_score_range"


def test_naive_datetimes_are_refused_everywhere() -> None:
    naive = datetime(2026, 11, 26, 9, 12)
    assert error_key(lambda: edits.new_partnership("X", now=naive)) == "error.naive_datetime"
    p = senseo()
    assert error_key(lambda: validate(p.replace(updated=naive))) == "error.naive_datetime"
    note = Note("n1", naive, "Anna", "text")
    assert error_key(lambda: validate(p.replace(notes=(note,)))) == "error.naive_datetime"
    run = Assessment("a1", naive, "Anna")
    assert error_key(lambda: validate(p.replace(assessments=(run,)))) == "error.naive_datetime"


def test_times_are_kept_in_utc_to_the_second() -> None:
    amsterdam = timezone(timedelta(hours=1))
    local = datetime(2026, 11, 26, 10, 12, 30, 999999, tzinfo=amsterdam)
    assert to_utc(local) == datetime(2026, 11, 26, 9, 12, 30, tzinfo=UTC)
    assert to_utc(local).tzinfo is UTC
    p = edits.new_partnership("X", now=local)
    assert p.created.tzinfo is UTC and p.created.microsecond == 0


def test_bad_ids_duplicate_notes_and_answers_out_of_range_are_refused() -> None:
    p = senseo()
    assert error_key(lambda: validate(p.replace(id="K3F9QA2MZX7B"))) == "error.bad_id"
    assert error_key(lambda: validate(p.replace(id="short"))) == "error.bad_id"
    notes = (Note("n1", T0, "A", "one"), Note("n1", T1, "B", "two"))
    assert error_key(lambda: validate(p.replace(notes=notes))) == "error.duplicate_note"
    for answer in (0, 6, "5"):
        run = Assessment("a1", T0, "A", answers={"q01": answer})  # type: ignore[dict-item]
        bad = p.replace(assessments=(run,))
        assert error_key(lambda: validate(bad)) == "error.answer_range"  # noqa: B023


def test_tags_are_sorted_unique_lowercase_words() -> None:
    assert normalize_tags(["Zorg", "zorg", " jeugd zorg ", "", "\x1b"]) == ("jeugd-zorg", "zorg")


def test_a_leading_hash_is_how_a_tag_is_shown_not_part_of_it() -> None:
    assert normalize_tags(["#zuid", "##Zuid", "# jeugd zorg", "#", "c#"]) == (
        "c#",
        "jeugd-zorg",
        "zuid",
    )
    p = edits.edit(senseo(), add_tags=["#zuid"], remove_tags=["#consumer"])
    assert p.tags == ("product", "zuid")


# ------------------------------------------------------------------ edits


def test_edit_changes_only_the_fields_given_and_bumps_updated() -> None:
    p = senseo()
    q = edits.edit(p, summary="Nieuw\r\nplan\n\n", stage=Stage.EXECUTE)
    assert q.summary == "Nieuw\nplan"
    assert q.stage is Stage.EXECUTE
    assert q.name == p.name and q.parties == p.parties
    assert q.updated > p.updated
    assert p.summary == "Koffie voor thuis."  # the old value is untouched


def test_an_edit_that_changes_nothing_returns_the_same_value() -> None:
    p = senseo()
    assert edits.edit(p, stage=p.stage, add_tags=["product"]) == p
    assert edits.edit(p) is p
    assert edits.edit(p, name=" Senseo ", summary="Koffie voor thuis.\n") == p
    q = edits.set_perspective(p, PerspectiveName.AMBITION, 4, "x")
    assert edits.set_perspective(q, PerspectiveName.AMBITION, 4) is q


def test_tags_can_be_added_removed_or_replaced() -> None:
    p = senseo()
    assert edits.edit(p, add_tags=["Zorg"], remove_tags=["product"]).tags == ("consumer", "zorg")
    assert edits.edit(p, tags=["x"]).tags == ("x",)


def test_parties_are_parsed_from_name_colon_role() -> None:
    assert edits.parse_party("Philips:co-principal") == Party("Philips", "co-principal")
    assert edits.parse_party("  Gemeente Utrecht ") == Party("Gemeente Utrecht", "")
    assert edits.parse_party("a:b:c") == Party("a", "b:c")
    with pytest.raises(DomainError) as info:
        edits.parse_party(":role")
    assert info.value.key == "error.empty_party"
    q = edits.edit(senseo(), parties=[edits.parse_party("JOGG:regie")])
    assert q.parties == (Party("JOGG", "regie"),)


def test_classify_sets_primary_scores_comments_and_who_did_it() -> None:
    p = senseo()
    q = edits.classify(
        p,
        by="Anna de Vries",
        primary=AgreementType.DELIVER,
        scores={AgreementType.DELIVER: 5, AgreementType.GOALS: 2},
        comments={AgreementType.DELIVER: "Concreet product"},
        rationale="Samen een apparaat leveren.",
        now=T1,
    )
    c = q.classification
    assert q.primary is AgreementType.DELIVER
    assert c.score(AgreementType.DELIVER).score == 5
    assert c.score(AgreementType.DELIVER).comment == "Concreet product"
    assert c.score(AgreementType.GOALS).score == 2
    assert (c.by, c.updated, q.updated) == ("Anna de Vries", T1, T1)
    cleared = edits.classify(q, by="Bram", primary=None, now=T1 + timedelta(1))
    assert cleared.primary is None
    assert cleared.classification.score(AgreementType.DELIVER).score == 5
    assert cleared.classification.by == "Bram"


def test_classify_without_a_change_leaves_the_partnership_alone() -> None:
    p = senseo()
    assert edits.classify(p, by="Anna") is p
    with pytest.raises(DomainError):
        edits.classify(p, by="Anna", primary="project")


def test_notes_are_added_sorted_and_removed() -> None:
    p = senseo()
    p, late = edits.add_note(p, "Later", author="Anna", now=T1, note_id="n0000002")
    p, early = edits.add_note(
        p, "Eerder\r\n", author="Bram", now=T0, note_type=AgreementType.GOALS, tags=["Risico"]
    )
    assert [n.text for n in p.notes] == ["Eerder", "Later"]
    assert early.type is AgreementType.GOALS and early.tags == ("risico",)
    assert len(early.id) == 8
    p = edits.remove_note(p, late.id)
    assert [n.id for n in p.notes] == [early.id]
    with pytest.raises(DomainError) as info:
        edits.remove_note(p, "nope")
    assert info.value.key == "error.no_such_note"
    with pytest.raises(DomainError) as info:
        edits.add_note(p, " \n ", author="Anna")
    assert info.value.key == "error.empty_note"


def test_a_corrected_note_keeps_its_id_author_and_creation_and_says_when() -> None:
    p, note = edits.add_note(senseo(), "Eerste versie", author="Bram", now=T0, tags=["x"])
    corrected = edits.edit_note(
        p, note.id, text="Tweede versie", note_type=AgreementType.GOALS, tags=["#y"], now=T1
    )
    (after,) = corrected.notes
    assert (after.id, after.created, after.author) == (note.id, T0, "Bram")
    assert (after.text, after.type, after.tags, after.edited) == (
        "Tweede versie",
        AgreementType.GOALS,
        ("y",),
        T1,
    )
    assert corrected.updated == T1
    assert edits.edit_note(p, note.id, text="Eerste versie\n") is p  # nothing changed
    assert error_key(lambda: edits.edit_note(p, note.id, text=" ")) == "error.empty_note"
    assert error_key(lambda: edits.edit_note(p, "nope", text="x")) == "error.no_such_note"


def test_a_note_id_that_is_taken_is_replaced_by_a_fresh_one() -> None:
    p, first = edits.add_note(senseo(), "een", author="A", note_id="samesame")
    p, second = edits.add_note(p, "twee", author="A", note_id="samesame")
    assert first.id != second.id
    validate(p)


def test_perspectives_are_scored_commented_and_removed() -> None:
    p = edits.set_perspective(senseo(), PerspectiveName.AMBITION, 4, "Helder")
    assert p.perspectives[PerspectiveName.AMBITION].score == 4
    p = edits.set_perspective(p, PerspectiveName.AMBITION, 2)
    assert p.perspectives[PerspectiveName.AMBITION].comment == "Helder"
    p = edits.set_perspective(p, PerspectiveName.AMBITION, None)
    assert PerspectiveName.AMBITION not in p.perspectives
    assert edits.set_perspective(p, PerspectiveName.PROCESS, None) is p
