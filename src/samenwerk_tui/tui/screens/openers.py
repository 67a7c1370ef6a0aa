"""The screens the main screen opens about its selection: the forms (new, edit, classify,
annotate), the diagnosis wizard, guidance, the perspectives form, history, the conflicts,
help, and the portfolio of what the filter shows.

The command table names some as ``open('diagnose')``; every other opening command of the
main screen asks for its screen by name too. The main screen pushes what
:func:`screen_for` makes. Every screen is imported when first opened, so starting the app
does not pay for them.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from samenwerk_tui.services.session import Problem, Record
from samenwerk_tui.tui.state import AppState


def screen_for(
    name: str, state: AppState, record: Record | None, problem: Problem | None = None
) -> Screen[Any] | None:
    """The screen ``name`` about ``record`` (or, for its history, the unreadable file
    ``problem``); None when it needs a partnership and there is none."""
    if name in ("portfolio", "help", "new"):
        return _about_nothing(name, state)
    if name == "history":
        from samenwerk_tui.tui.screens.history import HistoryScreen

        if record is not None:
            return HistoryScreen(state, record.name, record.facets.name)
        return HistoryScreen(state, problem.name, problem.name) if problem else None
    if record is None:
        return None
    if name in ("edit", "classify", "annotate"):
        from samenwerk_tui.tui.screens.forms import ClassificationForm, NoteForm, PartnershipForm

        if name == "edit":
            return PartnershipForm(state, record)
        return (ClassificationForm if name == "classify" else NoteForm)(state, record)
    if name == "resolve":
        from samenwerk_tui.tui.screens.resolve import ResolveScreen

        return ResolveScreen(state, record.id) if record.facets.conflicts else None
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


def _about_nothing(name: str, state: AppState) -> Screen[Any]:
    """The screens that need no selection: the portfolio, help, a new partnership."""
    if name == "new":
        from samenwerk_tui.tui.screens.forms import PartnershipForm

        return PartnershipForm(state, None)
    if name == "help":
        from samenwerk_tui.tui.screens.help import HelpScreen

        return HelpScreen(state)
    from samenwerk_tui.tui.screens.portfolio import PortfolioScreen

    return PortfolioScreen(state)
