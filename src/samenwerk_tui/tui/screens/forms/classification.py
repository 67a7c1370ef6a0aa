"""The classification form: a score 0-5 and a comment for each of the four types, the
primary type and the rationale. It hands over only what the user changed.

It helps while you type: a score field selects its content when it gets focus (typing
replaces the 0), a line under the primary type names the type the scores point to and
warns when the chosen primary type scores 0, and the four types are labelled with their
short names so no label breaks mid-word at 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from textual import on
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain.edits import ClassificationEdit
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Record
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import (
    FormScreen,
    chosen_type,
    label,
    text_area,
    text_input,
    type_options,
)
from samenwerk_tui.tui.state import AppState
from samenwerk_tui.tui.widgets.detail import type_chip


@dataclass(frozen=True)
class ClassificationValues:
    """What the classification form holds."""

    scores: Mapping[AgreementType, int] = field(default_factory=dict)
    comments: Mapping[AgreementType, str] = field(default_factory=dict)
    primary: AgreementType | None = None
    rationale: str = ""

    @classmethod
    def of(cls, p: Partnership) -> ClassificationValues:
        """The values the form opens with. A multi-line comment shows on one line; it is
        written back only if the user edits it."""
        c = p.classification
        return cls(
            scores={t: c.score(t).score for t in AgreementType},
            comments={t: c.score(t).comment.replace("\n", " ") for t in AgreementType},
            primary=p.primary,
            rationale=c.rationale,
        )

    def changes_from(self, start: ClassificationValues) -> ClassificationEdit:
        """What the user changed since the form opened with ``start``."""
        changed: ClassificationEdit = {}
        scores = {t: s for t, s in self.scores.items() if s != start.scores.get(t)}
        comments = {t: c for t, c in self.comments.items() if c != start.comments.get(t)}
        if scores:
            changed["scores"] = scores
        if comments:
            changed["comments"] = comments
        if self.primary is not start.primary:
            changed["primary"] = self.primary
        if self.rationale != start.rationale:
            changed["rationale"] = self.rationale
        return changed


def primary_hint(values: ClassificationValues) -> tuple[str, str]:
    """The line under the primary type, and its style ("" when there is nothing to say)."""
    top = max(values.scores.values(), default=0)
    chosen = values.primary
    if chosen is not None and values.scores.get(chosen, 0) == 0:
        name = i18n.type_label(chosen.value)
        return i18n.t("tui.form_help.primary_zero", type=name), "bold $text-warning"
    leaders = [t for t in AgreementType if values.scores.get(t, 0) == top]
    if top == 0 or chosen in leaders:
        return "", ""
    names = ", ".join(i18n.type_label(t.value) for t in leaders)
    return i18n.t("tui.form_help.suggested", types=names, score=top, count=len(leaders)), (
        "$text-muted"
    )


class ClassificationForm(FormScreen[ClassificationValues]):
    """Four scores (0-5) with a comment each, the primary type and the rationale."""

    title_key = "tui.form.classify_title"

    class Submitted(Message):
        """Saved: ``values`` as typed; ``form.pid`` and ``form.start`` as it opened."""

        def __init__(self, form: ClassificationForm, values: ClassificationValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, record: Record) -> None:
        super().__init__(state, record)
        self.p = p = record.partnership
        self.pid = p.id
        self.start = ClassificationValues.of(p)

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        for t in AgreementType:
            type_label = Label(
                type_chip(t) + Content(" " + i18n.type_label(t.value)),
                classes=f"form-label type-label -{t.value}",
            )
            score = text_input(
                str(self.start.scores[t]),
                f"score-{t.value}",
                select_on_focus=True,
                restrict=r"[0-5]?",
                max_length=1,
                classes="score",
                tooltip=i18n.t("tui.form.score_hint"),
            )
            comment = text_input(
                self.start.comments[t],
                f"comment-{t.value}",
                placeholder=i18n.t("tui.form.comment_hint"),
                classes="comment",
            )
            yield type_label, Horizontal(score, comment, classes="score-row")
        primary = self.start.primary.value if self.start.primary else ""
        select = Select(
            type_options(i18n.t("tui.form.no_primary")),
            value=primary,
            allow_blank=False,
            id="primary",
            compact=True,
        )
        hint = Static(id="primary-hint", classes="primary-hint")
        yield label("tui.form.primary"), Vertical(select, hint, classes="primary-field")
        yield label("tui.form.rationale"), text_area(self.start.rationale, "rationale", "rationale")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_hint()

    @on(Input.Changed, ".score")
    @on(Select.Changed, "#primary")
    def show_hint(self) -> None:
        """Name the type the scores point to; warn when the primary type scores 0."""
        try:
            values = self.values()
        except (ValueError, SamenwerkError):
            return
        hint = self.query_one("#primary-hint", Static)
        text, style = primary_hint(values)
        hint.update(Content.styled(text, style))
        hint.display = bool(text)

    def values(self) -> ClassificationValues:
        return ClassificationValues(
            scores={
                t: int(self.query_one(f"#score-{t.value}", Input).value.strip() or "0")
                for t in AgreementType
            },
            comments={t: self.query_one(f"#comment-{t.value}", Input).value for t in AgreementType},
            primary=chosen_type(self.query_one("#primary", Select).value),
            rationale=self.query_one("#rationale", TextArea).text,
        )

    def submitted(self, values: ClassificationValues) -> ClassificationForm.Submitted:
        return self.Submitted(self, values)
