"""Guidance for a partnership: every text field that is there is shown, in the advisor's
language; what is missing is left out; mixed, tied and unclassified cases get their advice.

The texts come from a small fixture folder written here (the product's own texts are
still being written), with every field the agreed layout has, in both languages.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.assessing import record_assessment
from samenwerk_tui.domain.diagnosis import Label
from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services.diagnosis import load_model
from samenwerk_tui.services.export.guidance import (
    render_guidance_html,
    render_guidance_markdown,
    render_guidance_text,
)
from samenwerk_tui.services.guidance import (
    TYPE_LIST_FIELDS,
    TYPE_TEXT_FIELDS,
    Texts,
    guidance,
    guidance_document,
    secondary_types,
)

D, G, M, P = AgreementType
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
IDS = [f"q{i:02d}" for i in range(1, 17)]
S3 = "2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2"  # goals mixed with movement
TIE = "3 2 2 3 5 1 1 5 5 2 5 2 1 3 2 4"  # goals, delivery and platform tie


def answers(text: str) -> dict[str, int | None]:
    return dict(zip(IDS, (int(a) for a in text.split()), strict=True))


def type_texts(t: AgreementType, lang: str) -> dict[str, object]:
    entry: dict[str, object] = {f: f"{lang}:{t.value}:{f}" for f in TYPE_TEXT_FIELDS}
    entry.update(
        {f: [f"{lang}:{t.value}:{f}:1", f"{lang}:{t.value}:{f}:2"] for f in TYPE_LIST_FIELDS}
    )
    return entry


@pytest.fixture
def texts(tmp_path: Path) -> Texts:
    folder = tmp_path / "texts"
    folder.mkdir()
    langs = ("en", "nl")
    files: dict[str, dict[str, Any]] = {
        "types": {t.value: {lang: type_texts(t, lang) for lang in langs} for t in AgreementType},
        "advice": {
            t.value: {
                s.value: {
                    lang: {
                        "now": f"{lang}:{t.value}:{s.value}:now",
                        "questions": [
                            f"{lang}:{t.value}:{s.value}:q1",
                            f"{lang}:{t.value}:{s.value}:q2",
                        ],
                        "warnings": [f"{lang}:{t.value}:{s.value}:w1"],
                        "document": f"{lang}:{t.value}:{s.value}:document",
                    }
                    for lang in langs
                }
                for s in Stage
                if s is not Stage.CLOSED
            }
            for t in AgreementType
        },
        "guidance": {
            "general": {
                lang: {
                    k: f"{lang}:general:{k.replace('_', '-')}"
                    for k in ("several_types", "mixed", "unclear")
                }
                for lang in langs
            }
        },
        "stages": {
            s.value: {
                lang: {"name": f"{lang}:{s.value}:name", "focus": f"{lang}:{s.value}:focus"}
                for lang in langs
            }
            for s in Stage
        },  # fmt: skip
        "perspectives": {
            p.value: {
                lang: {"name": f"{lang}:{p.value}:name", "question": f"{lang}:{p.value}:q"}
                for lang in langs
            }
            for p in PerspectiveName
        },  # fmt: skip
    }
    for name, data in files.items():
        (folder / f"{name}.toml").write_text(tomli_w.dumps(data), "utf-8")
    return Texts.from_folder(folder)


def rivierdal() -> Partnership:
    p = edits.new_partnership("Gezond Rivierdal", stage=Stage.AGREE, now=T0)
    p = edits.classify(p, by="Carmen", primary=G, scores={G: 5, M: 3, D: 1, P: 1}, now=T0)
    p = edits.set_perspective(p, PerspectiveName.ORGANISATION, 2, "No programme office yet")
    return edits.set_perspective(p, PerspectiveName.AMBITION, 4)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_field_of_the_primary_type_and_its_phase_advice_is_shown(
    texts: Texts, lang: str
) -> None:
    i18n.set_language(lang)
    g = guidance(rivierdal(), texts=texts)
    (goals,) = g.types
    assert (goals.type, goals.secondary, goals.score) == (G, False, 5)
    for field in TYPE_TEXT_FIELDS:
        assert getattr(goals, field) == f"{lang}:goals:{field}"
    for field in TYPE_LIST_FIELDS:
        assert getattr(goals, field) == (f"{lang}:goals:{field}:1", f"{lang}:goals:{field}:2")
    (advice,) = g.advice
    assert advice.now == f"{lang}:goals:agree:now"
    assert advice.questions == (f"{lang}:goals:agree:q1", f"{lang}:goals:agree:q2")
    assert advice.warnings == (f"{lang}:goals:agree:w1",)
    assert advice.document == f"{lang}:goals:agree:document"
    assert g.stage.name == f"{lang}:agree:name" and g.stage.focus == f"{lang}:agree:focus"
    assert g.several_types == f"{lang}:general:several-types"
    assert (g.combine, g.unclear, g.suggest_diagnosis) == ("", "", False)
    assert g.weakest is not None and g.weakest.perspective is PerspectiveName.ORGANISATION
    assert (g.weakest.score, g.weakest.comment) == (2, "No programme office yet")
    assert g.weakest.question == f"{lang}:organisation:q"

    text = render_guidance_text(g, "r2gz6t")
    markdown = render_guidance_markdown(g)
    html = "\n".join(render_guidance_html(g))
    for rendered in (text, markdown, html):
        for field in ("description", "principal", "steering", "result", "approach", "shifts"):
            assert f"{lang}:goals:{field}" in rendered, (field, rendered)
        for field in TYPE_LIST_FIELDS:
            assert f"{lang}:goals:{field}:2" in rendered
        for part in ("now", "q2", "w1", "document"):
            assert f"{lang}:goals:agree:{part}" in rendered
        assert f"{lang}:organisation:q" in rendered
        assert f"{lang}:general:several-types" in rendered


def test_a_mixed_diagnosis_adds_its_secondary_type_and_how_to_combine(texts: Texts) -> None:
    p = record_assessment(rivierdal(), load_model(), answers(S3), by="Carmen", now=T0)
    assert secondary_types(p) == ()  # movement 3 is two below goals 5: not by itself
    g = guidance(p, texts=texts)
    assert g.secondary == (M,)
    assert [(t.type, t.secondary) for t in g.types] == [(G, False), (M, True)]
    assert [a.type for a in g.advice] == [G, M]
    assert g.combine == "en:general:mixed"
    assert g.diagnosis is not None and g.diagnosis.label is Label.MIXED
    text = render_guidance_text(g)
    assert "Secondary type: 3 Starting a movement" in text
    assert "en:movement:instruments:1" in text and "en:movement:mixed" in text
    assert "Combining the types" in text and "en:general:mixed" in text


def test_the_classifications_own_close_scores_make_a_secondary_type() -> None:
    p = edits.classify(rivierdal(), by="C", scores={M: 4, P: 3}, now=T0)
    assert secondary_types(p) == (M,)


def test_a_tie_asks_to_discuss_with_the_partners_and_names_the_separating_statements(
    texts: Texts,
) -> None:
    p = record_assessment(rivierdal(), load_model(), answers(TIE), by="Carmen", now=T0)
    g = guidance(p, texts=texts)
    assert g.unclear == "en:general:unclear"
    assert g.diagnosis is not None and g.diagnosis.label is Label.TIE
    numbers = [number for number, _ in g.diagnosis.separating]
    assert numbers and all(n.startswith("Q") for n in numbers)
    text = render_guidance_text(g)
    assert "Statements to put to the partners" in text and "en:general:unclear" in text
    assert "tie, by Carmen" in text


def test_unclassified_suggests_the_diagnosis_and_no_perspective_says_so(texts: Texts) -> None:
    p = edits.new_partnership("New", now=T0)
    g = guidance(p, texts=texts)
    assert g.suggest_diagnosis and g.types == () and g.advice == () and g.weakest is None
    text = render_guidance_text(g, "abc123")
    assert "The diagnosis helps you find it." in text
    assert "samenwerk diagnose abc123" in text
    assert "No perspective has been scored yet" in text


def test_missing_texts_are_left_out_not_shown_empty(tmp_path: Path) -> None:
    (tmp_path / "types.toml").write_text(
        '[goals.en]\nname = "Goals"\nsignals = ["one signal"]\n[goals.nl]\nname = "Doelen"\n',
        "utf-8",
    )
    g = guidance(rivierdal(), texts=Texts.from_folder(tmp_path))
    (goals,) = g.types
    assert goals.name == "Goals" and goals.signals == ("one signal",) and goals.approach == ""
    assert g.advice == () and g.several_types == ""
    text = render_guidance_text(g)
    assert "one signal" in text
    assert "Approach" not in text and "What to do now" not in text
    assert "One collaboration" not in text


def test_a_closed_partnership_gets_no_phase_advice(texts: Texts) -> None:
    p = edits.edit(rivierdal(), stage=Stage.CLOSED)
    assert guidance(p, texts=texts).advice == ()


def test_the_shipped_texts_give_guidance_in_both_languages_without_crashing() -> None:
    for lang in ("en", "nl"):
        i18n.set_language(lang)
        g = guidance(rivierdal())
        assert g.types and g.types[0].name == i18n.type_name("goals", lang)
        json.dumps(guidance_document(g), default=str)
