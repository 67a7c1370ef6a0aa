"""Several advisors side by side: each one's latest diagnosis scores, and where they diverge.

Disagreement about the form of a collaboration predicts trouble, so it is made visible:
the detail pane and the guidance screen both show this table, a divergence flagged in
the error colour with its reasons (the same sentence ``show`` prints), and the scores of
the types the advisors are 20 or more points apart on marked.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from samenwerk_tui import i18n
from samenwerk_tui.domain.divergence import Divergence, RaterScores, compare, latest_by_rater
from samenwerk_tui.domain.model import Assessment
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.export.sections import divergence_sentence
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.chips import type_chip

#: Cells per advisor column, and advisors per row of columns (four fit in 76 cells).
CELL = 14
PER_ROW = 4
LABEL = 13  # chip (3), a space, the type's short label


def advisors_content(assessments: Iterable[Assessment]) -> Content | None:
    """The latest diagnosis of each advisor as a table, or None when nobody diagnosed."""
    raters = latest_by_rater(assessments)
    if not raters:
        return None
    split = compare(raters)
    lines = [Content.styled(i18n.t("assessments.title"), "bold")]
    for start in range(0, len(raters), PER_ROW):
        lines += _columns(split, raters[start : start + PER_ROW])
    for r in raters:
        if r.count > 1:
            earlier = i18n.t("assessments.earlier", count=r.count - 1)
            lines.append(content(r.by) + Content.styled(": " + earlier, "$text-muted"))
    if len(raters) > 1:
        style = "bold $text-error" if split.divergent else "$text-success"
        lines.append(Content.styled(divergence_sentence(split), style))
    return Content("\n").join(lines)


def _columns(split: Divergence, raters: tuple[RaterScores, ...]) -> list[Content]:
    pad = Content(" " * LABEL)
    header = pad + Content("").join(
        content(r.by, "bold").truncate(CELL - 1, ellipsis=True).truncate(CELL, pad=True)
        for r in raters
    )
    rows = [header]
    for t in AgreementType:
        far = t in split.far_apart
        label = type_chip(t) + Content(" ") + Content(i18n.type_label(t.value))
        row = label.truncate(LABEL, ellipsis=True, pad=True)
        for r in raters:
            row += _score_cell(r, t, far)
        rows.append(row)
    dates = pad + Content("").join(
        Content.styled(r.at.strftime("%Y-%m-%d"), "$text-muted").truncate(CELL, pad=True)
        for r in raters
    )
    rows.append(dates)
    return rows


def _score_cell(r: RaterScores, t: AgreementType, far: bool) -> Content:
    """One advisor's score on one type: their leading type bold in its colour, a type the
    advisors are far apart on in the warning colour."""
    score = r.scores.get(t)
    if score is None:
        return Content.styled("–", "$text-muted").truncate(CELL, pad=True)
    if t in r.leading:
        style = f"bold $type-{t.value}"
        text = f"{score:>3} ★"
    else:
        style = "bold $text-warning" if far else ""
        text = f"{score:>3}"
    return Content.styled(text, style).truncate(CELL, pad=True)
