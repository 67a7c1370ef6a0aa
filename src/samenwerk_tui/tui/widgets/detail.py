"""The detail pane: everything about the selected partnership, or why its file is broken.

All user text goes through :mod:`samenwerk_tui.tui.safe`; the pane keeps its child widgets
and only swaps their content, so moving the cursor costs a handful of ``update`` calls.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import TYPE_SCORE_MAX, Partnership
from samenwerk_tui.domain.types import AgreementType, PerspectiveName
from samenwerk_tui.services.localtime import day
from samenwerk_tui.services.session import Problem
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.advisors import advisors_content
from samenwerk_tui.tui.widgets.chips import type_chip as type_chip  # re-exported


def score_bar(score: int, maximum: int, style: str) -> Content:
    """``●●●○○`` in ``style``: the score at a glance, the number beside it for the exact."""
    return Content.assemble(
        ("●" * score, style),
        ("○" * (maximum - score), "$text-muted"),
        f" {score}/{maximum}",
    )


#: A perspective scored this or lower is weak: shown in the error colour.
LOW_SCORE = 2


class TypeCard(Static):
    """One of the four agreement types: score bar, comment; the primary one stands out."""

    def __init__(self, agreement_type: AgreementType) -> None:
        super().__init__(classes=f"type-card -{agreement_type.value}")
        self.agreement_type = agreement_type

    def show(self, p: Partnership) -> None:
        t = self.agreement_type
        is_primary = p.primary is t
        self.set_class(is_primary, "-primary")
        title = Content.assemble(type_chip(t), " ", i18n.type_label(t.value))
        if is_primary:
            title = title + Content.styled(" ★ " + i18n.t("tui.detail.primary"), "bold")
        self.border_title = title
        ts = p.classification.score(t)
        parts = [score_bar(ts.score, TYPE_SCORE_MAX, f"$type-{t.value}")]
        if ts.comment:
            parts.append(content(ts.comment, multiline=True))
        self.update(Content("\n").join(parts))


class DetailPane(Vertical):
    """Summary, parties, stage, tags, the 2x2 type grid and the perspectives.

    ``resolve_key`` is how the hint on a conflict names the key that settles it;
    ``perspectives_key``, if given, how the perspectives' hint names theirs; ``open_key``
    the key that opens a broken file in an editor.
    """

    def __init__(
        self,
        *,
        resolve_key: str = "r",
        perspectives_key: str | None = None,
        open_key: str = "o",
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.resolve_key = resolve_key
        self.perspectives_key = perspectives_key
        self.open_key = open_key

    def compose(self) -> ComposeResult:
        yield Static(id="detail-title")
        yield Static(id="detail-conflicts")
        yield Static(id="detail-meta")
        # Two rows of two cards: a Horizontal re-measures auto heights reliably when a
        # card's text changes, which a Grid with auto rows did not.
        types = list(AgreementType)
        with Vertical(id="type-grid"):
            for pair in (types[:2], types[2:]):
                with Horizontal(classes="type-row"):
                    for agreement_type in pair:
                        yield TypeCard(agreement_type)
        yield Static(id="detail-rationale")
        yield Static(id="detail-advisors")
        yield Static(id="detail-summary")
        yield Static(id="detail-parties")
        yield Static(id="detail-perspectives")

    def _set(self, widget_id: str, value: Content | None) -> None:
        widget = self.query_one(f"#{widget_id}", Static)
        widget.display = value is not None
        if value is not None:
            widget.update(value)

    def show_nothing(self, text: str) -> None:
        self._set("detail-title", Content.styled(text, "$text-muted"))
        for widget_id in ("detail-conflicts", "detail-meta", "detail-summary", "detail-parties"):
            self._set(widget_id, None)
        for widget_id in ("detail-rationale", "detail-advisors", "detail-perspectives"):
            self._set(widget_id, None)
        self.query_one("#type-grid").display = False

    def show_problem(self, problem: Problem) -> None:
        """A broken file: where and why, and that samenwerk leaves it alone."""
        self.show_nothing("")
        self._set("detail-title", Content.styled("! " + plain_name(problem.name), "bold $error"))
        reason = i18n.text_of(problem)
        where = i18n.t(
            "tui.broken.where", file=problem.name, line=problem.line, column=problem.column
        )
        self._set(
            "detail-meta",
            Content("\n").join(
                [
                    content(where),
                    content(reason),
                    Content.styled(i18n.t("tui.broken.never"), "$text-muted"),
                    Content.styled(i18n.t("tui.editor.hint", key=self.open_key), "$text-muted"),
                ]
            ),
        )
        if problem.is_conflicted:
            text = i18n.t("tui.detail.repair_hint", key=self.resolve_key)
            self._set("detail-conflicts", Content.styled("≠ " + text, "bold $text-error"))

    def show(self, p: Partnership, file: str) -> None:
        """Everything about ``p``, read from the file named ``file``."""
        self._set("detail-title", content(p.name, "bold"))
        conflicts = None
        if p.conflicts:
            text = i18n.t("tui.detail.conflicts", count=len(p.conflicts), key=self.resolve_key)
            conflicts = Content.styled("≠ " + text, "bold $text-error")
        self._set("detail-conflicts", conflicts)
        meta = [
            Content.styled(i18n.t("tui.detail.stage") + " ", "$text-muted")
            + Content(i18n.stage_name(p.stage.value)),
        ]
        if p.tags:
            meta.append(
                Content.styled(i18n.t("tui.detail.tags") + " ", "$text-muted")
                + content(" ".join(f"#{tag}" for tag in p.tags))
            )
        meta.append(Content.styled(file, "$text-disabled"))
        self._set("detail-meta", Content("   ").join(meta))
        self._set("detail-summary", content(p.summary, multiline=True) if p.summary else None)
        if p.parties:
            lines = [Content.styled(i18n.t("tui.detail.parties"), "bold")]
            for party in p.parties:
                line = Content("• ") + content(party.name)
                if party.role:
                    line += Content.styled(" — ", "$text-muted") + content(party.role, "italic")
                lines.append(line)
            self._set("detail-parties", Content("\n").join(lines))
        else:
            self._set("detail-parties", None)
        self.query_one("#type-grid").display = True
        for card in self.query(TypeCard):
            card.show(p)
        c = p.classification
        rationale: list[Content] = []
        if c.rationale:
            rationale.append(Content.styled(i18n.t("tui.detail.rationale"), "bold"))
            rationale.append(content(c.rationale, multiline=True))
        if c.by and c.updated:
            rationale.append(
                Content.styled(
                    i18n.t("tui.detail.classified_by", by=c.by, date=day(c.updated)),
                    "$text-muted",
                )
            )
        self._set("detail-rationale", Content("\n").join(rationale) if rationale else None)
        self._set("detail-advisors", advisors_content(p.assessments))
        self._set("detail-perspectives", self._perspectives(p))

    def _perspectives(self, p: Partnership) -> Content:
        """All five, a weak score (1 or 2) in the error colour, one not scored muted."""
        lines = [Content.styled(i18n.t("tui.detail.perspectives"), "bold")]
        if not p.perspectives:
            if self.perspectives_key is None:
                hint = i18n.t("tui.detail.no_perspectives")
            else:
                hint = i18n.t("tui.perspectives.none", key=self.perspectives_key)
            lines.append(Content.styled(hint, "$text-muted"))
            return Content("\n").join(lines)
        for name in PerspectiveName:
            perspective = p.perspectives.get(name)
            label = f"{i18n.perspective_name(name.value):<14.14} "
            if perspective is None:
                not_scored = "·" * 5 + "  " + i18n.t("tui.perspectives.not_scored")
                lines.append(Content.styled(label + not_scored, "$text-muted"))
                continue
            low = perspective.score <= LOW_SCORE
            line = Content.styled(label, "bold $text-error" if low else "") + score_bar(
                perspective.score, 5, "$error" if low else "$accent"
            )
            if perspective.comment:
                line += Content("  ") + content(perspective.comment)
            lines.append(line)
        return Content("\n").join(lines)


def plain_name(name: str) -> str:
    """A file name shown as text (file names are checked, but stay data)."""
    return content(name).plain
