"""An advisor prepares reports for people who do not use a terminal: guidance for one
partnership, an HTML page for its partners, and an HTML portfolio of the practice."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from samenwerk_tui.services.demo import create_demo

from .conftest import Samenwerk, assert_terminal_safe, snapshot


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.append(tag)


def test_guidance_and_html_reports_from_the_demo_workspace(samenwerk: Samenwerk) -> None:
    create_demo(samenwerk.workspace)
    before = snapshot(samenwerk.workspace)

    text = samenwerk("--lang", "nl", "show", "senseo", "--guidance").out
    assert_terminal_safe(text)
    assert text.startswith("Handreiking: Senseo coffee system\nFase: Uitvoeren & vernieuwen")
    assert "Hoofdtype: 1 Samen leveren" in text and "Laatste diagnose" in text
    assert "Zwakste perspectief" in text

    md = samenwerk("show", "gezond rivierdal", "--guidance", "--format", "md").out
    assert "## Secondary type: 3 Starting a movement" in md  # from the mixed diagnosis
    assert "## Combining the types" in md

    data = json.loads(samenwerk("show", "senseo", "--guidance", "--format", "json").out)
    assert data["primary"] == "deliver" and data["diagnosis"]["label"] == "dominant"

    page = samenwerk("show", "senseo", "--format", "html", "--guidance").out
    tags = Tags()
    tags.feed(page)
    assert "script" not in tags.names and tags.names.count("section") == 2

    report = samenwerk.cwd / "portfolio.html"
    done = samenwerk("--lang", "nl", "export", "--format", "html", "-o", str(report),
                     "--filter=-stage:closed")  # fmt: skip
    assert str(report) in done.out
    html = report.read_text("utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert html.count('<section class="card"') == 8
    assert "Hoofdtypen" in html and "Fase × type" in html and "Gemiddeld typeprofiel" in html
    assert snapshot(samenwerk.workspace) == before, "reports never change the workspace"
