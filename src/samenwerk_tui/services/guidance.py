"""Guidance for one partnership: what its type means and what to do in its phase.

:func:`guidance` assembles a frozen :class:`Guidance` from the partnership and the texts
in ``data/`` (``types.toml``, ``advice.toml``, ``guidance.toml``, ``stages.toml``,
``perspectives.toml``); the TUI's guidance screen and ``show --guidance`` both only render
it. Texts still missing (a field, a type × phase entry, a whole file) are left out, never
shown as blanks or English in a Dutch screen.

Which types it covers:

- the primary type of the classification, and as secondary types the others the advisor
  scored at least 3 and at most 1 below the primary (the 0-5 image of the diagnosis's
  "55 and within 20" rule), plus the secondary types of the latest diagnosis when it was
  mixed;
- after a tie or an unclear latest diagnosis: the advice to discuss it with the partners,
  with the statements that tell the two leading types apart.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.domain.assessing import latest, rediagnose
from samenwerk_tui.domain.diagnosis import Label
from samenwerk_tui.domain.divergence import Divergence, divergence
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services import diagnosis as diagnosis_service

SECONDARY_MIN = 3  # a secondary type in the classification scores at least this (0-5) ...
SECONDARY_WITHIN = 1  # ... and at most this much below the primary
TYPE_TEXT_FIELDS = (
    "name", "label", "title", "short", "description", "principal", "steering", "result",
    "approach", "mixed", "shifts",
)  # fmt: skip
TYPE_LIST_FIELDS = ("signals", "instruments", "pitfalls")


@dataclass(frozen=True)
class Texts:
    """The data files guidance reads, parsed; a missing file is an empty table."""

    types: Mapping[str, Any]
    advice: Mapping[str, Any]
    general: Mapping[str, Any]
    stages: Mapping[str, Any]
    perspectives: Mapping[str, Any]

    @classmethod
    def shipped(cls) -> Texts:
        """The package's own texts."""
        return cls(*(i18n.data_file(f"{name}.toml") for name in _FILES))

    @classmethod
    def from_folder(cls, folder: Path) -> Texts:
        """Texts from another folder (a test fixture, or texts being written)."""

        def read(name: str) -> Mapping[str, Any]:
            path = folder / f"{name}.toml"
            return tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}

        return cls(*(read(name) for name in _FILES))


_FILES = ("types", "advice", "guidance", "stages", "perspectives")


@dataclass(frozen=True)
class TypeGuidance:
    """What one type means for the follow-up. Empty strings and tuples: text not there."""

    type: AgreementType
    secondary: bool
    score: int  # the classification's 0-5 score
    name: str = ""
    label: str = ""  # one-word short name ("Leveren")
    title: str = ""
    short: str = ""
    description: str = ""
    principal: str = ""  # who is principal (opdrachtgever)
    steering: str = ""  # what kind of steering (regie) fits
    result: str = ""  # what counts as a result
    approach: str = ""
    mixed: str = ""  # combining this type with others
    shifts: str = ""  # how this type tends to change over time
    signals: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhaseAdvice:
    """The advice for one type in one phase (``advice.toml``)."""

    type: AgreementType
    stage: Stage
    now: str = ""  # what to do now
    questions: tuple[str, ...] = ()  # for the next meeting's agenda
    warnings: tuple[str, ...] = ()  # warning signs
    document: str = ""  # what this phase should produce

    @property
    def empty(self) -> bool:
        return not (self.now or self.questions or self.warnings or self.document)


@dataclass(frozen=True)
class StageText:
    """The phase itself (``stages.toml``): its name, focus and general next steps."""

    stage: Stage
    name: str
    focus: str = ""
    deliverable: str = ""
    next_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class WeakPerspective:
    """The perspective that scored lowest, with the question that goes with it."""

    perspective: PerspectiveName
    name: str
    score: int
    comment: str = ""
    question: str = ""


@dataclass(frozen=True)
class LatestDiagnosis:
    """The most recent diagnosis, recomputed from its answers, as guidance shows it."""

    at: datetime
    by: str
    label: Label
    label_name: str
    scores: Mapping[AgreementType, int | None]
    primary: AgreementType | None
    secondary: tuple[AgreementType, ...]
    candidates: tuple[AgreementType, ...]
    explanation: tuple[str, ...]
    separating: tuple[tuple[str, str], ...]  # (number, statement text) to discuss


@dataclass(frozen=True)
class Guidance:
    """Everything the guidance screen shows for one partnership."""

    partnership_id: str
    name: str
    stage: StageText
    primary: AgreementType | None
    secondary: tuple[AgreementType, ...]
    types: tuple[TypeGuidance, ...]  # the primary first, then the secondary types
    advice: tuple[PhaseAdvice, ...]  # for the current stage, same order; empty ones left out
    several_types: str = ""  # one collaboration can hold agreements of several types
    combine: str = ""  # how to combine a primary and a secondary type (when there are any)
    unclear: str = ""  # what to do after a tie or an unclear diagnosis
    diagnosis: LatestDiagnosis | None = None
    divergence: Divergence | None = None  # when two or more advisors diagnosed it
    weakest: WeakPerspective | None = None
    perspectives_assessed: int = 0
    suggest_diagnosis: bool = False  # unclassified: start the diagnosis

    @property
    def classified(self) -> bool:
        return self.primary is not None


def _lang_table(entry: Any, lang: str) -> Mapping[str, Any]:
    if not isinstance(entry, Mapping):
        return {}
    table = entry.get(lang)
    return table if isinstance(table, Mapping) else {}


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    return value.strip() if isinstance(value, str) else ""


def _items(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(x.strip() for x in value if isinstance(x, str) and x.strip())


def secondary_types(p: Partnership) -> tuple[AgreementType, ...]:
    """The classification's secondary types (see the module doc for the rule)."""
    c = p.classification
    if c.primary is None:
        return ()
    top = c.score(c.primary).score
    return tuple(
        t
        for t in AgreementType
        if t is not c.primary
        and c.score(t).score >= SECONDARY_MIN
        and top - c.score(t).score <= SECONDARY_WITHIN
    )


def guidance(p: Partnership, *, texts: Texts | None = None) -> Guidance:
    """The guidance for ``p`` in the current language (see :func:`i18n.set_language`)."""
    code = i18n.language()
    texts = texts or Texts.shipped()
    general = _lang_table(texts.general.get("general"), code)
    last = _latest_diagnosis(p)
    primary = p.classification.primary
    secondary = list(secondary_types(p))
    if last is not None and last.label is Label.MIXED:
        secondary += [t for t in last.secondary if t is not primary and t not in secondary]
    if primary is None:
        secondary = []
    order = ([primary] if primary is not None else []) + secondary
    types = tuple(_type(texts, t, code, t is not primary, p) for t in order)
    advice = tuple(a for a in (_advice(texts, t, p.stage, code) for t in order) if not a.empty)
    unclear = ""
    if last is not None and last.label in (Label.TIE, Label.UNCLEAR):
        unclear = _text(general, "unclear")
    return Guidance(
        partnership_id=p.id,
        name=p.name,
        stage=_stage(texts, p.stage, code),
        primary=primary,
        secondary=tuple(secondary),
        types=types,
        advice=advice,
        several_types=_text(general, "several_types"),
        combine=_text(general, "mixed") if secondary else "",
        unclear=unclear,
        diagnosis=last,
        divergence=divergence(p.assessments),
        weakest=_weakest(texts, p, code),
        perspectives_assessed=len(p.perspectives),
        suggest_diagnosis=primary is None,
    )


def _type(
    texts: Texts, t: AgreementType, lang: str, secondary: bool, p: Partnership
) -> TypeGuidance:
    table = _lang_table(texts.types.get(t.value), lang)
    fields: dict[str, Any] = {k: _text(table, k) for k in TYPE_TEXT_FIELDS}
    fields.update({k: _items(table, k) for k in TYPE_LIST_FIELDS})
    return TypeGuidance(t, secondary, p.classification.score(t).score, **fields)


def _advice(texts: Texts, t: AgreementType, stage: Stage, lang: str) -> PhaseAdvice:
    by_stage = texts.advice.get(t.value)
    entry = by_stage.get(stage.value) if isinstance(by_stage, Mapping) else None
    table = _lang_table(entry, lang)
    return PhaseAdvice(
        t,
        stage,
        now=_text(table, "now"),
        questions=_items(table, "questions"),
        warnings=_items(table, "warnings"),
        document=_text(table, "document"),
    )


def _stage(texts: Texts, stage: Stage, lang: str) -> StageText:
    table = _lang_table(texts.stages.get(stage.value), lang)
    return StageText(
        stage,
        _text(table, "name") or i18n.stage_name(stage.value, lang),
        focus=_text(table, "focus"),
        deliverable=_text(table, "deliverable"),
        next_steps=_items(table, "next_steps"),
    )


def _weakest(texts: Texts, p: Partnership, lang: str) -> WeakPerspective | None:
    scored = [
        (p.perspectives[n].score, i, n)
        for i, n in enumerate(PerspectiveName)
        if n in p.perspectives
    ]
    if not scored:
        return None
    score, _, name = min(scored)
    table = _lang_table(texts.perspectives.get(name.value), lang)
    return WeakPerspective(
        name,
        _text(table, "name") or i18n.perspective_name(name.value, lang),
        score,
        comment=p.perspectives[name].comment,
        question=_text(table, "question"),
    )


def _latest_diagnosis(p: Partnership) -> LatestDiagnosis | None:
    assessment = latest(p.assessments)
    if assessment is None:
        return None
    model = diagnosis_service.load_model()
    result = rediagnose(model, assessment)
    if result.primary is None:
        return None
    return LatestDiagnosis(
        at=assessment.at,
        by=assessment.by,
        label=result.label,
        label_name=diagnosis_service.label_name(result.label),
        scores=dict(result.scores),
        primary=result.primary,
        secondary=result.secondary,
        candidates=result.candidates,
        explanation=tuple(diagnosis_service.explanation_lines(result, model)),
        separating=tuple(
            (s.number, diagnosis_service.statement_text(s.id).text)
            for s in diagnosis_service.separating_statements(result)
        ),
    )


def guidance_document(g: Guidance) -> dict[str, Any]:
    """The JSON form of the guidance: every field, types and stages by their ids."""
    return dataclasses.asdict(g)
