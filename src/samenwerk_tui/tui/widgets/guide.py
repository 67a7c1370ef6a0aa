"""The guidance as widgets: one function per section of the guidance screen.

Every field of :class:`~samenwerk_tui.services.guidance.Guidance` that is present is
shown; a missing text is left out, never shown blank. Headings and labels come from the
catalog (the ``guidance.*`` keys ``show --guidance`` uses too), texts from ``data/``, and
user text (names, comments) through :mod:`samenwerk_tui.tui.safe`. List items hang under
their bullet, so a long question stays readable when it wraps.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.services.export.common import when
from samenwerk_tui.services.guidance import Guidance, PhaseAdvice, TypeGuidance
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.widgets.chips import type_chip
from samenwerk_tui.tui.widgets.detail import LOW_SCORE

#: (catalog key of the label, field) of a type's paragraphs and lists, in screen order.
PARAGRAPHS = (
    ("guidance.description", "description"),
    ("guidance.principal", "principal"),
    ("guidance.steering", "steering"),
    ("guidance.result", "result"),
    ("guidance.approach", "approach"),
)
LISTS = (
    ("guidance.signals", "signals"),
    ("guidance.instruments", "instruments"),
    ("guidance.pitfalls", "pitfalls"),
)
CLOSING = (("guidance.shifts", "shifts"), ("guidance.mixed", "mixed"))

#: What a section is made of: widgets, or None for a part that is not there.
Parts = Iterable[Widget | None]


class Item(Horizontal):
    """A list entry: the marker, and the text hanging beside it."""

    def __init__(self, marker: Content, text: Content) -> None:
        super().__init__(
            Static(marker, classes="guide-marker"),
            Static(text, classes="guide-text"),
            classes="guide-item",
        )


def text(value: Content | str, style: str = "", classes: str = "guide-line") -> Static:
    shown = value if isinstance(value, Content) else Content.styled(value, style)
    return Static(shown, classes=classes)


def heading(value: str, style: str = "bold $accent") -> Static:
    return text(value, style, "guide-heading")


def labelled(label: str, value: str) -> Widget | None:
    """A label on its own line and the text under it; None without text."""
    if not value:
        return None
    return section([text(label, "bold", "guide-label"), text(value)], "guide-part")


def items(label: str, values: tuple[str, ...], marker: str = "•") -> Widget | None:
    """A label and one hanging entry per item (numbered when ``marker`` is ``1.``)."""
    if not values:
        return None
    entries: list[Widget | None] = [text(label, "bold", "guide-label")]
    for i, value in enumerate(values, start=1):
        shown = f"{i}." if marker == "1." else marker
        entries.append(Item(Content.styled(f" {shown} ", "bold $accent"), Content(value)))
    return section(entries, "guide-part")


def section(parts: Parts, classes: str = "guide-section") -> Vertical:
    """The parts that are there, in one block."""
    return Vertical(*(p for p in parts if p is not None), classes=classes)


# --------------------------------------------------------------------------- sections


def header(g: Guidance) -> Content:
    """The partnership, its phase, its primary and secondary types."""
    line = content(g.name, "bold") + Content.styled(
        f"  ·  {i18n.t('guidance.stage')}: ", "$text-muted"
    )
    line += Content(g.stage.name)
    types = [type_chip(t) + Content(" " + i18n.type_name(t.value)) for t in g.secondary]
    if g.primary is not None:
        first = type_chip(g.primary) + Content.styled(
            " " + i18n.type_name(g.primary.value), f"bold $type-{g.primary.value}"
        )
        types.insert(0, first)
        return line + Content("\n") + Content("   ").join(types)
    return line


def unclassified(key: str) -> Widget:
    """No primary type yet: what the diagnosis does and the key that starts it."""
    return section(
        [
            text(i18n.t("guidance.unclassified"), "bold"),
            text(i18n.t("tui.guidance.start", key=key), "bold $text-warning"),
        ],
        "guide-section guide-callout",
    )


def phase(g: Guidance) -> Widget:
    """What to do now in the current phase: per type the advice, else the phase's steps."""
    parts: list[Widget | None] = [heading(i18n.t("guidance.phase", stage=g.stage.name))]
    if g.stage.focus:
        parts.append(text(g.stage.focus, "italic"))
    for advice in g.advice:
        parts += _advice(g, advice)
    if not g.advice:
        parts.append(items(i18n.t("guidance.stage_steps"), g.stage.next_steps))
        parts.append(labelled(i18n.t("guidance.document"), g.stage.deliverable))
    return section(parts)


