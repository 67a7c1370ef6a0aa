"""The diagnosis: sixteen statements, scored per agreement type, labelled and explained.

Pure: the statements, weights and thresholds come in as a :class:`DiagnosisModel` (built
from ``data/diagnosis.toml`` by :func:`DiagnosisModel.from_data`; reading the file is the
services' job). The scoring reproduces the domain brief's reference computation exactly:

- ``score_t = 50 + 25 × Σ w_qt·(a_q − 3) / Σ |w_qt|`` over the answered statements,
  rounded half away from zero (computed in integers, so no float can tip a ``.5``);
- a type no answered statement weighs on has no score (None);
- the label compares the *rounded* scores: unclear, then tie, then mixed, else dominant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from samenwerk_tui.domain.model import ANSWER_RANGE, DomainError
from samenwerk_tui.domain.types import AgreementType, PerspectiveName

NEUTRAL = 3  # the middle of the 1-5 scale: an answer that moves nothing
SKIP = "-"
TYPES = tuple(AgreementType)


class Label(StrEnum):
    """What the scores say about the type of the agreement."""

    DOMINANT = "dominant"
    MIXED = "mixed"
    TIE = "tie"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Statement:
    """One statement: its id (``q01``), weight per type, and the perspective it touches."""

    id: str
    weights: Mapping[AgreementType, int]
    perspective: PerspectiveName | None = None

    @property
    def number(self) -> str:
        """The id as people read it: ``Q01``."""
        return self.id.upper()

    def weight(self, agreement_type: AgreementType) -> int:
        return self.weights.get(agreement_type, 0)


@dataclass(frozen=True)
class Thresholds:
    """The label rules (domain brief §2.1); compared with the rounded scores."""

    clear_min: int = 60
    spread_min: int = 15
    tie_within: int = 3
    secondary_min: int = 55
    secondary_within: int = 20


@dataclass(frozen=True)
class DiagnosisModel:
    """The statements in order and the thresholds."""

    statements: tuple[Statement, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements)

    def statement(self, sid: str) -> Statement:
        for s in self.statements:
            if s.id == sid:
                return s
        raise DomainError("error.unknown_statement", value=sid)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> DiagnosisModel:
        """Build the model from the parsed data file; a wrong value raises DomainError."""
        statements = []
        seen: set[str] = set()
        for raw in data.get("statements", []):
            sid = raw.get("id")
            if not isinstance(sid, str) or not sid or sid in seen:
                raise DomainError("error.bad_diagnosis_data", field="statements.id")
            seen.add(sid)
            weights = {}
            for t in TYPES:
                w = raw.get("weights", {}).get(t.value, 0)
                if isinstance(w, bool) or not isinstance(w, int) or not -2 <= w <= 2:
                    raise DomainError("error.bad_diagnosis_data", field=f"{sid}.weights")
                weights[t] = w
            perspective = raw.get("perspective")
            if perspective is not None and perspective not in set(PerspectiveName):
                raise DomainError("error.bad_diagnosis_data", field=f"{sid}.perspective")
            statements.append(
                Statement(sid, weights, PerspectiveName(perspective) if perspective else None)
            )
        if not statements:
            raise DomainError("error.bad_diagnosis_data", field="statements")
        limits = data.get("thresholds", {})
        for key, value in limits.items():
            if key not in Thresholds.__dataclass_fields__ or type(value) is not int:
                raise DomainError("error.bad_diagnosis_data", field=f"thresholds.{key}")
        return cls(tuple(statements), Thresholds(**limits))


Answers = Mapping[str, int | None]


@dataclass(frozen=True)
class Contribution:
    """How one answer moved one type: ``value = weight × (answer − 3)``."""

    statement: str
    type: AgreementType
    weight: int
    answer: int

    @property
    def value(self) -> int:
        return self.weight * (self.answer - NEUTRAL)


@dataclass(frozen=True)
class Evidence:
    """Why a type scored as it did: the strongest answers for it and the one against it."""

    type: AgreementType
    score: int | None
    support: tuple[Contribution, ...]  # up to three, strongest first
    against: Contribution | None  # the most negative contribution, if any


@dataclass(frozen=True)
class Diagnosis:
    """The outcome of one set of answers.

    ``primary`` is the highest score (None when nothing was answered). ``secondary``
    holds the mixed types, or for a tie the runner-up. ``candidates`` are the types an
    advisor may pick as primary when the label is tie or unclear (highest first).
    ``evidence`` explains the primary and each secondary type, in that order.
    """

    scores: Mapping[AgreementType, int | None]
    label: Label
    primary: AgreementType | None
    secondary: tuple[AgreementType, ...]
    candidates: tuple[AgreementType, ...]
    evidence: tuple[Evidence, ...]
    answered: int
    total: int

    @property
    def decided(self) -> bool:
        """True when the scores pick the primary type (dominant or mixed)."""
        return self.label in (Label.DOMINANT, Label.MIXED)

    def score(self, agreement_type: AgreementType) -> int | None:
        return self.scores.get(agreement_type)


def round_half_away(x: float) -> int:
    """Round to the nearest whole number, halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def _round_ratio(numerator: int, denominator: int) -> int:
    """``round_half_away(numerator / denominator)`` in exact integers (denominator > 0)."""
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def check_answer(value: Any) -> int:
    low, high = ANSWER_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError("error.answer_range", value=value)
    return value


