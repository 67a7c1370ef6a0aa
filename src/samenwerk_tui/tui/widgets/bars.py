"""Horizontal bars in the type colours, for the diagnosis's scores and the portfolio.

Plain ``Content`` (block characters, eighths for the last cell), so a chart is as crisp at
80×24 as at 120 columns, takes no plotting library, and every bar has its number beside
it: colour is never the only way to read a value.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.tui.widgets.chips import type_chip

_EIGHTHS = " ▏▎▍▌▋▊▉"
#: Cells of a type's short label beside its chip ("Beweging", "Movement").
LABEL_CELLS = 9


def bar(value: float, maximum: float, width: int, style: str) -> Content:
    """``value`` of ``maximum`` as a bar ``width`` cells wide, on a faint track."""
    if maximum <= 0 or width <= 0:
        return Content(" " * max(width, 0))
    eighths = round(max(0.0, min(value, maximum)) / maximum * width * 8)
    full, rest = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[rest] if rest else "")
    track = "╌" * (width - len(filled))
    return Content.assemble((filled, style), (track, "$text-disabled"))


def type_label(agreement_type: AgreementType | None, *, none: str = "") -> Content:
    """The chip and the type's short label, padded to one width for a column of bars."""
    name = i18n.type_label(agreement_type.value) if agreement_type else none
    label = Content(" " + name).truncate(LABEL_CELLS + 1, ellipsis=True, pad=True)
    return type_chip(agreement_type) + label


def type_bar(
    agreement_type: AgreementType | None,
    value: float | None,
    maximum: float,
    width: int,
    *,
    text: str | None = None,
    none: str = "",
) -> Content:
    """One line: chip, short label, bar in the type's colour, and the value as ``text``."""
    style = f"$type-{agreement_type.value}" if agreement_type else "$foreground-muted"
    shown = text if text is not None else ("–" if value is None else f"{value:g}")
    return (
        type_label(agreement_type, none=none)
        + Content(" ")
        + bar(value or 0, maximum, width, style)
        + Content(" ")
        + Content.styled(shown.rjust(4), "bold" if value else "$text-muted")
    )


def score_bars(
    scores: Mapping[AgreementType, int | None],
    width: int,
    *,
    marked: tuple[AgreementType, ...] = (),
) -> list[Content]:
    """The four types' 0-100 scores as bars; a ``marked`` type gets a star."""
    lines = []
    for t in AgreementType:
        line = type_bar(t, scores.get(t), 100, width)
        if t in marked:
            line += Content.styled(" ★", f"bold $type-{t.value}")
        lines.append(line)
    return lines
