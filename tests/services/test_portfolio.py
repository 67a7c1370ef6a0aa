"""The portfolio of a practice: counts, stage × type, the average profile and the lists an
advisor should look at, from the list's facets alone; and the reports built on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Assessment, Conflict, Partnership, Party
from samenwerk_tui.domain.query import Facets, parse_query
from samenwerk_tui.domain.text import normalize_line, safe_text
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services.export import export_markdown
from samenwerk_tui.services.export.html import export_html, partnership_html
from samenwerk_tui.services.guidance import guidance
from samenwerk_tui.services.portfolio import portfolio
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import records as store_records

D, G, M, P = AgreementType
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
#: Names that would run or break something if a report put them in its HTML unescaped.
HTML_HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</style><style>body{display:none}</style>",
    "a & b <b>bold</b> \"quoted\" 'single'",
    "<a href='https://e.vil'>click</a>",
]


def make(
    name: str,
    *,
    primary: AgreementType | None = None,
    scores: dict[AgreementType, int] | None = None,
    stage: Stage = Stage.EXECUTE,
    days_ago: int = 1,
    divergent: bool = False,
    conflict: bool = False,
) -> Partnership:
    when = NOW - timedelta(days=days_ago)
    p = edits.new_partnership(name, stage=stage, now=when, parties=[Party(name, "co-principal")])
    if primary is not None or scores:
        p = edits.classify(p, by="Anna", primary=primary, scores=scores or {}, now=when)
    if divergent:
        runs = (
            Assessment("aaaa0001", when, "Anna", {}, {"deliver": 90, "goals": 40}),
            Assessment("bbbb0001", when, "Bo", {}, {"deliver": 40, "goals": 80}),
        )
        p = p.replace(assessments=runs)
    if conflict:
        p = p.replace(conflicts=(Conflict("stage", "execute", "shape"),))
    return p.replace(updated=when)


PRACTICE = [
    make("Senseo", primary=D, scores={D: 5, G: 2}, days_ago=200),
    make("Schiphol", primary=D, scores={D: 4, G: 3}, stage=Stage.SHAPE, divergent=True),
    make("Rivierdal", primary=G, scores={G: 5, M: 3, D: 1, P: 1}, stage=Stage.AGREE),
    make("JOGG", primary=M, scores={M: 5, G: 3, P: 2}, stage=Stage.SHARE, conflict=True),
    make("Zoë's netwerk", stage=Stage.EXPLORE, days_ago=91),
    make("Aanloop", stage=Stage.EXPLORE, days_ago=90),
]


def test_the_portfolio_counts_types_and_stages_and_lists_what_needs_attention() -> None:
    pf = portfolio((Facets.of(p) for p in PRACTICE), now=NOW)
    assert pf.total == 6 and pf.classified == 4
    assert pf.by_type == {D: 2, G: 1, M: 1, P: 0, None: 2}
    assert pf.matrix[Stage.EXECUTE] == {D: 1, G: 0, M: 0, P: 0, None: 0}
    assert pf.matrix[Stage.EXPLORE][None] == 2
    assert pf.stages_in_use == (Stage.EXPLORE, Stage.SHARE, Stage.AGREE, Stage.SHAPE, Stage.EXECUTE)
    assert pf.profile == {D: (5 + 4 + 1 + 0) / 4, G: (2 + 3 + 5 + 3) / 4, M: 2.0, P: 0.75}
    assert [i.name for i in pf.unclassified] == ["Aanloop", "Zoë's netwerk"]
    assert [i.name for i in pf.divergent] == ["Schiphol"]
    assert [i.name for i in pf.conflicting] == ["JOGG"]
    # Stale means more than 90 days: 91 days is, exactly 90 is not.
    assert [i.name for i in pf.stale] == ["Senseo", "Zoë's netwerk"]
    assert pf.stale[0].updated == NOW - timedelta(days=200)


def test_an_empty_selection_has_no_profile() -> None:
    pf = portfolio([], now=NOW)
    assert (pf.total, pf.profile, pf.stages_in_use) == (0, None, ())


def test_a_filtered_workspace_of_many_partnerships_needs_no_models(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "ws", "Anna")
    for p in PRACTICE:
        session.create(p)
    reopened = Session.open(tmp_path / "ws", "Anna")
    built = store_records.models_built
    records = reopened.filter(parse_query("-type:none"))
    pf = portfolio((r.facets for r in records), now=NOW)
    assert pf.total == 4 and pf.by_type[None] == 0
    assert store_records.models_built == built, "no model was built"


# --------------------------------------------------------------------------- reports


class Collector(HTMLParser):
    """Everything an HTML report holds: tags with their attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "span",
    "b", "a", "ol", "ul", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "section", "div", "svg", "rect", "text",
}  # fmt: skip


