"""The diagnosis scores, labels and explains exactly as the domain brief's reference does.

Every vector of Appendix A and the §2.1 sanity profiles, a hypothesis comparison with the
brief's own reference code (copied below, floats and all), and the laws of the scoring.
The model comes from the shipped ``data/diagnosis.toml``, so a retuned weight shows here.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenwerk_tui.domain.diagnosis import (
    Contribution,
    DiagnosisModel,
    Label,
    Statement,
    Thresholds,
    diagnose,
    evidence,
    label_scores,
    parse_answers,
    round_half_away,
    separating,
    type_scores,
)
from samenwerk_tui.domain.model import DomainError
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.diagnosis import load_model

D, G, M, P = AgreementType
MODEL = load_model()
IDS = [f"q{i:02d}" for i in range(1, 17)]

# --------------------------------------------------------------------------- the brief's code

W = {  # Appendix A, verbatim
 "Q01":( 2, 0,-1,-2), "Q02":( 2,-1,-1,-2), "Q03":( 2,-1,-2,-1), "Q04":( 2, 1,-1,-1),
 "Q05":( 2, 0,-1, 0), "Q06":(-1, 2, 1,-1), "Q07":( 0, 2, 0, 0), "Q08":(-1, 2, 0, 0),
 "Q09":( 1, 2,-2, 0), "Q10":(-1, 0, 2,-1), "Q11":( 0, 0, 2, 0), "Q12":(-2,-1, 2, 1),
 "Q13":(-2,-2, 2, 0), "Q14":(-1,-1,-1, 2), "Q15":(-1,-1,-1, 2), "Q16":(-2,-1, 0, 2)}  # fmt: skip
TYPES = ["T1", "T2", "T3", "T4"]
BRIEF_LABELS = {"dominant": "dominant", "mengvorm": "mixed", "gelijkspel": "tie",
                "onduidelijk": "unclear"}  # fmt: skip


def brief_scores(answers: dict[str, int | None]) -> list[int | None]:
    out = []
    for i in range(4):
        used = {q: a for q, a in answers.items() if a is not None}
        raw = sum(W[q][i] * (a - 3) for q, a in used.items())
        tot = sum(abs(W[q][i]) for q in used)
        out.append(round_half_away(50 + 25 * raw / tot) if tot else None)
    return out


def brief_label(s: list[int]) -> tuple[str, list[str], str]:
    order = sorted(range(4), key=lambda i: -s[i])
    p = order[0]
    if s[p] < 60 or max(s) - min(s) < 15:
        return TYPES[p], [], "onduidelijk"
    if s[p] - s[order[1]] <= 3:
        return TYPES[p], [TYPES[order[1]]], "gelijkspel"
    sec = [TYPES[i] for i in order[1:] if s[i] >= 55 and s[p] - s[i] <= 20]
    return TYPES[p], sec, "mengvorm" if sec else "dominant"


def answers_of(text: str) -> dict[str, int | None]:
    return {q: None if a == "-" else int(a) for q, a in zip(IDS, text.split(), strict=True)}


def as_list(scores: dict[AgreementType, int | None]) -> list[int | None]:
    return [scores[t] for t in AgreementType]


# --------------------------------------------------------------------------- Appendix A

APPENDIX_A = [
    ("S1", "5 5 4 5 5 2 3 1 4 3 2 1 1 1 2 1", (92, 59, 24, 13), D, (), Label.DOMINANT),
    ("S2", "5 4 2 3 3 3 3 2 4 1 2 1 1 2 2 1", (75, 65, 30, 28), D, (G,), Label.MIXED),
    ("S3", "2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2", (43, 78, 63, 43), G, (M,), Label.MIXED),
    ("S4", "3 2 2 3 2 5 5 4 5 3 2 1 1 2 2 1", (58, 88, 42, 35), G, (), Label.DOMINANT),
    ("S5", "4 3 2 4 4 4 5 4 4 2 3 3 2 3 4 3", (56, 69, 41, 50), G, (D,), Label.MIXED),
    ("S6", "1 1 1 2 2 4 4 4 2 5 5 5 4 2 2 3", (22, 57, 88, 60), M, (), Label.DOMINANT),
    ("S7", "1 1 1 1 1 2 2 2 2 1 3 4 3 5 5 5", (19, 31, 59, 97), P, (), Label.DOMINANT),
    ("S8", "2 2 1 2 3 3 3 2 3 1 3 3 3 4 5 4", (36, 44, 50, 78), P, (), Label.DOMINANT),
    ("all 4", " ".join(["4"] * 16), (50, 51, 49, 48), G, (), Label.UNCLEAR),
]


@pytest.mark.parametrize(
    ("case", "answers", "scores", "primary", "secondary", "label"),
    APPENDIX_A,
    ids=[c[0] for c in APPENDIX_A],
)
def test_every_reference_case_of_the_brief_scores_and_labels_as_expected(
    case: str,
    answers: str,
    scores: tuple[int, ...],
    primary: AgreementType,
    secondary: tuple[AgreementType, ...],
    label: Label,
) -> None:
    result = diagnose(MODEL, answers_of(answers))
    assert tuple(as_list(dict(result.scores))) == scores
    assert (result.primary, result.secondary, result.label) == (primary, secondary, label)
    assert result.answered == result.total == 16


# --------------------------------------------------------------------------- §2.1 sanity

# The brief gives the scores of its archetypal profiles, not their answers. These are a
# pure type's answers (strong yes on its own statements, no on the others') that give
# exactly the brief's scores.
SANITY = [
    ("pure T1", "5 5 5 5 5 2 2 1 4 1 2 1 1 1 1 1", (98, 56, 17, 12), D),
    ("pure T2", "2 2 2 3 3 5 5 5 5 3 3 2 2 2 2 2", (50, 85, 50, 43), G),
    ("pure T3", "1 1 1 1 1 3 3 3 1 5 5 5 5 2 2 3", (16, 41, 95, 63), M),
    ("pure T4", "1 1 2 1 3 1 1 2 3 1 3 4 5 5 5 5", (24, 21, 55, 97), P),
]


@pytest.mark.parametrize(
    ("case", "answers", "scores", "primary"), SANITY, ids=[s[0] for s in SANITY]
)
def test_archetypal_profiles_come_out_as_their_type_dominant(
    case: str, answers: str, scores: tuple[int, ...], primary: AgreementType
) -> None:
    result = diagnose(MODEL, answers_of(answers))
    assert tuple(as_list(dict(result.scores))) == scores
    assert (result.primary, result.label) == (primary, Label.DOMINANT)


@pytest.mark.parametrize("value", ["3", "4", "2"])
def test_agreeing_with_everything_shifts_nothing(value: str) -> None:
    result = diagnose(MODEL, answers_of(" ".join([value] * 16)))
    assert all(abs((s or 0) - 50) <= 2 for s in result.scores.values())
    assert result.label is Label.UNCLEAR


# --------------------------------------------------------------------------- laws

answer = st.one_of(st.none(), st.integers(1, 5))
answer_sets = st.lists(answer, min_size=16, max_size=16).map(
    lambda xs: dict(zip(IDS, xs, strict=True))
)


@given(answer_sets)
def test_scores_and_labels_equal_the_briefs_reference_code(answers: dict[str, int | None]) -> None:
    expected = brief_scores({k.upper(): v for k, v in answers.items()})
    result = diagnose(MODEL, answers)
    assert as_list(dict(result.scores)) == expected
    if None not in expected:
        p, sec, lab = brief_label(expected)  # type: ignore[arg-type]
        assert result.primary is AgreementType(list(AgreementType)[TYPES.index(p)])
        assert [TYPES[list(AgreementType).index(t)] for t in result.secondary] == sec
        assert result.label.value == BRIEF_LABELS[lab]


@given(answer_sets)
def test_scores_stay_within_0_and_100(answers: dict[str, int | None]) -> None:
    for score in type_scores(MODEL, answers).values():
        assert score is None or 0 <= score <= 100


@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4), st.integers(1, 12))
def test_all_neutral_answers_give_50_for_every_weighed_type(weights: list[int], count: int) -> None:
    model = DiagnosisModel(
        tuple(
            Statement(f"s{i}", dict(zip(AgreementType, weights, strict=True))) for i in range(count)
        )
    )
    scores = type_scores(model, {f"s{i}": 3 for i in range(count)})
    for t, w in zip(AgreementType, weights, strict=True):
        assert scores[t] == (50 if w else None)


@given(answer_sets, st.randoms(use_true_random=False))
def test_permuting_statements_with_their_weights_changes_nothing(
    answers: dict[str, int | None], rnd: random.Random
) -> None:
    shuffled = list(MODEL.statements)
    rnd.shuffle(shuffled)
    model = DiagnosisModel(tuple(shuffled), MODEL.thresholds)
    a, b = diagnose(MODEL, answers), diagnose(model, answers)
    assert (a.scores, a.label, a.primary, a.secondary) == (
        b.scores,
        b.label,
        b.primary,
        b.secondary,
    )


@given(answer_sets, st.integers(0, 15))
def test_skipping_a_statement_equals_removing_it(
    answers: dict[str, int | None], index: int
) -> None:
    sid = IDS[index]
    skipped = {**answers, sid: None}
    without = DiagnosisModel(tuple(s for s in MODEL.statements if s.id != sid), MODEL.thresholds)
    rest = {k: v for k, v in answers.items() if k != sid}
    assert diagnose(MODEL, skipped).scores == diagnose(without, rest).scores
    missing = {k: v for k, v in answers.items() if k != sid}
    assert type_scores(MODEL, missing) == type_scores(MODEL, skipped)


def test_nothing_answered_gives_no_scores_and_an_unclear_result() -> None:
    result = diagnose(MODEL, dict.fromkeys(IDS))
    assert set(result.scores.values()) == {None}
    assert (result.primary, result.label, result.answered, result.evidence) == (
        None, Label.UNCLEAR, 0, ()
    )  # fmt: skip


def test_a_type_no_answer_weighs_on_has_no_score_and_is_left_out_of_the_label() -> None:
    scores = type_scores(MODEL, {"q07": 5, "q11": 1})  # q07 only weighs on goals, q11 on movement
    assert scores == {D: None, G: 100, M: 0, P: None}
    assert label_scores(scores, Thresholds()) == (G, (), Label.DOMINANT)


def test_rounding_goes_half_away_from_zero() -> None:
    assert [round_half_away(x) for x in (2.5, 3.5, -2.5, 2.4999, 0.0)] == [3, 4, -3, 2, 0]
    # 50 + 25 * 1/10 = 52.5 exactly: a single +1 on a type weighed 10 in total.
    model = DiagnosisModel((Statement("a", {D: 1}), Statement("b", {D: 9})))
    assert type_scores(model, {"a": 4, "b": 3})[D] == 53


def test_thresholds_compare_the_rounded_scores() -> None:
    t = Thresholds()
    assert label_scores({D: 60, G: 45, M: 30, P: 20}, t)[2] is Label.DOMINANT
    assert label_scores({D: 59, G: 45, M: 30, P: 20}, t)[2] is Label.UNCLEAR
    assert label_scores({D: 70, G: 67, M: 30, P: 20}, t) == (D, (G,), Label.TIE)
    assert label_scores({D: 70, G: 66, M: 30, P: 20}, t)[2] is Label.MIXED
    assert label_scores({D: 75, G: 55, M: 54, P: 20}, t) == (D, (G,), Label.MIXED)
    assert label_scores({D: 76, G: 55, M: 30, P: 20}, t) == (D, (), Label.DOMINANT)
    assert label_scores({D: 64, G: 60, M: 55, P: 50}, t)[2] is Label.UNCLEAR  # spread 14


def test_a_tie_offers_every_type_within_three_points_and_unclear_offers_all() -> None:
    tie = diagnose(MODEL, answers_of("3 2 2 3 5 1 1 5 5 2 5 2 1 3 2 4"))
    assert as_list(dict(tie.scores)) == [59, 60, 39, 58]
    assert (tie.label, tie.primary, tie.secondary) == (Label.TIE, G, (D,))
    assert tie.candidates == (G, D, P)
    unclear = diagnose(MODEL, answers_of(" ".join(["4"] * 16)))
    assert unclear.candidates == (G, D, M, P)


# --------------------------------------------------------------------------- explanation


def test_the_explanation_names_the_strongest_answers_for_each_explained_type() -> None:
    result = diagnose(MODEL, answers_of("2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2"))  # S3
    goals, movement = result.evidence
    assert goals.type is G and movement.type is M
    assert [(c.statement, c.value) for c in goals.support] == [("q06", 4), ("q07", 4), ("q08", 4)]
    assert goals.against is None  # nothing in S3 speaks against goals
    assert [(c.statement, c.value) for c in movement.support] == [
        ("q06", 2), ("q10", 2), ("q11", 2)
    ]  # fmt: skip
    assert movement.against == Contribution("q09", M, -2, 4)


def test_on_equal_contributions_a_positive_weight_comes_first() -> None:
    model = DiagnosisModel(
        (Statement("neg", {D: -2}), Statement("pos", {D: 2}), Statement("other", {D: 1}))
    )
    found = evidence(model, {"neg": 1, "pos": 5, "other": 5}, D)
    assert [c.statement for c in found.support] == ["pos", "neg", "other"]
    assert found.against is None


def test_the_statements_that_separate_close_types_are_the_briefs() -> None:
    assert "q02" in [s.id for s in separating(MODEL, D, G)]
    assert {"q10", "q15"} <= {s.id for s in separating(MODEL, M, P)}


# --------------------------------------------------------------------------- answers


def test_answers_are_read_from_a_comma_separated_list() -> None:
    parsed = parse_answers("5,4,-,3,3,3,3,3,3,3,3,3,3,3,3,1", MODEL)
    assert parsed["q01"] == 5 and parsed["q03"] is None and parsed["q16"] == 1
    assert parse_answers(" ".join(["3"] * 16), MODEL)["q09"] == 3


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("5,4,3", "error.answer_count"),
        (",".join(["3"] * 17), "error.answer_count"),
        (",".join(["3"] * 15 + ["6"]), "error.answer_range"),
        (",".join(["3"] * 15 + ["0"]), "error.answer_range"),
        (",".join(["3"] * 15 + ["x"]), "error.answer_value"),
        (",".join(["3"] * 15 + [""]), "error.answer_value"),
        (",".join(["3"] * 15 + ["٣"]), "error.answer_value"),
    ],
)
def test_bad_answers_are_refused_with_a_sentence(text: str, key: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_answers(text, MODEL)
    assert caught.value.key == key


def test_the_data_file_holds_the_briefs_weights_unchanged() -> None:
    for statement in MODEL.statements:
        expected = W[statement.number]
        assert tuple(statement.weight(t) for t in AgreementType) == expected
    assert MODEL.thresholds == Thresholds(60, 15, 3, 55, 20)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"statements": []}, "statements"),
        ({"statements": [{"id": "a", "weights": {"deliver": 3}}]}, "a.weights"),
        ({"statements": [{"id": "a"}, {"id": "a"}]}, "statements.id"),
        ({"statements": [{"id": "a", "perspective": "vibes"}]}, "a.perspective"),
        ({"statements": [{"id": "a"}], "thresholds": {"clear_min": "60"}}, "thresholds.clear_min"),
        ({"statements": [{"id": "a"}], "thresholds": {"nonsense": 1}}, "thresholds.nonsense"),
    ],
)
def test_a_wrong_data_file_is_refused_naming_the_field(data: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as caught:
        DiagnosisModel.from_data(data)
    assert caught.value.params == {"field": field}
