"""The perspectives form: the five perspectives on a collaboration, each scored 1-5 with a
comment. Under the fields it shows the guiding question of the perspective being edited,
and what a 1 and a 5 look like. It hands over only what the user changed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from textual import on
from textual.containers import Horizontal
from textual.content import Content
from textual.events import DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import PerspectiveName
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services.session import Edit, Record
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import FormScreen, text_input
from samenwerk_tui.tui.state import AppState


@dataclass(frozen=True)
class PerspectiveValues:
    """What the perspectives form holds: a score (None: not scored) and a comment each."""

    scores: Mapping[PerspectiveName, int | None] = field(default_factory=dict)
    comments: Mapping[PerspectiveName, str] = field(default_factory=dict)

    @classmethod
    def of(cls, p: Partnership) -> PerspectiveValues:
        """The values the form opens with (a multi-line comment shows on one line; it is
        written back only if the user edits it)."""
        scores: dict[PerspectiveName, int | None] = {}
        comments: dict[PerspectiveName, str] = {}
        for name in PerspectiveName:
            found = p.perspectives.get(name)
            scores[name] = found.score if found else None
            comments[name] = found.comment.replace("\n", " ") if found else ""
        return cls(scores, comments)

    def changed(self, start: PerspectiveValues) -> tuple[PerspectiveName, ...]:
        """The perspectives the user changed since the form opened with ``start``."""
        return tuple(
            name
            for name in PerspectiveName
            if self.scores.get(name) != start.scores.get(name)
            or self.comments.get(name, "") != start.comments.get(name, "")
        )

    def edit_from(self, start: PerspectiveValues) -> Edit | None:
        """One edit applying only what changed (None: nothing did), so a colleague's
        change to another perspective meanwhile is kept."""
        names = self.changed(start)
        if not names:
            return None

        def apply(p: Partnership) -> Partnership:
            for name in names:
                comment_changed = self.comments.get(name, "") != start.comments.get(name, "")
                comment = self.comments.get(name, "") if comment_changed else None
                p = edits.set_perspective(p, name, self.scores.get(name), comment)
            return p

        return apply


class PerspectivesForm(FormScreen[PerspectiveValues]):
    """Five rows of score and comment, and the guiding question of the focused row."""

    title_key = "tui.perspectives.title"

    class Submitted(Message):
        """Saved: ``values`` as typed; ``form.pid`` and ``form.start`` as it opened."""

        def __init__(self, form: PerspectivesForm, values: PerspectiveValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

    def __init__(self, state: AppState, record: Record) -> None:
        super().__init__(state, record)
        p = record.partnership
        self.add_class("perspectives-form")  # five short rows: no gap between them
        self.p = p
        self.pid = p.id
        self.start = PerspectiveValues.of(p)

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        for name in PerspectiveName:
            score = self.start.scores[name]
            yield (
                Label(Content(i18n.perspective_name(name.value)), classes="form-label"),
                Horizontal(
                    text_input(
                        "" if score is None else str(score),
                        f"score-{name.value}",
                        restrict=r"[1-5]?",
                        max_length=1,
                        classes="score",
                        tooltip=i18n.t("tui.perspectives.score_hint"),
                    ),
                    text_input(
                        self.start.comments[name],
                        f"comment-{name.value}",
                        placeholder=i18n.t("tui.perspectives.comment_hint"),
                        classes="comment",
                    ),
                    classes="score-row",
                ),
            )
        yield Label("", classes="form-label"), Static(id="perspective-help")

    def on_mount(self) -> None:
        super().on_mount()
        self._explain(PerspectiveName.AMBITION)

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        widget_id = event.widget.id or ""
        _, _, name = widget_id.partition("-")
        if name in PerspectiveName.__members__.values():
            self._explain(PerspectiveName(name))

    def _explain(self, name: PerspectiveName) -> None:
        """The guiding question of ``name`` and what a 1 and a 5 look like."""

        def text(key: str) -> str:
            return str(i18n.domain_text("perspectives", name.value, key))

        lines = [
            Content.styled(text("question"), "italic"),
            Content.styled("1 ", "bold $text-error") + Content.styled(text("weak"), "$text-muted"),
            Content.styled("5 ", "bold $text-success")
            + Content.styled(text("strong"), "$text-muted"),
        ]
        self.query_one("#perspective-help", Static).update(Content("\n").join(lines))

    def values(self) -> PerspectiveValues:
        scores: dict[PerspectiveName, int | None] = {}
        comments: dict[PerspectiveName, str] = {}
        for name in PerspectiveName:
            typed = self.query_one(f"#score-{name.value}", Input).value.strip()
            comment = self.query_one(f"#comment-{name.value}", Input).value
            if not typed and comment.strip() and comment != self.start.comments[name]:
                raise SamenwerkError(
                    "tui.perspectives.comment_needs_score",
                    perspective=i18n.perspective_name(name.value),
                )
            scores[name] = int(typed) if typed else None
            comments[name] = comment if typed else ""
        return PerspectiveValues(scores, comments)

    def submitted(self, values: PerspectiveValues) -> PerspectivesForm.Submitted:
        return self.Submitted(self, values)
