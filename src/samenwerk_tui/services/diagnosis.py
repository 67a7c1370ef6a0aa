"""The diagnosis as a use case: its data, its texts, its explanation, and saving it.

The scoring itself is pure (:mod:`samenwerk_tui.domain.diagnosis`); this module reads
``data/diagnosis.toml`` into the model, looks up the statements' texts in the current
language, renders a :class:`Diagnosis` as sentences, and stores an assessment through a
:class:`Session`. The command line and the TUI wizard both use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.assessing import record_assessment
from samenwerk_tui.domain.diagnosis import (
    Answers,
    Contribution,
    Diagnosis,
    DiagnosisModel,
    Label,
    Statement,
    diagnose,
    separating,
)
from samenwerk_tui.domain.types import AgreementType

if TYPE_CHECKING:
    from samenwerk_tui.services.session import Change, Session

DATA_FILE = "diagnosis.toml"
MINUS = "\u2212"  # a real minus sign: "−2" reads better than "-2" in a sentence


@cache
def load_model() -> DiagnosisModel:
    """The diagnosis model of the package's data file (read once)."""
    return DiagnosisModel.from_data(i18n.data_file(DATA_FILE))


@dataclass(frozen=True)
class StatementText:
    """A statement as the user reads it: its text, a short name and the 1-5 scale."""

    id: str
    number: str  # "Q01"
    text: str
    short: str
    scale: tuple[str, ...]  # five labels, for the answers 1 to 5


def _entries() -> dict[str, dict[str, Any]]:
    return {s.get("id", ""): s for s in i18n.data_file(DATA_FILE).get("statements", [])}


def statement_text(sid: str, lang: str | None = None) -> StatementText:
    """The texts of one statement in ``lang`` (default: the current language)."""
    code = lang or i18n.language()
    entry = _entries().get(sid, {})
    texts = entry.get(code) or entry.get(i18n.DEFAULT_LANGUAGE, {})
    scale = texts.get("scale") or general_scale(code)
    return StatementText(
        sid,
        sid.upper(),
        str(texts.get("text", sid.upper())),
        str(texts.get("short", sid.upper())),
        tuple(str(x) for x in scale),
    )


def statements(lang: str | None = None) -> list[StatementText]:
    """Every statement's texts, in questionnaire order."""
    return [statement_text(s.id, lang) for s in load_model().statements]


def general_scale(lang: str | None = None) -> tuple[str, ...]:
    """The general meaning of the answers 1 to 5 ("not at all" … "fully")."""
    scale = i18n.data_file(DATA_FILE).get("scale", {})
    code = lang or i18n.language()
    return tuple(str(x) for x in scale.get(code) or scale.get(i18n.DEFAULT_LANGUAGE, []))


def label_name(label: Label, lang: str | None = None) -> str:
    return _label_field(label, "name", lang) or label.value


def label_meaning(label: Label, lang: str | None = None) -> str:
    return _label_field(label, "meaning", lang)


def _label_field(label: Label, field: str, lang: str | None) -> str:
    entry = i18n.data_file(DATA_FILE).get("labels", {}).get(label.value, {})
    code = lang or i18n.language()
    texts = entry.get(code) or entry.get(i18n.DEFAULT_LANGUAGE, {})
    return str(texts.get(field, ""))


# --------------------------------------------------------------------------- explanation


def signed(value: int) -> str:
    """``+4`` / ``−2`` (with a real minus sign)."""
    return f"+{value}" if value > 0 else f"{MINUS}{-value}" if value < 0 else "0"


def contribution_text(c: Contribution) -> str:
    """``Q06 goals set, route open (fully, +4)``: the statement, the answer, its effect.

    The answer is named because a statement weighing against a type supports it when
    answered "not at all": ``Q13 bottom-up initiative (not at all, +4)`` for goals.
    """
    st = statement_text(c.statement)
    scale = general_scale()
    answer = scale[c.answer - 1] if 0 < c.answer <= len(scale) else str(c.answer)
    return i18n.t(
        "diagnosis.item", number=st.number, short=st.short, answer=answer, value=signed(c.value)
    )


def type_with_score(agreement_type: AgreementType, score: int | None) -> str:
    name = i18n.type_name(agreement_type.value)
    return name if score is None else f"{name} ({score})"


def _names(types: tuple[AgreementType, ...], result: Diagnosis) -> str:
    return ", ".join(type_with_score(t, result.score(t)) for t in types)


