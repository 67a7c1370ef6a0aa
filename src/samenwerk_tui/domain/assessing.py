"""Recording a diagnosis on a partnership: a pure edit, like those in :mod:`.edits`.

An assessment is appended and never edited afterwards. Applying it also sets the
classification from the scores:

- each type's 0-5 score is :func:`to_type_score` of its 0-100 score: ``round half away
  (score / 20)``, so 0-9 → 0, 10-29 → 1, 30-49 → 2, 50-69 → 3, 70-89 → 4, 90-100 → 5
  (neutral 50 becomes 3; a type without a score keeps the advisor's value);
- the primary type is the diagnosis's when the label is dominant or mixed; for a tie or
  an unclear result the advisor picks one of the candidates (or keeps the current one);
- the rationale, when still empty, is filled with the explanation the caller rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.diagnosis import (
    Answers,
    Diagnosis,
    DiagnosisModel,
    answered_only,
    check_answer,
    diagnose,
    round_half_away,
)
from samenwerk_tui.domain.model import (
    TYPE_SCORE_MAX,
    Assessment,
    DomainError,
    Partnership,
    to_utc,
    utc_now,
    validate,
)
from samenwerk_tui.domain.text import new_id, normalize_line
from samenwerk_tui.domain.types import AgreementType

#: Width of one step of the 0-5 scale on the 0-100 scale.
STEP = 100 // TYPE_SCORE_MAX


def to_type_score(score: int) -> int:
    """A 0-100 diagnosis score on the classification's 0-5 scale (see the module doc)."""
    return max(0, min(TYPE_SCORE_MAX, round_half_away(score / STEP)))


def record_assessment(
    p: Partnership,
    model: DiagnosisModel,
    answers: Answers,
    *,
    by: str,
    apply: bool = False,
    primary: AgreementType | None = None,
    rationale: str = "",
    now: datetime | None = None,
    assessment_id: str | None = None,
) -> Partnership:
    """``p`` with one more assessment; with ``apply``, the classification set from it.

    ``primary`` is the advisor's pick when the label is tie or unclear; it must be one of
    the diagnosis's candidates (None keeps the current primary type). For a dominant or
    mixed result it must be None or the diagnosis's own primary. ``rationale`` (the
    rendered explanation) is used only when the classification has none yet.
    """
    for value in answers.values():
        if value is not None:
            check_answer(value)
    result = diagnose(model, answers)
    if not any(v is not None for v in answers.values()):
        raise DomainError("error.no_answers")
    when = utc_now() if now is None else to_utc(now)
    existing = {a.id for a in p.assessments}
    aid = assessment_id or new_id(8)
    while aid in existing:
        aid = new_id(8)
    assessment = Assessment(
        id=aid,
        at=when,
        by=normalize_line(by),
        answers=answered_only(answers),
        scores={t.value: s for t, s in result.scores.items() if s is not None},
    )
    new = p.replace(updated=when, assessments=(*p.assessments, assessment))
    validate(new)
    if not apply:
        if primary is not None:
            raise DomainError("error.primary_needs_apply")
        return new
    return _apply(new, result, by=by, primary=primary, rationale=rationale, when=when)


def _apply(
    p: Partnership,
    result: Diagnosis,
    *,
    by: str,
    primary: AgreementType | None,
    rationale: str,
    when: datetime,
) -> Partnership:
    fields: dict[str, Any] = {
        "scores": {t: to_type_score(s) for t, s in result.scores.items() if s is not None}
    }
    chosen = chosen_primary(result, primary)
    if chosen is not None:
        fields["primary"] = chosen
    if not p.classification.rationale.strip() and rationale.strip():
        fields["rationale"] = rationale
    return edits.classify(p, by=by, now=when, **fields)


def chosen_primary(result: Diagnosis, pick: AgreementType | None) -> AgreementType | None:
    """The primary type applying ``result`` sets (None: leave it as it is).

    Dominant or mixed: the diagnosis's own. Tie or unclear: the advisor's ``pick``, which
    must be one of ``result.candidates``.
    """
    if result.decided:
        if pick is not None and pick is not result.primary:
            raise DomainError("error.primary_not_candidate", value=pick.value)
        return result.primary
    if pick is not None and pick not in result.candidates:
        raise DomainError("error.primary_not_candidate", value=pick.value)
    return pick


def stored_answers(model: DiagnosisModel, assessment: Assessment) -> dict[str, int | None]:
    """An assessment's answers as :func:`diagnose` takes them (unknown ids left out)."""
    known = set(model.ids)
    return {sid: a for sid, a in assessment.answers.items() if sid in known}


def rediagnose(model: DiagnosisModel, assessment: Assessment) -> Diagnosis:
    """The diagnosis of a stored assessment, recomputed from its answers."""
    return diagnose(model, stored_answers(model, assessment))


def latest(assessments: tuple[Assessment, ...]) -> Assessment | None:
    """The most recent assessment (the later one in the file on equal times)."""
    if not assessments:
        return None
    return max(enumerate(assessments), key=lambda pair: (pair[1].at, pair[0]))[1]


def stored_scores(assessment: Assessment) -> Mapping[AgreementType, int]:
    """An assessment's stored 0-100 scores by type (unknown keys left out)."""
    return {t: assessment.scores[t.value] for t in AgreementType if t.value in assessment.scores}
