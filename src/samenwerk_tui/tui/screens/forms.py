"""The forms: new/edit partnership, classification, annotation.

A form collects values and hands them to a ``submit`` function from the main screen,
which saves through the session at once. If the save fails (an empty name, a workspace
that cannot be written) ``submit`` returns one sentence: the form shows it and keeps every
field as typed. Edit forms submit only the fields the user changed, so a change made on
disk meanwhile to another field survives the re-applied edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import DomainError, Partnership, normalize_tags
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.tui.commands import bindings, by_id, key_text
from samenwerk_tui.tui.widgets.detail import type_chip

Submit = Callable[[dict[str, Any]], str | None]


def _split_tags(text: str) -> tuple[str, ...]:
    return normalize_tags(text.replace(",", " ").split())


def _chosen_type(value: object) -> AgreementType | None:
    """The type a type Select shows; its "none" option has the value ``""``."""
    return AgreementType(value) if isinstance(value, str) and value else None


def _type_options(none_label: str) -> list[tuple[Content, str]]:
    options = [(Content(none_label), "")]
    for t in AgreementType:
        options.append((type_chip(t) + Content(" " + i18n.type_name(t.value)), t.value))
    return options


class FormScreen(ModalScreen[bool]):
    """A modal form: ``ctrl+s`` saves, ``escape`` cancels, ``tab`` moves between fields."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("form"))
    title_key = ""

    def __init__(self, submit: Submit) -> None:
        super().__init__(classes="form-screen")
        self.submit = submit

    @property
    def blink(self) -> bool:
        return bool(getattr(self.app, "blink", True))

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box") as box:
            box.border_title = self.form_title()
            with VerticalScroll(classes="form-fields"):
                for label, field in self.fields():
                    yield Horizontal(label, field, classes="form-row")
            yield Static(classes="form-error", id="form-error")
            yield Static(self.hint(), classes="form-hint")

    def form_title(self) -> Content:
        return Content(i18n.t(self.title_key))

    def hint(self) -> Content:
        keymap = getattr(getattr(self.app, "config", None), "keymap", {}) or {}
        return Content.styled(
            i18n.t(
                "tui.form.hint",
                save=key_text(by_id("form.save"), keymap),
                cancel=key_text(by_id("form.cancel"), keymap),
            ),
            "$text-muted",
        )

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        """(label, field) pairs, one row each."""
        raise NotImplementedError

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = self.blink
        for area in self.query(TextArea):
            area.cursor_blink = self.blink
        focusable = [w for w in self.query("Input, TextArea, Select") if w.focusable]
        if focusable:
            focusable[0].focus()

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content.styled(message, "bold $error"))
        error.display = True

    def action_save(self) -> None:
        try:
            values = self.values()
        except DomainError as exc:
            self.show_error(i18n.t(exc.key, **exc.params))
            return
        error = self.submit(values)
        if error is not None:
            self.show_error(error)
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def _label(key: str) -> Label:
    return Label(Content(i18n.t(key)), classes="form-label")


def _input(value: str, widget_id: str, **kwargs: Any) -> Input:
    return Input(value, id=widget_id, compact=True, select_on_focus=False, **kwargs)


def _area(text: str, widget_id: str, classes: str = "", placeholder: str = "") -> TextArea:
    return TextArea(
        text,
        id=widget_id,
        soft_wrap=True,
        tab_behavior="focus",
        compact=True,
        classes=classes,
        placeholder=placeholder,
    )


class PartnershipForm(FormScreen):
    """New partnership (``initial`` None) or edit: name, summary, stage, tags, parties."""

    def __init__(self, initial: Partnership | None, submit: Submit) -> None:
        super().__init__(submit)
        self.initial = initial
        self.title_key = "tui.form.edit_title" if initial else "tui.form.new_title"
        p = initial
        self._start = {
            "name": p.name if p else "",
            "summary": p.summary if p else "",
            "stage": p.stage if p else Stage.EXPLORE,
            "tags": " ".join(p.tags) if p else "",
            "parties": "\n".join(
                f"{party.name}: {party.role}" if party.role else party.name for party in p.parties
            )
            if p
            else "",
        }

    def form_title(self) -> Content:
        title = Content(i18n.t(self.title_key))
        if self.initial is not None:
            from samenwerk_tui.tui.safe import content

            title = title + Content(": ") + content(self.initial.name)
        return title

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        start = self._start
        yield _label("tui.form.name"), _input(start["name"], "name")
        yield (
            _label("tui.form.stage"),
            Select(
                [(Content(i18n.stage_name(s.value)), s) for s in Stage],
                value=start["stage"],
                allow_blank=False,
                id="stage",
                compact=True,
            ),
        )
        yield (
            _label("tui.form.tags"),
            _input(start["tags"], "tags", placeholder=i18n.t("tui.form.tags_hint")),
        )
        yield _label("tui.form.summary"), _area(start["summary"], "summary", "summary")
        yield (
            _label("tui.form.parties"),
            _area(start["parties"], "parties", "parties", i18n.t("tui.form.parties_hint")),
        )

    def values(self) -> dict[str, Any]:
        name = self.query_one("#name", Input).value
        summary = self.query_one("#summary", TextArea).text
        stage = self.query_one("#stage", Select).value
        tags = self.query_one("#tags", Input).value
        parties_text = self.query_one("#parties", TextArea).text
        parties = [edits.parse_party(line) for line in parties_text.splitlines() if line.strip()]
        if self.initial is None:
            return {
                "name": name,
                "summary": summary,
                "stage": stage,
                "tags": _split_tags(tags),
                "parties": parties,
            }
        start = self._start
        changed: dict[str, Any] = {}
        if name != start["name"]:
            changed["name"] = name
        if summary != start["summary"]:
            changed["summary"] = summary
        if stage != start["stage"]:
            changed["stage"] = stage
        if _split_tags(tags) != _split_tags(start["tags"]):
            changed["tags"] = _split_tags(tags)
        if parties_text != start["parties"]:
            changed["parties"] = parties
        return changed


class ClassificationForm(FormScreen):
    """Four scores (0-5) with a comment each, the primary type and the rationale."""

    title_key = "tui.form.classify_title"

    def __init__(self, p: Partnership, submit: Submit) -> None:
        super().__init__(submit)
        self.p = p
        c = p.classification
        self._scores = {t: str(c.score(t).score) for t in AgreementType}
        # A multi-line comment shows on one line; it is only written back if edited.
        self._comments = {t: c.score(t).comment.replace("\n", " ") for t in AgreementType}

    def form_title(self) -> Content:
        from samenwerk_tui.tui.safe import content

        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        for t in AgreementType:
            label = Label(
                type_chip(t) + Content(" " + i18n.type_name(t.value)),
                classes=f"form-label type-label -{t.value}",
            )
            score = _input(
                self._scores[t],
                f"score-{t.value}",
                restrict=r"[0-5]?",
                max_length=1,
                classes="score",
                tooltip=i18n.t("tui.form.score_hint"),
            )
            comment = _input(
                self._comments[t],
                f"comment-{t.value}",
                placeholder=i18n.t("tui.form.comment_hint"),
                classes="comment",
            )
            yield label, Horizontal(score, comment, classes="score-row")
        primary = self.p.primary.value if self.p.primary else ""
        yield (
            _label("tui.form.primary"),
            Select(
                _type_options(i18n.t("tui.form.no_primary")),
                value=primary,
                allow_blank=False,
                id="primary",
                compact=True,
            ),
        )
        yield (
            _label("tui.form.rationale"),
            _area(self.p.classification.rationale, "rationale", "rationale"),
        )

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        scores: dict[AgreementType, int] = {}
        comments: dict[AgreementType, str] = {}
        for t in AgreementType:
            score = self.query_one(f"#score-{t.value}", Input).value.strip() or "0"
            if score != self._scores[t]:
                scores[t] = int(score)
            comment = self.query_one(f"#comment-{t.value}", Input).value
            if comment != self._comments[t]:
                comments[t] = comment
        if scores:
            out["scores"] = scores
        if comments:
            out["comments"] = comments
        primary = _chosen_type(self.query_one("#primary", Select).value)
        if primary is not self.p.primary:
            out["primary"] = primary
        rationale = self.query_one("#rationale", TextArea).text
        if rationale != self.p.classification.rationale:
            out["rationale"] = rationale
        return out


class NoteForm(FormScreen):
    """A new annotation: multi-line text, optionally tied to a type, with tags."""

    title_key = "tui.form.note_title"

    def __init__(self, p: Partnership, submit: Submit) -> None:
        super().__init__(submit)
        self.p = p

    def form_title(self) -> Content:
        from samenwerk_tui.tui.safe import content

        return Content(i18n.t(self.title_key) + ": ") + content(self.p.name)

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        yield _label("tui.form.note_text"), _area("", "text", "note-text")
        yield (
            _label("tui.form.note_type"),
            Select(
                _type_options(i18n.t("tui.form.no_type")),
                value="",
                allow_blank=False,
                id="note-type",
                compact=True,
            ),
        )
        yield _label("tui.form.tags"), _input("", "tags", placeholder=i18n.t("tui.form.tags_hint"))

    def values(self) -> dict[str, Any]:
        return {
            "text": self.query_one("#text", TextArea).text,
            "note_type": _chosen_type(self.query_one("#note-type", Select).value),
            "tags": _split_tags(self.query_one("#tags", Input).value),
        }