def explanation_lines(result: Diagnosis, model: DiagnosisModel | None = None) -> list[str]:
    """The explanation as sentences: outcome, evidence for and against, what to discuss."""
    model = model or load_model()
    if result.primary is None:
        return [i18n.t("diagnosis.nothing_answered")]
    out: list[str] = []
    if result.label is Label.TIE:
        out.append(i18n.t("diagnosis.tie", types=_names(result.candidates, result)))
    elif result.label is Label.UNCLEAR:
        out.append(i18n.t("diagnosis.unclear"))
        out.append(i18n.t("diagnosis.highest", type=_names((result.primary,), result)))
    else:
        out.append(i18n.t("diagnosis.primary", type=_names((result.primary,), result)))
        if result.secondary:
            out.append(i18n.t("diagnosis.mixed_with", types=_names(result.secondary, result)))
    for ev in result.evidence:
        name = i18n.type_name(ev.type.value)
        if ev.support:
            items = "; ".join(contribution_text(c) for c in ev.support)
            out.append(i18n.t("diagnosis.support", type=name, items=items))
        if ev.against is not None:
            out.append(i18n.t("diagnosis.against", type=name, item=contribution_text(ev.against)))
    out += separating_lines(result, model)
    return out


def separating_lines(result: Diagnosis, model: DiagnosisModel | None = None) -> list[str]:
    """For a tie or an unclear result: the statements that tell the two leading types
    apart, to put to the partners (domain brief §2.4)."""
    model = model or load_model()
    if result.decided or len(result.candidates) < 2:
        return []
    first, second = result.candidates[0], result.candidates[1]
    found = separating(model, first, second)
    if not found:
        return []
    items = "; ".join(f"{s.number} {statement_text(s.id).short}" for s in found)
    return [
        i18n.t(
            "diagnosis.separating",
            first=i18n.type_name(first.value),
            second=i18n.type_name(second.value),
            items=items,
        )
    ]


def separating_statements(result: Diagnosis) -> tuple[Statement, ...]:
    """The statements :func:`separating_lines` names (empty when the result is clear)."""
    if result.decided or len(result.candidates) < 2:
        return ()
    return separating(load_model(), result.candidates[0], result.candidates[1])


def explanation_text(result: Diagnosis) -> str:
    """The explanation as one paragraph (what pre-fills an empty rationale)."""
    return " ".join(explanation_lines(result))


# --------------------------------------------------------------------------- saving


def assess(
    session: Session,
    pid: str,
    answers: Answers,
    *,
    apply: bool,
    primary: AgreementType | None = None,
    now: datetime | None = None,
) -> Change:
    """Store one assessment by the session's author; with ``apply``, also classify.

    The rationale is pre-filled with :func:`explanation_text` (in the current language)
    only when the partnership has none. Raises ``DomainError`` for bad answers or a
    ``primary`` that is not among the diagnosis's candidates; then nothing is written.
    """
    model = load_model()
    result = diagnose(model, answers)
    text = explanation_text(result) if apply else ""
    return session.update(
        pid,
        lambda p: record_assessment(
            p,
            model,
            answers,
            by=session.author,
            apply=apply,
            primary=primary,
            rationale=text,
            now=now,
        ),
        "diagnosed",
    )


def diagnosis_document(result: Diagnosis, answers: Mapping[str, int | None]) -> dict[str, Any]:
    """The JSON form of a diagnosis: answers, scores, label, types and evidence."""
    model = load_model()

    def contribution(c: Contribution | None) -> dict[str, Any] | None:
        if c is None:
            return None
        return {"statement": c.statement, "weight": c.weight, "answer": c.answer, "value": c.value}

    return {
        "answers": {sid: answers.get(sid) for sid in model.ids},
        "answered": result.answered,
        "scores": {t.value: result.score(t) for t in AgreementType},
        "label": result.label.value,
        "primary": result.primary.value if result.primary else None,
        "secondary": [t.value for t in result.secondary],
        "candidates": [t.value for t in result.candidates],
        "evidence": [
            {
                "type": ev.type.value,
                "score": ev.score,
                "support": [contribution(c) for c in ev.support],
                "against": contribution(ev.against),
            }
            for ev in result.evidence
        ],
        "separating": [s.id for s in separating_statements(result)],
        "explanation": explanation_lines(result, model),
    }
