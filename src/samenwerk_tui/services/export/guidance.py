"""Guidance (``show --guidance``) as text for a terminal and as Markdown.

Both render a :class:`samenwerk_tui.services.guidance.Guidance` and show every field that
is present, in the same order as the TUI's guidance screen: the types, combining them,
the advice for the current phase, the latest diagnosis, the advisors' agreement, the
weakest perspective, and the reminder that one collaboration can hold several agreements.
"""

from __future__ import annotations

import textwrap

from samenwerk_tui import i18n
from samenwerk_tui.services.export.common import md, safe, when
from samenwerk_tui.services.export.html_parts import esc
from samenwerk_tui.services.export.sections import divergence_sentence, type_title
from samenwerk_tui.services.guidance import Guidance, PhaseAdvice, TypeGuidance

#: (catalog key of the heading, field) of a type, in the order they are shown.
TYPE_PARAGRAPHS = (
    ("guidance.description", "description"),
    ("guidance.principal", "principal"),
    ("guidance.steering", "steering"),
    ("guidance.result", "result"),
    ("guidance.approach", "approach"),
)
TYPE_LISTS = (
    ("guidance.signals", "signals"),
    ("guidance.instruments", "instruments"),
    ("guidance.pitfalls", "pitfalls"),
)


class _Writer:
    """Collects blocks in one of three styles: indented text, Markdown or HTML."""

    def __init__(self, style: str, columns: int = 80) -> None:
        self.style = style  # "text" | "md" | "html"
        self.columns = columns
        self.out: list[str] = []

    def title(self, text: str, subtitle: str) -> None:
        if self.style == "md":
            self.out += [f"# {md(text)}", "", md(subtitle)]
        elif self.style == "html":
            self.out += [f"<h2>{esc(text)}</h2>", f'<p class="muted">{esc(subtitle)}</p>']
        else:
            self.out += [safe(text), safe(subtitle)]

    def heading(self, text: str, level: int) -> None:
        if self.style == "md":
            self.out += ["", f"{'#' * level} {md(text)}", ""]
        elif self.style == "html":
            self.out.append(f"<h{level + 1}>{esc(text)}</h{level + 1}>")
        else:
            self.out += ["", safe(text)]

    def field(self, label: str, text: str) -> None:
        if not text:
            return
        if self.style == "md":
            self.out += [f"**{md(label)}:** {md(text)}", ""]
        elif self.style == "html":
            self.out.append(f"<p><b>{esc(label)}:</b> {esc(text)}</p>")
        else:
            self.out += [f"  {label}", self.wrap(text, 4)]

    def paragraph(self, text: str) -> None:
        if not text:
            return
        if self.style == "md":
            self.out += [md(text), ""]
        elif self.style == "html":
            self.out.append(f"<p>{esc(text)}</p>")
        else:
            self.out.append(self.wrap(text, 2))

    def items(self, label: str, values: tuple[str, ...]) -> None:
        if not values:
            return
        if self.style == "md":
            self.out += [f"**{md(label)}:**", ""] + [f"- {md(v)}" for v in values] + [""]
        elif self.style == "html":
            self.out.append(f"<p><b>{esc(label)}:</b></p><ul>")
            self.out += [f"<li>{esc(v)}</li>" for v in values]
            self.out.append("</ul>")
        else:
            self.out.append(f"  {label}")
            self.out += [self.wrap(v, 6, bullet="  - ") for v in values]

    def wrap(self, text: str, spaces: int, bullet: str = "") -> str:
        first = " " * (spaces - len(bullet)) + bullet if bullet else " " * spaces
        return textwrap.fill(
            safe(" ".join(text.split())),
            max(30, self.columns),
            initial_indent=first,
            subsequent_indent=" " * spaces,
            break_long_words=False,
            break_on_hyphens=False,
        )


def render_guidance_text(g: Guidance, ref: str = "", columns: int = 80) -> str:
    """The guidance for a terminal (user text made safe, wrapped to ``columns``)."""
    return "\n".join(_render(g, _Writer("text", columns), ref)).rstrip("\n") + "\n"


