"""HTML reports for people who do not use a terminal.

``export --format html`` writes the portfolio (the same sections as the TUI's portfolio
screen and the Markdown report) and one card per partnership; ``show REF --format html``
writes one card on its own, optionally with the guidance, for an advisor to send to the
partners. Both are a single standalone file that prints well on A4, one card per page
(see :mod:`.html_parts` for what keeps it safe and self-contained).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from samenwerk_tui import i18n
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType, PerspectiveName
from samenwerk_tui.services.export.common import when
from samenwerk_tui.services.export.html_parts import Bar, bar_chart, colour, esc, page
from samenwerk_tui.services.export.sections import (
    advisors,
    columns,
    divergence_sentence,
    portfolio_lists,
    profile_value,
    type_title,
)
from samenwerk_tui.services.guidance import Guidance
from samenwerk_tui.services.portfolio import Item, Portfolio
from samenwerk_tui.store.workspace import Record

LATEST_NOTES = 3


def export_html(title: str, records: Sequence[Record], pf: Portfolio, generated: datetime) -> str:
    """The portfolio report: overview sections, then one card per partnership."""
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="muted">{esc(i18n.t("html.generated", when=when(generated)))} · '
        f"{esc(i18n.t('portfolio.partnerships', count=pf.total))}</p>",
    ]
    if pf.unreadable:
        unreadable = i18n.t("portfolio.unreadable", count=pf.unreadable)
        body.append(f'<p class="flag">{esc(unreadable)}</p>')
    body += portfolio_sections(pf)
    if records:
        body.append(f"<h2>{esc(i18n.t('html.contents'))}</h2>")
        body.append("<ol>")
        body += [
            f'<li><a href="#p-{esc(r.id)}">{esc(r.partnership.name)}</a></li>' for r in records
        ]
        body.append("</ol>")
    for r in records:
        body += card(r.partnership)
    return page(title, i18n.language(), body)


def partnership_html(
    record: Record, *, generated: datetime, guidance: Guidance | None = None
) -> str:
    """One partnership as a standalone page (with the guidance when given)."""
    p = record.partnership
    body = [f'<p class="muted">{esc(i18n.t("html.generated", when=when(generated)))}</p>']
    body += card(p, level=1)
    if guidance is not None:
        body += guidance_section(guidance)
    return page(p.name, i18n.language(), body)


# --------------------------------------------------------------------------- portfolio


def portfolio_sections(pf: Portfolio) -> list[str]:
    """Counts by type (chart), stage × type (table), average profile (chart), lists."""
    t = i18n.t
    out = [f"<h2>{esc(t('portfolio.by_type'))}</h2>"]
    most = max(pf.by_type.values(), default=0)
    bars = [Bar(type_title(x), pf.by_type[x], colour(x), str(pf.by_type[x])) for x in columns()]
    out.append(bar_chart(bars, most, t("html.chart_types")))
    out.append(f"<h2>{esc(t('portfolio.matrix'))}</h2>")
    head = "".join(
        f'<th class="num" title="{esc(type_title(x))}">{esc(x.badge if x else "·")}</th>'
        for x in columns()
    )
    out.append(
        f"<table><thead><tr><th>{esc(t('portfolio.stage'))}</th>{head}"
        f'<th class="num">{esc(t("portfolio.total"))}</th></tr></thead><tbody>'
    )
    for stage in pf.stages_in_use:
        row = pf.matrix[stage]
        cells = "".join(f'<td class="num">{row[x]}</td>' for x in columns())
        out.append(
            f"<tr><td>{esc(i18n.stage_name(stage.value))}</td>{cells}"
            f'<td class="num">{sum(row.values())}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(f"<h2>{esc(t('portfolio.profile'))}</h2>")
    if pf.profile is None:
        out.append(f"<p>{esc(t('portfolio.no_profile'))}</p>")
    else:
        note = i18n.t("portfolio.profile_note", count=pf.classified)
        out.append(f'<p class="muted">{esc(note)}</p>')
        bars = [Bar(type_title(x), v, colour(x), profile_value(v)) for x, v in pf.profile.items()]
        out.append(bar_chart(bars, 5, t("html.chart_profile")))
    for title, items in portfolio_lists(pf):
        out.append(f"<h3>{esc(title)}</h3>")
        out += _item_list(items)
    return out


def _item_list(items: Sequence[Item]) -> list[str]:
    if not items:
        return [f'<p class="muted">{esc(i18n.t("portfolio.none"))}</p>']
    out = ["<ul>"]
    for item in items:
        updated = i18n.t("portfolio.last_updated", when=when(item.updated))
        out.append(
            f'<li><a href="#p-{esc(item.id)}">{esc(item.name)}</a> '
            f'<span class="muted">· {esc(i18n.stage_name(item.stage.value))} · '
            f"{esc(updated)}</span></li>"
        )
    out.append("</ul>")
    return out


# --------------------------------------------------------------------------- one partnership


def card(p: Partnership, level: int = 2) -> list[str]:
    """One partnership: facts, summary, type profile, perspectives, diagnoses, notes."""
    t = i18n.t
    h, sub = f"h{level}", f"h{level + 1}"
    out = [f'<section class="card" id="p-{esc(p.id)}">', f"<{h}>{esc(p.name)}</{h}>"]
    c = p.classification
    primary = (
        f'<span class="badge" style="background:{colour(c.primary)}">'
        f"{esc(type_title(c.primary))}</span>"
        if c.primary
        else esc(t("export.unclassified"))
    )
    facts = [
        (t("export.stage"), esc(i18n.stage_name(p.stage.value))),
        (t("export.primary"), primary),
        (t("export.parties"), esc(", ".join(_party(x.name, x.role) for x in p.parties))),
        (t("export.tags"), esc(", ".join(p.tags))),
        (t("export.updated"), esc(when(p.updated))),
    ]
    out.append('<dl class="facts">')
    out += [f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts if v]
    out.append("</dl>")
    if p.summary:
        out.append(f'<p class="text">{esc(p.summary, multiline=True)}</p>')
    out.append(f"<{sub}>{esc(t('html.profile'))}</{sub}>")
    bars = [
        Bar(type_title(x), c.score(x).score, colour(x), str(c.score(x).score), x is c.primary)
        for x in AgreementType
    ]
    out.append(bar_chart(bars, 5, t("html.chart_profile")))
    comments = [(x, c.score(x).comment) for x in AgreementType if c.score(x).comment]
    if comments:
        out.append("<ul>")
        out += [f"<li><b>{esc(type_title(x))}</b>: {esc(text)}</li>" for x, text in comments]
        out.append("</ul>")
    if c.rationale:
        out.append(f"<p><b>{esc(t('export.rationale'))}:</b> {esc(c.rationale)}</p>")
    out += _perspectives(p, sub)
    out += _diagnoses(p, sub)
    out += _notes(p, sub)
    if p.conflicts:
        out.append(f'<p class="flag">{esc(t("export.conflicts"))}: {len(p.conflicts)}</p>')
    out.append("</section>")
    return out


def _party(name: str, role: str) -> str:
    return f"{name} ({role})" if role else name


def _perspectives(p: Partnership, sub: str) -> list[str]:
    t = i18n.t
    out = [f"<{sub}>{esc(t('export.perspectives'))}</{sub}>"]
    if not p.perspectives:
        return [*out, f'<p class="muted">{esc(t("html.no_perspectives"))}</p>']
    out.append("<table><tbody>")
    for name in PerspectiveName:
        ps = p.perspectives.get(name)
        label = esc(i18n.perspective_name(name.value))
        if ps is None:
            out.append(f'<tr><td>{label}</td><td class="muted">{esc(t("html.not_scored"))}</td>'
                       "<td></td></tr>")  # fmt: skip
            continue
        score = esc(t("html.score_of", score=ps.score))
        out.append(f"<tr><td>{label}</td><td>{score}</td><td>{esc(ps.comment)}</td></tr>")
    out.append("</tbody></table>")
    return out


def _diagnoses(p: Partnership, sub: str) -> list[str]:
    split = advisors(p)
    if split is None:
        return []
    t = i18n.t
    out = [f"<{sub}>{esc(t('assessments.title'))}</{sub}>", "<table><thead><tr>"]
    out.append(f"<th>{esc(t('export.type'))}</th>")
    out += [f'<th class="num">{esc(r.by)}</th>' for r in split.raters]
    out.append("</tr></thead><tbody>")
    for x in AgreementType:
        cells = "".join(f'<td class="num">{r.scores.get(x, "–")}</td>' for r in split.raters)
        out.append(f"<tr><td>{esc(type_title(x))}</td>{cells}</tr>")
    dates = "".join(f'<td class="num">{esc(when(r.at)[:10])}</td>' for r in split.raters)
    out.append(f"<tr><td>{esc(t('assessments.when'))}</td>{dates}</tr></tbody></table>")
    if len(split.raters) > 1:
        css = "flag" if split.divergent else "muted"
        out.append(f'<p class="{css}">{esc(divergence_sentence(split))}</p>')
    return out


def _notes(p: Partnership, sub: str) -> list[str]:
    t = i18n.t
    out = [f"<{sub}>{esc(t('html.latest_notes'))}</{sub}>"]
    if not p.notes:
        return [*out, f'<p class="muted">{esc(t("html.no_notes"))}</p>']
    out.append('<ul class="notes">')
    for n in reversed(p.notes[-LATEST_NOTES:]):
        head = f"{when(n.created)} · {n.author}"
        if n.type:
            head += f" · {type_title(n.type)}"
        out.append(
            f'<li><span class="muted">{esc(head)}</span>'
            f'<div class="text">{esc(n.text, multiline=True)}</div></li>'
        )
    out.append("</ul>")
    return out


# --------------------------------------------------------------------------- guidance


def guidance_section(g: Guidance) -> list[str]:
    """The guidance for the partnership's type and phase (``show --guidance --format html``)."""
    from samenwerk_tui.services.export.guidance import render_guidance_html

    return render_guidance_html(g)
