"""The guidance screen: what the partnership's type means and what to do in its phase.

Built from :func:`samenwerk_tui.services.guidance.guidance` (the same value
``show --guidance`` prints). What an advisor acts on comes first: the advice for the
current phase (what to do now, questions for the next meeting's agenda, warning signs,
the document the phase should produce), the weakest perspective and the latest
diagnosis with the advisors side by side. Then the primary type (and secondary ones) in
full, how to combine them, and that one collaboration can hold several agreements.

Wide terminals (:data:`TWO_COLUMNS` and up) get the two halves side by side, each a
scrolling pane (``tab`` moves between them); narrower ones one pane, the phase first.
``d`` starts the diagnosis (offered when the partnership has no type yet), ``v`` opens
the perspectives form; the screen redraws when the data changes.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.services.guidance import Guidance, guidance
from samenwerk_tui.tui.commands import bindings, commands, key_for, key_text
from samenwerk_tui.tui.screens import DIALOG_CSS, main_forms
from samenwerk_tui.tui.screens.diagnosis import DiagnosisScreen
from samenwerk_tui.tui.screens.forms.perspectives import PerspectivesForm
from samenwerk_tui.tui.state import AppState, DataVersion
from samenwerk_tui.tui.widgets import guide
from samenwerk_tui.tui.widgets.advisors import advisors_content
from samenwerk_tui.tui.widgets.scroll import Pane

#: From this many columns the phase and the type stand side by side.
TWO_COLUMNS = 110


class GuidanceScreen(ModalScreen[None]):
    """Guidance for one partnership, redrawn whenever its data changes."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("guidance"))

    def __init__(self, state: AppState, pid: str) -> None:
        super().__init__(classes="guidance-screen")
        self.state = state
        self.pid = pid
        self._columns = 0

    def partnership(self) -> Partnership | None:
        with self.state.lock:
            record = self.state.record(self.pid)
            return record.partnership if record is not None else None

    def compose(self) -> ComposeResult:
        p = self.partnership()
        if p is None:
            return
        g = guidance(p)
        self._columns = 2 if self.app.size.width >= TWO_COLUMNS else 1
        with Vertical(classes="guidance-box") as box:
            box.border_title = Content(i18n.t("tui.guidance.title"))
            yield Static(guide.header(g), id="guidance-header")
            now = self._now_sections(g, p)
            about = self._type_sections(g)
            if self._columns == 2:
                with Horizontal(id="guidance-columns"):
                    yield self._pane("guidance-now", now)
                    yield self._pane("guidance-type", about)
            else:
                yield self._pane("guidance-now", now + about)
            yield Static(self._hint(g), classes="guidance-hint")

    def _pane(self, pane_id: str, sections: list[Widget]) -> Pane:
        pane = Pane(id=pane_id, classes="guidance-pane")
        for widget in sections:
            pane.compose_add_child(widget)
        return pane

    def _now_sections(self, g: Guidance, p: Partnership) -> list[Widget]:
        keymap = self.state.keymap
        out: list[Widget | None] = []
        if g.suggest_diagnosis:
            out.append(guide.unclassified(key_for("guidance.diagnose", keymap)))
        out.append(guide.phase(g))
        out.append(guide.weakest(g, key_for("guidance.perspectives", keymap)))
        out.append(guide.diagnosis(g, advisors_content(p.assessments)))
        return [c for c in out if c is not None]

    def _type_sections(self, g: Guidance) -> list[Widget]:
        out: list[Widget | None] = [guide.type_section(tg) for tg in g.types]
        out += [guide.combine(g), guide.several(g)]
        return [c for c in out if c is not None]

    def _hint(self, g: Guidance) -> Content:
        keymap = self.state.keymap
        parts = [f"{key_text(c, keymap)} {c.label}" for c in commands("guidance")]
        moves = i18n.t("tui.guidance.moves")
        if self._columns == 2:
            moves += " · " + i18n.t("tui.guidance.tab")
        return Content.styled(" · ".join([*parts, moves]), "$text-muted")

    def on_mount(self) -> None:
        if self.partnership() is None:
            self.dismiss(None)
            return
        self.watch(self.state, "data_version", self._data_changed, init=False)
        self.query_one("#guidance-now").focus()

    def on_resize(self, event: Resize) -> None:
        columns = 2 if event.size.width >= TWO_COLUMNS else 1
        if self._columns and columns != self._columns:
            self.call_after_refresh(self._redraw)

    def _data_changed(self, _version: DataVersion) -> None:
        self.call_after_refresh(self._redraw)

    async def _redraw(self) -> None:
        if self.partnership() is None:
            self.dismiss(None)
            return
        await self.recompose()
        self.query_one("#guidance-now").focus()

    # ------------------------------------------------------------------ actions

    def action_diagnose(self) -> None:
        p = self.partnership()
        if p is not None:
            self.app.push_screen(DiagnosisScreen(self.state, p))

    def action_perspectives(self) -> None:
        record = self.state.record(self.pid)
        if record is not None:
            self.app.push_screen(PerspectivesForm(self.state, record))

    def action_close(self) -> None:
        self.dismiss(None)

    @on(PerspectivesForm.Submitted)
    def _perspectives_submitted(self, event: PerspectivesForm.Submitted) -> None:
        # The form saves it three-way, as the main screen's forms do.
        main_forms.perspectives_submitted(event)