def render_guidance_markdown(g: Guidance, ref: str = "") -> str:
    """The guidance as a Markdown document."""
    lines = _render(g, _Writer("md"), ref)
    kept = [x for i, x in enumerate(lines) if x or (i and lines[i - 1])]  # no double blanks
    return "\n".join(kept).rstrip("\n") + "\n"


def render_guidance_html(g: Guidance) -> list[str]:
    """The guidance as a section of an HTML page (every text escaped)."""
    return ['<section class="guidance">', *_render(g, _Writer("html"), ""), "</section>"]


def _render(g: Guidance, w: _Writer, ref: str) -> list[str]:
    t = i18n.t
    w.title(t("guidance.title", name=g.name), f"{t('guidance.stage')}: {g.stage.name}")
    if g.suggest_diagnosis:
        w.heading(t("guidance.unclassified"), 2)
        if ref:
            w.paragraph(t("guidance.start_cli", ref=ref))
    for tg in g.types:
        _type(w, tg)
    if g.secondary:
        w.heading(t("guidance.combine"), 2)
        w.paragraph(g.combine)
        for tg in g.types:
            w.field(type_title(tg.type), tg.mixed)
    _phase(w, g)
    _diagnosis(w, g)
    w.heading(t("guidance.weakest"), 2)
    if g.weakest is None:
        w.paragraph(t("guidance.no_perspectives"))
    else:
        w.paragraph(t("guidance.weakest_line", name=g.weakest.name, score=g.weakest.score))
        w.paragraph(g.weakest.comment)
        w.paragraph(g.weakest.question)
    if g.several_types:
        w.heading(t("guidance.several"), 2)
        w.paragraph(g.several_types)
    return w.out


def _type(w: _Writer, tg: TypeGuidance) -> None:
    t = i18n.t
    role = t("guidance.secondary") if tg.secondary else t("guidance.primary")
    title = f"{role}: {type_title(tg.type)}"
    w.heading(title, 2)
    w.paragraph(tg.title)
    w.paragraph(tg.short)
    if tg.secondary:
        # A secondary type lends its instruments; its full description is on its own
        # primary page. (The TUI screen shows every field.)
        w.items(t("guidance.borrow"), tg.instruments)
        return
    for key, attr in TYPE_PARAGRAPHS:
        w.field(t(key), getattr(tg, attr))
    for key, attr in TYPE_LISTS:
        w.items(t(key), getattr(tg, attr))
    w.field(t("guidance.shifts"), tg.shifts)


def _phase(w: _Writer, g: Guidance) -> None:
    t = i18n.t
    w.heading(t("guidance.phase", stage=g.stage.name), 2)
    w.paragraph(g.stage.focus)
    for advice in g.advice:
        _advice(w, g, advice)
    if not g.advice:
        w.items(t("guidance.stage_steps"), g.stage.next_steps)
        w.field(t("guidance.document"), g.stage.deliverable)


def _advice(w: _Writer, g: Guidance, a: PhaseAdvice) -> None:
    t = i18n.t
    if len(g.advice) > 1:
        w.heading(t("guidance.phase_type", type=type_title(a.type), stage=g.stage.name), 3)
    w.field(t("guidance.now"), a.now)
    w.items(t("guidance.questions"), a.questions)
    w.items(t("guidance.warnings"), a.warnings)
    w.field(t("guidance.document"), a.document)


def _diagnosis(w: _Writer, g: Guidance) -> None:
    t = i18n.t
    d = g.diagnosis
    if d is None and g.divergence is None:
        return
    w.heading(t("guidance.diagnosis"), 2)
    if d is not None:
        w.paragraph(t("guidance.diagnosis_by", label=d.label_name, by=d.by, when=when(d.at)))
        for sentence in d.explanation:
            w.paragraph(sentence)
        if g.unclear:
            w.paragraph(g.unclear)
        entries = tuple(f"{number} {text}" for number, text in d.separating)
        w.items(t("guidance.discuss"), entries)
    if g.divergence is not None:
        w.paragraph(divergence_sentence(g.divergence))
