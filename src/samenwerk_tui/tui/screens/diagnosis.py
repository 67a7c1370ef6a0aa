"""The diagnosis wizard: sixteen statements one at a time, live scores, then the result.

Each statement shows with its progress (``7/16``) and its own answer scale; ``1``-``5``
answer and move on, ``-`` skips, ``backspace``/``left`` go back (the earlier answer is
shown and can be changed), ``right`` goes forward again over answered statements, and
``enter`` shows the result early. While answering, the four types' scores grow as bars
in their colours. The result names the label and explains it; after a tie or an unclear
result the advisor picks the leading type with its digit. ``ctrl+s`` stores the
assessment and applies it to the classification, ``ctrl+k`` stores the assessment only
(the keys are the command table's). ``escape`` asks before throwing answers away.

Nothing is written before ``ctrl+s`` or ``ctrl+k``; then it is one change through
:meth:`AppState.apply` (:func:`samenwerk_tui.services.diagnosis.assess`), undoable like
any other.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.assessing import to_type_score
from samenwerk_tui.domain.diagnosis import Diagnosis, diagnose
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import diagnosis as service
from samenwerk_tui.tui.commands import bindings, key_for
from samenwerk_tui.tui.feedback import tell_change
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens import DIALOG_CSS
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.bars import bar, score_bars, type_label
from samenwerk_tui.tui.widgets.chips import type_chip
from samenwerk_tui.tui.widgets.guide import Item
from samenwerk_tui.tui.widgets.scroll import Pane

#: Cells of the score bars and of the progress bar.
BAR_CELLS = 28
PROGRESS_CELLS = 24


class DiagnosisScreen(ModalScreen[bool]):
    """The wizard for one partnership; dismisses with True when something was stored."""

    CSS_PATH: ClassVar[list[str | PurePath]] = DIALOG_CSS

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("diagnosis"))

    def __init__(self, state: AppState, p: Partnership) -> None:
        super().__init__(classes="diagnosis-screen")
        self.state = state
        self.pid = p.id
        self.name_shown = p.name
        self.current_primary = p.primary
        self.model = service.load_model()
        self.statements = service.statements()
        #: The statements visited so far: an answer 1-5, or None when skipped.
        self.answers: dict[str, int | None] = {}
        self.index = 0
        self.showing_result = False
        #: The advisor's pick of the leading type after a tie or an unclear result.
        self.choice: AgreementType | None = None

    # ------------------------------------------------------------------ reading

    @property
    def total(self) -> int:
        return len(self.statements)

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers.values() if a is not None)

    def result(self) -> Diagnosis:
        """The diagnosis of the answers so far (skipped and unvisited count as unanswered)."""
        return diagnose(self.model, self.answers)

    def all_answers(self) -> dict[str, int | None]:
        """Every statement's answer as stored: unvisited ones are unanswered."""
        return {sid: self.answers.get(sid) for sid in self.model.ids}

    # ------------------------------------------------------------------ drawing

    def compose(self) -> ComposeResult:
        with Vertical(classes="diagnosis-box") as box:
            box.border_title = Content(i18n.t("tui.diagnosis.title") + ": ") + content(
                self.name_shown
            )
            yield Static(id="diagnosis-progress")
            with Pane(id="diagnosis-body"):
                yield Static(id="diagnosis-statement")
                yield Static(id="diagnosis-scale")
                yield Vertical(id="diagnosis-outcome")
            yield Static(id="diagnosis-scores")
            yield Static(id="diagnosis-choice")
            yield Static(id="diagnosis-error")
            yield Static(id="diagnosis-hint")

    def on_mount(self) -> None:
        self.query_one("#diagnosis-body").focus()
        self.redraw()

    def redraw(self) -> None:
        """Show the current statement or the result, the live scores and the keys."""
        result = self.result()
        self._show("#diagnosis-error", None)
        if self.showing_result:
            self._draw_result(result)
        else:
            self._draw_statement()
        self._draw_scores(result)
        self._show("#diagnosis-choice", self._choice_line(result))
        self._show("#diagnosis-hint", self._hint())
        self.query_one("#diagnosis-body", Pane).scroll_home(animate=False)
        self.refresh_bindings()

    def _show(self, selector: str, value: Content | None) -> None:
        widget = self.query_one(selector, Static)
        widget.display = value is not None
        if value is not None:
            widget.update(value)

    def _draw_statement(self) -> None:
        st = self.statements[self.index]
        number = self.index + 1
        progress = Content.assemble(
            (i18n.t("tui.diagnosis.progress", number=number, total=self.total), "bold"),
            "  ",
            bar(number, self.total, PROGRESS_CELLS, "$accent"),
            ("  " + i18n.t("tui.diagnosis.answered", count=self.answered), "$text-muted"),
        )
        self._show("#diagnosis-progress", progress)
        statement = self.model.statement(st.id)
        about = st.number
        if statement.perspective is not None:
            perspective = i18n.perspective_name(statement.perspective.value)
            about += " · " + i18n.t("tui.diagnosis.perspective", perspective=perspective)
        self._show(
            "#diagnosis-statement",
            Content.styled(about, "$text-muted") + Content("\n") + Content.styled(st.text, "bold"),
        )
        given = self.answers.get(st.id) or 0
        lines = []
        for n, meaning in enumerate(st.scale, start=1):
            chosen = n == given
            key = Content.styled(f" {n} ", "bold reverse" if chosen else "bold $accent")
            text = Content.styled(meaning, "bold" if chosen else "")
            mark = Content.styled(" ◀", "bold $accent") if chosen else Content("")
            lines.append(key + Content("  ") + text + mark)
        if st.id in self.answers and self.answers[st.id] is None:
            lines.append(Content.styled(i18n.t("tui.diagnosis.was_skipped"), "italic $text-muted"))
        self._show("#diagnosis-scale", Content("\n").join(lines))
        self.query_one("#diagnosis-outcome").display = False

    def _draw_result(self, result: Diagnosis) -> None:
        progress = Content.styled(i18n.t("tui.diagnosis.result_title"), "bold") + Content.styled(
            "  " + i18n.t("diagnosis.answered", answered=result.answered, total=result.total),
            "$text-muted",
        )
        self._show("#diagnosis-progress", progress)
        self._show("#diagnosis-statement", None)
        self._show("#diagnosis-scale", None)
        parts: list[Widget] = []
        if result.decided:  # a tie or an unclear result says so in its first sentence
            label = Content.styled(service.label_name(result.label).capitalize(), "bold $accent")
            parts.append(Static(label + Content(" — " + service.label_meaning(result.label))))
        bullet = Content.styled(" • ", "$accent")
        parts += [Item(bullet, Content(s)) for s in service.explanation_lines(result, self.model)]
        effect = self._effect(result)
        if effect is not None:
            parts.append(Static(effect, classes="diagnosis-effect"))
        outcome = self.query_one("#diagnosis-outcome", Vertical)
        outcome.display = True
        outcome.remove_children()
        outcome.mount_all(parts)

    def _effect(self, result: Diagnosis) -> Content | None:
        """What applying would change: the primary type (when the scores decide it) and the
        four 0-5 scores (the documented mapping of 0-100)."""
        if result.primary is None:
            return None
        scores = " · ".join(
            f"{i18n.type_label(t.value)} {to_type_score(s)}"
            for t, s in result.scores.items()
            if s is not None
        )
        if not result.decided:
            return Content.styled(i18n.t("tui.diagnosis.sets_scores", scores=scores), "$text-muted")
        now = (
            i18n.type_label(self.current_primary.value)
            if self.current_primary
            else i18n.t("tui.diagnosis.no_primary")
        )
        key = (
            "tui.diagnosis.keeps"
            if result.primary is self.current_primary
            else "tui.diagnosis.sets"
        )
        text = i18n.t(key, type=i18n.type_label(result.primary.value), now=now, scores=scores)
        return Content.styled(text, "$text-muted")

    def _draw_scores(self, result: Diagnosis) -> None:
        title = i18n.t("tui.diagnosis.scores" if self.showing_result else "tui.diagnosis.so_far")
        marked = (result.primary,) if result.decided and result.primary else ()
        lines = [Content.styled(title, "bold")]
        lines += score_bars(result.scores, BAR_CELLS, marked=marked)
        self._show("#diagnosis-scores", Content("\n").join(lines))

    def _choice_line(self, result: Diagnosis) -> Content | None:
        """After a tie or an unclear result: which digits pick the leading type, and what
        applying does without a pick."""
        if not self.showing_result or result.decided or result.primary is None:
            return None
        if self.choice is not None:
            return Content.styled(i18n.t("tui.diagnosis.chosen") + " ", "bold") + type_label(
                self.choice
            )
        *first, last = [t.digit for t in result.candidates]
        digits = i18n.t("tui.diagnosis.choose_last", keys=", ".join(first), last=last)
        digits = digits if first else last
        current = (
            i18n.type_label(self.current_primary.value)
            if self.current_primary
            else i18n.t("tui.diagnosis.no_primary")
        )
        chips = Content(" ").join(type_chip(t) for t in result.candidates)
        question = i18n.t("tui.diagnosis.choose", keys=digits, current=current)
        return chips + Content(" ") + Content.styled(question, "bold $text-warning")

    def _hint(self) -> Content:
        keymap = self.state.keymap

        def key(command_id: str) -> str:
            return key_for(command_id, keymap)

        if self.showing_result:
            text = i18n.t(
                "tui.diagnosis.hint_result",
                apply=key("diagnosis.apply"),
                store=key("diagnosis.store"),
                back=key("diagnosis.back"),
                close=key("diagnosis.close"),
            )
        else:
            text = i18n.t(
                "tui.diagnosis.hint",
                answer=f"{key('diagnosis.answer_1')}–{key('diagnosis.answer_5')}",
                skip=key("diagnosis.skip"),
                back=key("diagnosis.back"),
                result=key("diagnosis.result"),
                close=key("diagnosis.close"),
            )
        return Content.styled(text, "$text-muted")

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer", "skip", "forward", "result"):
            return not self.showing_result
        if action == "choose":
            if not self.showing_result or not parameters:
                return False
            result = self.result()
            wanted = AgreementType(str(parameters[0]))
            return not result.decided and wanted in result.candidates
        if action in ("apply", "store"):
            return True if self.answered else None
        return True

    def action_answer(self, value: int) -> None:
        self.answers[self.statements[self.index].id] = value
        self._advance()

    def action_skip(self) -> None:
        self.answers[self.statements[self.index].id] = None
        self._advance()

    def _advance(self) -> None:
        if self.index + 1 >= self.total:
            self.showing_result = True
        else:
            self.index += 1
        self.redraw()

    def action_back(self) -> None:
        if self.showing_result:
            self.showing_result = False
        elif self.index > 0:
            self.index -= 1
        self.redraw()

    def action_forward(self) -> None:
        if self.statements[self.index].id in self.answers:
            self._advance()

    def action_result(self) -> None:
        self.showing_result = True
        self.redraw()

    def action_choose(self, value: str) -> None:
        self.choice = AgreementType(value)
        self.redraw()

    def action_apply(self) -> None:
        self._finish(apply=True)

    def action_store(self) -> None:
        self._finish(apply=False)

    def action_close(self) -> None:
        if not self.answered:
            self.dismiss(False)
            return
        question = Content(i18n.t("tui.diagnosis.discard", count=self.answered))

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen(question, i18n.t("tui.diagnosis.discard_yes")), answered)

    # ------------------------------------------------------------------ saving

    def _finish(self, *, apply: bool) -> None:
        """Store (and with ``apply`` apply) the assessment; the result is shown first."""
        if not self.showing_result:
            self.action_result()
            return
        result = self.result()
        pick = self.choice if apply and not result.decided else None
        answers = self.all_answers()
        try:
            change = self.state.apply(
                lambda s: service.assess(s, self.pid, answers, apply=apply, primary=pick)
            )
        except SamenwerkError as exc:
            self._show("#diagnosis-error", content(i18n.text_of(exc), "bold $text-error"))
            return
        guidance = key_for("main.guidance", self.state.keymap)
        key = "tui.diagnosis.applied" if apply else "tui.diagnosis.stored"
        said = i18n.t(key, name=change.name, key=guidance)
        tell_change(self, change, self.state.keymap, said=said)
        self.dismiss(True)