def _advice(g: Guidance, a: PhaseAdvice) -> list[Widget | None]:
    parts: list[Widget | None] = []
    if len(g.advice) > 1:
        name = i18n.type_name(a.type.value)
        title = Content.styled(
            i18n.t("guidance.phase_type", type=name, stage=g.stage.name),
            f"bold $type-{a.type.value}",
        )
        parts.append(text(type_chip(a.type) + Content(" ") + title, classes="guide-subheading"))
    parts.append(labelled(i18n.t("guidance.now"), a.now))
    parts.append(items(i18n.t("guidance.questions"), a.questions, "1."))
    parts.append(items(i18n.t("guidance.warnings"), a.warnings, "!"))
    parts.append(labelled(i18n.t("guidance.document"), a.document))
    return parts


def weakest(g: Guidance, key: str) -> Widget:
    """The weakest perspective and its question, or how to score the perspectives."""
    parts: list[Widget | None] = [heading(i18n.t("guidance.weakest"))]
    w = g.weakest
    if w is None:
        parts.append(text(i18n.t("guidance.no_perspectives")))
    else:
        style = "bold $text-error" if w.score <= LOW_SCORE else "bold"
        parts.append(text(i18n.t("guidance.weakest_line", name=w.name, score=w.score), style))
        if w.comment:
            parts.append(text(content(w.comment, "italic", multiline=True)))
        if w.question:
            parts.append(text(w.question))
    parts.append(text(i18n.t("tui.guidance.score_perspectives", key=key), "$text-muted"))
    return section(parts)


def diagnosis(g: Guidance, assessments: Content | None) -> Widget | None:
    """The latest diagnosis explained, what to discuss after a tie, and the advisors
    side by side (``assessments``, with their divergence)."""
    d = g.diagnosis
    if d is None and assessments is None:
        return None
    parts: list[Widget | None] = [heading(i18n.t("guidance.diagnosis"))]
    if d is not None:
        by = i18n.t("guidance.diagnosis_by", label=d.label_name, by=d.by, when=when(d.at))
        parts.append(text(content(by, "bold")))
        parts += [Item(Content.styled(" • ", "$accent"), Content(s)) for s in d.explanation]
        if g.unclear:
            parts.append(text(g.unclear, "bold $text-warning"))
        separating = tuple(f"{number} {statement}" for number, statement in d.separating)
        parts.append(items(i18n.t("guidance.discuss"), separating, "?"))
    if assessments is not None:
        parts.append(text(assessments, classes="guide-table"))
    return section(parts)


def type_section(tg: TypeGuidance) -> Widget:
    """Everything about one type: what it means, who is principal, which steering fits,
    what counts as a result, signals, approach, instruments, pitfalls, shifts, mixing."""
    role = i18n.t("guidance.secondary" if tg.secondary else "guidance.primary")
    title = type_chip(tg.type) + Content.styled(
        f" {role}: {tg.name or i18n.type_name(tg.type.value)}", f"bold $type-{tg.type.value}"
    )
    parts: list[Widget | None] = [text(title, classes="guide-heading")]
    if tg.title:
        parts.append(text(tg.title, "bold"))
    if tg.short:
        parts.append(text(tg.short, "italic"))
    for key, attr in PARAGRAPHS:
        parts.append(labelled(i18n.t(key), getattr(tg, attr)))
    for key, attr in LISTS:
        parts.append(items(i18n.t(key), getattr(tg, attr)))
    for key, attr in CLOSING:
        parts.append(labelled(i18n.t(key), getattr(tg, attr)))
    return section(parts)


def combine(g: Guidance) -> Widget | None:
    """How to lead a mix of types (only when there are secondary types)."""
    if not g.secondary:
        return None
    parts: list[Widget | None] = [heading(i18n.t("guidance.combine"))]
    if g.combine:
        parts.append(text(g.combine))
    for tg in g.types:
        if tg.mixed:
            parts.append(Item(type_chip(tg.type) + Content(" "), Content(tg.mixed)))
    return section(parts)


def several(g: Guidance) -> Widget | None:
    """One collaboration can hold agreements of several types."""
    if not g.several_types:
        return None
    return section([heading(i18n.t("guidance.several")), text(g.several_types)])
