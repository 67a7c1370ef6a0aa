"""The building blocks of the HTML reports: escaping, the style sheet, the type colours
and inline SVG bar charts.

Everything a report needs is inside the file: no scripts, no fonts or images from the
network, no external style sheets. Every piece of text goes through :func:`esc`, which
first makes control characters visible (as everywhere else) and then escapes HTML, so
a name like ``<img src=x onerror=…>`` is shown, never run.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.themes import default_type_colours

NO_TYPE_COLOUR = "#9AA5B1"


def esc(text: object, *, multiline: bool = False) -> str:
    """User text as HTML: control characters made visible, then every special escaped."""
    return html.escape(safe_text(str(text), multiline=multiline), quote=True)


@cache
def type_colours() -> dict[AgreementType, str]:
    """The four type colours of the bundled default theme (DESIGN §3's one source)."""
    return default_type_colours()


def colour(t: AgreementType | None) -> str:
    return NO_TYPE_COLOUR if t is None else type_colours()[t]


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, value and colour (and whether to emphasise it)."""

    label: str
    value: float
    colour: str
    text: str  # the value as shown at the end of the bar
    strong: bool = False


def bar_chart(bars: Sequence[Bar], maximum: float, description: str, width: int = 520) -> str:
    """A horizontal bar chart as inline SVG (labels left, bars, values right)."""
    row, label_w, value_w = 26, 190, 48
    bar_w = width - label_w - value_w
    height = row * len(bars) + 6
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{esc(description)}">',
        f"<title>{esc(description)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = 3 + i * row
        length = 0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum)) * bar_w
        weight = ' font-weight="bold"' if bar.strong else ""
        parts += [
            f'<text x="0" y="{y + 17}" class="label"{weight}>{esc(bar.label)}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="16" class="track"/>',
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="16" '
            f'fill="{bar.colour}"/>',
            f'<text x="{label_w + bar_w + 6}" y="{y + 17}" class="value">{esc(bar.text)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


STYLE = """
:root { --ink: #1d232a; --muted: #5b6672; --rule: #d5dbe1; --track: #edf0f3; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .35rem; }
p { margin: .3rem 0 .6rem; }
.muted { color: var(--muted); }
.text { white-space: pre-wrap; }
table { border-collapse: collapse; margin: .4rem 0 .8rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .6rem; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .6rem; color: #fff;
         font-size: .85rem; font-weight: 600; }
.flag { color: #a8323e; font-weight: 600; }
.chart .label, .chart .value { font-size: 12px; fill: var(--ink); }
.chart .track { fill: var(--track); }
ul.notes { list-style: none; padding: 0; }
ul.notes li { margin: 0 0 .6rem; }
.card { margin-top: 2rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .card { break-before: page; page-break-before: always; margin-top: 0; }
  table, svg, li, dl { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(title: str, lang: str, body: Sequence[str]) -> str:
    """A complete, standalone HTML document."""
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                f'<html lang="{esc(lang)}">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title>",
                f"<style>{STYLE}</style>",
                "</head>",
                "<body>",
                *body,
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )
