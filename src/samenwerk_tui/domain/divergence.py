"""Several advisors on one partnership: each one's latest scores, and where they diverge.

When partners see the form of their collaboration differently, trouble tends to follow,
so disagreement is made visible. Each advisor (the ``by`` of an assessment, compared
ignoring case, accents and spacing) counts with their latest assessment. A partnership is
*divergent* when two or more advisors assessed it and

- their leading types differ (the type or types with an advisor's highest stored score;
  two advisors agree when those sets share a type), or
- on some type their scores lie :data:`DIVERGENCE_POINTS` (20) or more apart.

The stored scores are used (what each advisor saw), so the list can tell from the file
alone, without the diagnosis data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from samenwerk_tui.domain.text import fold, normalize_line
from samenwerk_tui.domain.types import AgreementType

if TYPE_CHECKING:  # (the model's classes are not needed to open a workspace)
    from samenwerk_tui.domain.model import Assessment

DIVERGENCE_POINTS = 20
_TYPES = {t.value: t for t in AgreementType}


@dataclass(frozen=True)
class RaterScores:
    """One advisor's latest assessment: who, when, and the 0-100 score per type."""

    by: str
    at: datetime
    assessment_id: str
    scores: Mapping[AgreementType, int]
    count: int  # how many assessments this advisor made

    @property
    def leading(self) -> tuple[AgreementType, ...]:
        return leading(self.scores)


@dataclass(frozen=True)
class Divergence:
    """The advisors side by side and what they disagree on."""

    raters: tuple[RaterScores, ...]  # in order of their latest assessment, oldest first
    spread: Mapping[AgreementType, int]  # highest minus lowest score per type
    leading_differs: bool
    far_apart: tuple[AgreementType, ...]  # types scored DIVERGENCE_POINTS or more apart

    @property
    def divergent(self) -> bool:
        return len(self.raters) > 1 and (self.leading_differs or bool(self.far_apart))


def rater_key(by: str) -> str:
    """Two spellings of one advisor's name count as one advisor."""
    return fold(" ".join(normalize_line(by).split()))


def leading(scores: Mapping[AgreementType, int]) -> tuple[AgreementType, ...]:
    """The type(s) with the highest score, in the types' own order."""
    if not scores:
        return ()
    top = max(scores.values())
    return tuple(t for t in AgreementType if scores.get(t) == top)


def latest_by_rater(assessments: Iterable[Assessment]) -> tuple[RaterScores, ...]:
    """Each advisor's latest assessment (later in the file wins on equal times)."""
    latest: dict[str, tuple[tuple[datetime, int], Assessment]] = {}
    counts: dict[str, int] = {}
    for index, a in enumerate(assessments):
        key = rater_key(a.by)
        counts[key] = counts.get(key, 0) + 1
        order = (a.at, index)
        if key not in latest or order >= latest[key][0]:
            latest[key] = (order, a)
    picked = sorted(latest.items(), key=lambda item: item[1][0])
    return tuple(
        RaterScores(
            by=a.by,
            at=a.at,
            assessment_id=a.id,
            scores={_TYPES[k]: v for k, v in a.scores.items() if k in _TYPES},
            count=counts[key],
        )
        for key, (_, a) in picked
    )


def compare(raters: tuple[RaterScores, ...], points: int = DIVERGENCE_POINTS) -> Divergence:
    """Compare the advisors' scores: the spread per type and the divergence flags."""
    spread: dict[AgreementType, int] = {}
    for t in AgreementType:
        values = [r.scores[t] for r in raters if t in r.scores]
        if len(values) > 1:
            spread[t] = max(values) - min(values)
    leads = [set(r.leading) for r in raters if r.leading]
    differs = any(not (a & b) for i, a in enumerate(leads) for b in leads[i + 1 :])
    far = tuple(t for t, gap in spread.items() if gap >= points)
    return Divergence(raters, spread, differs, far)


def divergence(assessments: Iterable[Assessment]) -> Divergence | None:
    """The comparison of the advisors' latest assessments; None with fewer than two."""
    raters = latest_by_rater(assessments)
    return compare(raters) if len(raters) > 1 else None


def is_divergent_rows(rows: Iterable[tuple[Any, ...]]) -> bool:
    """The same verdict from plain rows ``(id, at, by, answers, scores)`` as the store
    packs them (``at`` any orderable value, ``scores`` key/value pairs): no model built.
    """
    latest: dict[str, tuple[tuple[Any, int], Mapping[AgreementType, int]]] = {}
    for index, (_, at, by, _answers, scores) in enumerate(rows):
        key = rater_key(by)
        order = (at, index)
        if key not in latest or order >= latest[key][0]:
            latest[key] = (order, {_TYPES[k]: v for k, v in scores if k in _TYPES})
    if len(latest) < 2:
        return False
    raters = tuple(RaterScores("", datetime.min, "", scores, 1) for _, scores in latest.values())
    return compare(raters).divergent
