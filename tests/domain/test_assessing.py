"""Recording a diagnosis on a partnership, and comparing several advisors' diagnoses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.assessing import (
    chosen_primary,
    latest,
    record_assessment,
    rediagnose,
    to_type_score,
)
from samenwerk_tui.domain.diagnosis import Label, diagnose
from samenwerk_tui.domain.divergence import (
    DIVERGENCE_POINTS,
    divergence,
    is_divergent_rows,
    latest_by_rater,
)
from samenwerk_tui.domain.model import Assessment, DomainError, Partnership
from samenwerk_tui.domain.query import Facets, Subject, parse_query
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.diagnosis import load_model

D, G, M, P = AgreementType
MODEL = load_model()
IDS = [f"q{i:02d}" for i in range(1, 17)]
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
S1 = "5 5 4 5 5 2 3 1 4 3 2 1 1 1 2 1"  # joint delivery, dominant: 92 59 24 13
S3 = "2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2"  # goals mixed with movement: 43 78 63 43
TIE = "3 2 2 3 5 1 1 5 5 2 5 2 1 3 2 4"  # 59 60 39 58: goals, delivery and platform tie
ALL4 = " ".join(["4"] * 16)  # unclear


def answers(text: str) -> dict[str, int | None]:
    return {q: None if a == "-" else int(a) for q, a in zip(IDS, text.split(), strict=True)}


def senseo() -> Partnership:
    return edits.new_partnership("Senseo", now=T0)


def test_the_0_to_100_scores_map_onto_0_to_5_in_bands_of_twenty() -> None:
    assert [to_type_score(s) for s in (0, 9, 10, 29, 30, 49, 50, 69, 70, 89, 90, 100)] == [
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5
    ]  # fmt: skip


@given(st.integers(0, 100), st.integers(0, 100))
def test_the_mapping_keeps_the_order_of_scores(a: int, b: int) -> None:
    if a <= b:
        assert to_type_score(a) <= to_type_score(b)


def test_storing_an_assessment_only_leaves_the_classification_alone() -> None:
    p = edits.classify(senseo(), by="Bo", primary=G, scores={G: 4}, rationale="Bo's view", now=T0)
    later = T0 + timedelta(hours=1)
    new = record_assessment(p, MODEL, answers(S1.replace("4 5 5 2", "- 5 5 2", 1)), by=" Anna ",
                            now=later, assessment_id="a1b2c3d4")  # fmt: skip
    assert new.classification == p.classification
    (a,) = new.assessments
    assert (a.id, a.at, a.by) == ("a1b2c3d4", later, "Anna")
    assert "q03" not in a.answers and a.answers["q01"] == 5 and len(a.answers) == 15
    assert list(a.answers) == sorted(a.answers)
    assert a.scores == {
        t.value: s
        for t, s in diagnose(MODEL, answers(S1.replace("4 5 5 2", "- 5 5 2", 1))).scores.items()
    }
    assert new.updated == later


def test_applying_a_clear_diagnosis_sets_scores_primary_and_an_empty_rationale() -> None:
    p = senseo()
    new = record_assessment(p, MODEL, answers(S1), by="Anna", apply=True,
                            rationale="Primary: delivery.", now=T0)  # fmt: skip
    c = new.classification
    assert c.primary is D
    assert {t: c.score(t).score for t in AgreementType} == {D: 5, G: 3, M: 1, P: 1}
    assert c.rationale == "Primary: delivery." and c.by == "Anna" and c.updated == T0
    # A rationale the advisor wrote is never overwritten.
    again = record_assessment(
        edits.classify(p, by="Bo", rationale="Our own words", now=T0),
        MODEL, answers(S3), by="Anna", apply=True, rationale="generated", now=T0,
    )  # fmt: skip
    assert again.classification.rationale == "Our own words"
    assert again.classification.primary is G


def test_after_a_tie_the_advisor_picks_the_primary_among_the_leading_types() -> None:
    p = edits.classify(senseo(), by="Bo", primary=M, now=T0)
    kept = record_assessment(p, MODEL, answers(TIE), by="Anna", apply=True, now=T0)
    assert kept.classification.primary is M  # no pick: the current primary stays
    picked = record_assessment(p, MODEL, answers(TIE), by="Anna", apply=True, primary=P, now=T0)
    assert picked.classification.primary is P
    with pytest.raises(DomainError) as caught:
        record_assessment(p, MODEL, answers(TIE), by="Anna", apply=True, primary=M, now=T0)
    assert caught.value.key == "error.primary_not_candidate"
    unclear = diagnose(MODEL, answers(ALL4))
    assert unclear.label is Label.UNCLEAR and chosen_primary(unclear, M) is M


def test_a_clear_result_cannot_be_overruled_by_a_pick_and_a_pick_needs_apply() -> None:
    with pytest.raises(DomainError) as caught:
        record_assessment(senseo(), MODEL, answers(S1), by="A", apply=True, primary=G)
    assert caught.value.key == "error.primary_not_candidate"
    assert (
        record_assessment(senseo(), MODEL, answers(S1), by="A", apply=True, primary=D).primary is D
    )
    with pytest.raises(DomainError) as caught:
        record_assessment(senseo(), MODEL, answers(TIE), by="A", primary=G)
    assert caught.value.key == "error.primary_needs_apply"


@pytest.mark.parametrize(
    ("given_answers", "key"),
    [
        (dict.fromkeys(IDS), "error.no_answers"),
        ({"q01": 6}, "error.answer_range"),
        ({"q01": True}, "error.answer_range"),
        ({"q99": 3}, "error.unknown_statement"),
    ],
)
def test_bad_answers_record_nothing(given_answers: dict[str, int | None], key: str) -> None:
    with pytest.raises(DomainError) as caught:
        record_assessment(senseo(), MODEL, given_answers, by="Anna")
    assert caught.value.key == key


def test_assessment_ids_never_repeat_and_the_latest_is_found() -> None:
    p = record_assessment(senseo(), MODEL, answers(S1), by="A", now=T0, assessment_id="same0001")
    p = record_assessment(p, MODEL, answers(S3), by="B", now=T0, assessment_id="same0001")
    first, second = p.assessments
    assert first.id == "same0001" and second.id != first.id
    assert latest(p.assessments) is second  # equal times: the later in the file
    assert rediagnose(MODEL, second).primary is G


# --------------------------------------------------------------------------- several advisors


def run(by: str, scores: tuple[int, int, int, int], at: int = 0, aid: str = "") -> Assessment:
    return Assessment(
        aid or f"{by[:4]}{at:04d}",
        T0 + timedelta(days=at),
        by,
        {},
        {t.value: s for t, s in zip(AgreementType, scores, strict=True)},
    )


def test_one_advisor_is_never_divergent_however_often_they_change_their_mind() -> None:
    assert divergence([run("Anna", (90, 10, 10, 10)), run("anna ", (10, 90, 10, 10), 1)]) is None


def test_each_advisor_counts_with_their_latest_assessment() -> None:
    runs = [
        run("Anna", (90, 10, 10, 10), 0),
        run("Bo", (80, 20, 10, 10), 1),
        run("ANNA", (30, 80, 10, 10), 2),
    ]
    raters = latest_by_rater(runs)
    assert [(r.by, r.scores[G], r.count) for r in raters] == [("Bo", 20, 1), ("ANNA", 80, 2)]
    split = divergence(runs)
    assert split is not None and split.divergent and split.leading_differs
    assert split.spread == {D: 50, G: 60, M: 0, P: 0}
    assert split.far_apart == (D, G)


def test_advisors_who_agree_on_the_type_but_not_on_its_strength_diverge_at_twenty() -> None:
    close = divergence([run("A", (90, 50, 20, 10)), run("B", (71, 50, 20, 10), 1)])
    assert close is not None and not close.divergent
    far = divergence([run("A", (90, 50, 20, 10)), run("B", (70, 50, 20, 10), 1)])
    assert far is not None and far.divergent and far.far_apart == (D,)
    assert DIVERGENCE_POINTS == 20


def test_a_shared_leading_type_in_a_tie_is_agreement() -> None:
    agree = divergence([run("A", (70, 70, 20, 10)), run("B", (60, 70, 20, 10), 1)])
    assert agree is not None and not agree.leading_differs
    differ = divergence([run("A", (70, 69, 20, 10)), run("B", (69, 70, 20, 10), 1)])
    assert differ is not None and differ.leading_differs and differ.divergent


advisors = st.sampled_from(["Anna", "anna", "Bo", "Chris"])
score = st.integers(0, 100)
runs_strategy = st.lists(
    st.tuples(advisors, st.tuples(score, score, score, score), st.integers(0, 5)), max_size=5
)


@given(runs_strategy)
def test_the_lean_verdict_equals_the_full_comparison(
    specs: list[tuple[str, tuple[int, int, int, int], int]],
) -> None:
    runs = [run(by, s, at, f"id{i:06d}") for i, (by, s, at) in enumerate(specs)]
    rows = [(a.id, a.at, a.by, (), tuple(a.scores.items())) for a in runs]
    split = divergence(runs)
    assert is_divergent_rows(rows) == (split is not None and split.divergent)


def test_is_divergent_finds_partnerships_whose_advisors_disagree() -> None:
    calm = senseo()
    torn = record_assessment(calm, MODEL, answers(S1), by="Anna", now=T0)
    torn = record_assessment(torn, MODEL, answers(S3), by="Bo", now=T0)
    query = parse_query("is:divergent")
    dutch = parse_query("is:afwijkend")
    for p, expected in ((calm, False), (torn, True)):
        subject = Subject(None, "", facets=Facets.of(p))
        assert query.matches(subject) is expected
        assert dutch.matches(subject) is expected
    assert parse_query("-is:divergent").matches(Subject(None, "", facets=Facets.of(calm)))
