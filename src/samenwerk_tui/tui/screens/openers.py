"""The screens the main screen opens about its selection: the diagnosis wizard, guidance,
the perspectives form, and the portfolio of what the filter shows.

The command table names one as ``open('diagnose')`` and so on; the main screen pushes what
:func:`screen_for` makes. They are imported when first opened, so starting the app does
not pay for them.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.state import AppState


def screen_for(name: str, state: AppState, record: Record | None) -> Screen[Any] | None:
    """The screen ``name`` about ``record`` (None when it needs one and there is none)."""
    if name == "portfolio":
        from samenwerk_tui.tui.screens.portfolio import PortfolioScreen

        return PortfolioScreen(state)
    if record is None:
        return None
    if name == "diagnose":
        from samenwerk_tui.tui.screens.diagnosis import DiagnosisScreen

        return DiagnosisScreen(state, record.partnership)
    if name == "guidance":
        from samenwerk_tui.tui.screens.guidance import GuidanceScreen

        return GuidanceScreen(state, record.id)
    if name == "perspectives":
        from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm

        return PerspectivesForm(state, record)
    raise KeyError(name)