def type_scores(model: DiagnosisModel, answers: Answers) -> dict[AgreementType, int | None]:
    """The 0-100 score per type; None for a type no answered statement weighs on.

    Statements missing from ``answers`` or answered None are skipped: left out of both
    sums, exactly as if they were not in the questionnaire.
    """
    raw = dict.fromkeys(TYPES, 0)
    total = dict.fromkeys(TYPES, 0)
    for s in model.statements:
        answer = answers.get(s.id)
        if answer is None:
            continue
        moved = check_answer(answer) - NEUTRAL
        for t in TYPES:
            w = s.weight(t)
            raw[t] += w * moved
            total[t] += abs(w)
    return {
        t: _round_ratio(50 * total[t] + 25 * raw[t], total[t]) if total[t] else None for t in TYPES
    }


def ranked(scores: Mapping[AgreementType, int | None]) -> list[AgreementType]:
    """Scored types, highest first; equal scores keep the types' own order."""
    scored = [t for t in TYPES if scores.get(t) is not None]
    return sorted(scored, key=lambda t: -(scores[t] or 0))


def label_scores(
    scores: Mapping[AgreementType, int | None], thresholds: Thresholds
) -> tuple[AgreementType | None, tuple[AgreementType, ...], Label]:
    """Primary, secondary types and label from rounded scores (domain brief §2.1)."""
    order = ranked(scores)
    if not order:
        return None, (), Label.UNCLEAR
    values = [scores[t] or 0 for t in order]
    top = values[0]
    if top < thresholds.clear_min or top - min(values) < thresholds.spread_min:
        return order[0], (), Label.UNCLEAR
    if top - values[1] <= thresholds.tie_within:
        return order[0], (order[1],), Label.TIE
    secondary = tuple(
        t
        for t, v in zip(order[1:], values[1:], strict=True)
        if v >= thresholds.secondary_min and top - v <= thresholds.secondary_within
    )
    return order[0], secondary, Label.MIXED if secondary else Label.DOMINANT


def contributions(
    model: DiagnosisModel, answers: Answers, agreement_type: AgreementType
) -> list[Contribution]:
    """Every answered statement that weighs on ``agreement_type``, in statement order."""
    out = []
    for s in model.statements:
        answer = answers.get(s.id)
        if answer is not None and s.weight(agreement_type):
            out.append(Contribution(s.id, agreement_type, s.weight(agreement_type), answer))
    return out


def evidence(
    model: DiagnosisModel,
    answers: Answers,
    agreement_type: AgreementType,
    score: int | None = None,
    *,
    limit: int = 3,
) -> Evidence:
    """The ``limit`` largest positive contributions (on equal value a positive weight
    first, then statement order) and the most negative one."""
    found = contributions(model, answers, agreement_type)
    positive = sorted(
        (c for c in found if c.value > 0), key=lambda c: (-c.value, c.weight < 0)
    )  # sorted is stable: statement order breaks the remaining ties
    negative = [c for c in found if c.value < 0]
    against = min(negative, key=lambda c: c.value) if negative else None
    return Evidence(agreement_type, score, tuple(positive[:limit]), against)


def diagnose(model: DiagnosisModel, answers: Answers) -> Diagnosis:
    """Score, label and explain one set of answers (``{"q01": 5, "q02": None, …}``)."""
    known = set(model.ids)
    for sid in answers:
        if sid not in known:
            raise DomainError("error.unknown_statement", value=sid)
    scores = type_scores(model, answers)
    primary, secondary, label = label_scores(scores, model.thresholds)
    order = ranked(scores)
    if label is Label.TIE and primary is not None:
        top = scores[primary] or 0
        within = model.thresholds.tie_within
        candidates = tuple(t for t in order if top - (scores[t] or 0) <= within)
    elif label is Label.UNCLEAR:
        candidates = tuple(order)
    else:
        candidates = (primary,) if primary is not None else ()
    explained = () if primary is None else (primary, *secondary)
    return Diagnosis(
        scores=scores,
        label=label,
        primary=primary,
        secondary=secondary,
        candidates=candidates,
        evidence=tuple(evidence(model, answers, t, scores[t]) for t in explained),
        answered=sum(1 for s in model.statements if answers.get(s.id) is not None),
        total=len(model.statements),
    )


def separating(
    model: DiagnosisModel, first: AgreementType, second: AgreementType, *, limit: int = 3
) -> tuple[Statement, ...]:
    """The statements that tell two types apart best (largest difference in weight).

    For an unclear result or a tie these are the questions to put to the partners: for
    delivery against goals they include Q02 (can the result be promised?), for movement
    against platform Q10 and Q15.
    """
    order = sorted(
        model.statements, key=lambda s: -abs(s.weight(first) - s.weight(second))
    )  # stable: statement order breaks ties
    return tuple(s for s in order[:limit] if s.weight(first) != s.weight(second))


def parse_answers(text: str, model: DiagnosisModel) -> dict[str, int | None]:
    """``"5,4,-,3,…"`` (one value per statement, ``-`` skips) -> answers by statement id.

    Anything else (a wrong count, a value outside 1-5, a word) raises DomainError.
    """
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) == 1 and " " in parts[0]:
        parts = parts[0].split()
    if len(parts) != len(model.statements):
        raise DomainError("error.answer_count", count=len(parts), expected=len(model.statements))
    out: dict[str, int | None] = {}
    for s, part in zip(model.statements, parts, strict=True):
        if part == SKIP:
            out[s.id] = None
        elif part.isdigit() and part.isascii():
            out[s.id] = check_answer(int(part))
        else:
            raise DomainError("error.answer_value", value=part, statement=s.number)
    return out


def answered_only(answers: Answers) -> dict[str, int]:
    """The answers as stored in an assessment: skipped statements left out."""
    return {sid: a for sid, a in sorted(answers.items()) if a is not None}


def answers_in_order(model: DiagnosisModel, stored: Mapping[str, int]) -> Sequence[int | None]:
    """An assessment's stored answers as one value (or None) per statement, in order."""
    return [stored.get(sid) for sid in model.ids]