def check_html(document: str, names: list[str]) -> Collector:
    """The report is inert: only known tags, no scripts, no event handlers, nothing fetched,
    and every name appears as text (so it was escaped, not read as markup)."""
    parsed = Collector()
    parsed.feed(document)
    parsed.close()
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key)
            assert "://" not in (value or ""), (tag, key, value)
            assert key not in ("src", "srcset", "action", "formaction"), (tag, key)
            if key == "href":
                assert (value or "").startswith("#p-"), value
    assert "<script" not in document.lower()
    style = document[document.index("<style>") : document.index("</style>")]
    assert "url(" not in style and "@import" not in style and "://" not in style
    text = "".join(parsed.text)
    for name in names:
        assert safe_text(normalize_line(name)) in text, name
    return parsed


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_html_report_escapes_every_hostile_name_and_runs_nothing(
    tmp_path: Path, lang: str, hostile_names: list[str]
) -> None:
    i18n.set_language(lang)
    session = Session.open(tmp_path / "ws", "Anna")
    names = [*hostile_names, *HTML_HOSTILE]
    for i, name in enumerate(names):
        p = make(name, primary=list(AgreementType)[i % 4], scores={D: i % 6}, divergent=i == 1)
        p = edits.set_perspective(p, PerspectiveName.RELATIONSHIP, 2, name)
        p, _ = edits.add_note(p, f"note about {name}", author=name, now=NOW)
        session.create(p)
    records = session.sorted_records()
    pf = portfolio((r.facets for r in records), now=NOW)
    document = export_html("<i>Praktijk</i> & co", records, pf, NOW)
    parsed = check_html(document, names)
    assert document.count('<section class="card"') == len(names)
    assert "@page { size: A4;" in document and "break-before: page" in document
    assert sum(1 for tag, _ in parsed.tags if tag == "svg") == 2 + len(names)
    assert "&lt;i&gt;Praktijk&lt;/i&gt; &amp; co" in document
    assert ("Advisors disagree" if lang == "en" else "Adviseurs oneens") in document

    one = records[0]
    single = partnership_html(one, generated=NOW, guidance=guidance(one.partnership))
    check_html(single, [one.partnership.name])
    assert single.count('<section class="card"') == 1
    assert '<section class="guidance">' in single


def test_the_markdown_report_gains_the_portfolio_sections(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "ws", "Anna")
    for p in PRACTICE:
        session.create(p)
    i18n.set_language("nl")
    report = export_markdown("Praktijk", session.sorted_records(), [], NOW)
    for heading in ("## Hoofdtypen", "## Fase × type", "## Gemiddeld typeprofiel",
                    "## Nog niet getypeerd", "## Adviseurs oneens", "## Vastgelegde conflicten",
                    "## Al 90 dagen niet bijgewerkt"):  # fmt: skip
        assert heading in report, heading
    assert "- 1 Samen leveren: 2" in report and "- · Nog niet getypeerd: 2" in report
    assert "| Verkennen | 0 | 0 | 0 | 0 | 2 | 2 |" in report
    assert "- 2 Doelen realiseren: 3,3" in report  # (2 + 3 + 5 + 3) / 4, Dutch decimal comma
    assert "over 4 getypeerde samenwerkingsverbanden" in report
    stale = report[report.index("## Al 90 dagen") :].split("\n\n")[1]
    assert stale.startswith("- Senseo · uitvoeren")
