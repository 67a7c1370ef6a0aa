"""The portfolio's charts as ``Content``: primary types, the average profile, stage × type.

Bars are block characters in the type colours with the number beside each (see
:mod:`.bars`); the matrix is a table of counts, zero shown as a faint dot so the filled
cells stand out.
"""

from __future__ import annotations

from textual.content import Content

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.export.sections import profile_value
from samenwerk_tui.services.portfolio import Portfolio
from samenwerk_tui.tui.widgets.bars import type_bar
from samenwerk_tui.tui.widgets.chips import type_chip

#: Cells per count in the matrix.
MATRIX_CELL = 5
COLUMNS: tuple[AgreementType | None, ...] = (*AgreementType, None)


def title(text: str) -> Content:
    return Content.styled(text, "bold $accent")


def type_counts(pf: Portfolio, width: int) -> Content:
    """How many partnerships have each primary type (and none), as bars."""
    top = max([*pf.by_type.values(), 1])
    none = i18n.t("tui.portfolio.none_type")
    lines = [title(i18n.t("portfolio.by_type"))]
    for t in COLUMNS:
        count = pf.by_type[t]
        lines.append(type_bar(t, count, top, width, text=str(count), none=none))
    return Content("\n").join(lines)


def profile(pf: Portfolio, width: int) -> Content:
    """The mean 0-5 score of each type over the classified partnerships."""
    lines = [title(i18n.t("portfolio.profile"))]
    if pf.profile is None:
        lines.append(Content.styled(i18n.t("portfolio.no_profile"), "$text-muted"))
        return Content("\n").join(lines)
    for t, value in pf.profile.items():
        lines.append(type_bar(t, value, 5, width, text=profile_value(value)))
    note = i18n.t("tui.portfolio.classified", count=pf.classified)
    lines.append(Content.styled(note, "$text-muted"))
    return Content("\n").join(lines)


def matrix(pf: Portfolio, *, compact: bool = False) -> Content:
    """Stage × type: a row per stage in use, a column per type (and none), with totals.

    ``compact``: the title stands in the header row's first cell (one line less).
    """
    stages = pf.stages_in_use
    lines = [] if compact and stages else [title(i18n.t("portfolio.matrix"))]
    if not stages:
        lines.append(Content.styled(i18n.t("portfolio.none"), "$text-muted"))
        return Content("\n").join(lines)
    names = {s: i18n.stage_name(s.value) for s in stages}
    corner = title(i18n.t("portfolio.matrix")) if compact else None
    corner = corner or Content.styled(i18n.t("portfolio.stage"), "$text-muted")
    first = max(len(corner), *(len(n) for n in names.values())) + 2
    total = i18n.t("portfolio.total")
    head = corner.truncate(first, pad=True)
    for t in COLUMNS:
        head += Content(" ") + type_chip(t) + Content(" ")
    lines.append(head + Content.styled(" " + total, "$text-muted"))
    for stage in stages:
        row = pf.matrix[stage]
        line = Content(names[stage]).truncate(first, pad=True)
        for t in COLUMNS:
            count = row[t]
            text = str(count) if count else "·"
            style = "bold" if count else "$text-disabled"
            line += Content.styled(text.center(MATRIX_CELL), style)
        line += Content.styled(f"{sum(row.values()):>{len(total) + 1}}", "bold")
        lines.append(line)
    return Content("\n").join(lines)
