"""Deciding and acting: the diagnosis wizard, guidance, perspectives, several advisors and
the portfolio, driven by keys; every assertion about a change reads the file."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.widgets import Input, Static

from samenwerk_tui import i18n
from samenwerk_tui.domain import edits
from samenwerk_tui.domain.assessing import record_assessment, to_type_score
from samenwerk_tui.domain.diagnosis import diagnose, parse_answers
from samenwerk_tui.domain.types import Stage
from samenwerk_tui.services import diagnosis as diagnosis_service
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp
from samenwerk_tui.tui.screens.confirm import ConfirmScreen
from samenwerk_tui.tui.screens.diagnosis import DiagnosisScreen
from samenwerk_tui.tui.screens.forms import PerspectivesForm
from samenwerk_tui.tui.screens.guidance import GuidanceScreen
from samenwerk_tui.tui.screens.main import MainScreen
from samenwerk_tui.tui.screens.portfolio import PortfolioScreen
from samenwerk_tui.tui.widgets.partnership_list import PartnershipList
from tests.tui.tui_fixture import AUTHOR, AppPilot, file_of, make_app

RIVIERDAL, SENSEO, SCHIPHOL = "rivier0bbbbb", "senseo0aaaaa", "schiph0ccccc"
#: The README's example: a clear delivery agreement.
DELIVERY = "5,5,4,5,5,2,3,1,4,3,2,1,1,1,2,1"
#: A tie between goals (60) and delivery (59); platform (58) is close too.
TIE = "3 2 2 3 5 1 1 5 5 2 5 2 1 3 2 4"


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def digits(answers: str) -> list[str]:
    return ["minus" if a == "-" else a for a in answers.replace(",", " ").split()]


async def select(pilot: AppPilot, pid: str) -> None:
    assert isinstance(pilot.app, SamenwerkApp)
    pilot.app.main.query_one(PartnershipList).select_key(pid)
    await pilot.pause()


def text_of(app: SamenwerkApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def add_assessment(root: Path, pid: str, answers: str, by: str, day: int) -> None:
    """An assessment stored as another advisor's ``samenwerk diagnose --store`` would."""
    store = Workspace(root)
    record = next(r for r in store.load_all().records if r.id == pid)
    model = diagnosis_service.load_model()
    when = datetime(2026, 3, day, 10, 0, tzinfo=UTC)
    p = record_assessment(record.partnership, model, parse_answers(answers, model), by=by,
                          now=when, assessment_id=f"as{day:06d}")  # fmt: skip
    store.save(record, p)


# --------------------------------------------------------------------------- the wizard


async def test_a_full_diagnosis_run_stores_the_assessment_and_sets_the_classification(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, RIVIERDAL)
        await pilot.press("d")
        assert isinstance(app.screen, DiagnosisScreen)
        assert "1/16" in text_of(app, "#diagnosis-progress")
        first = diagnosis_service.statement_text("q01")
        assert first.scale[4] in text_of(app, "#diagnosis-scale")  # its own scale, spelled out
        await pilot.press(*digits(DELIVERY)[:8])
        assert "9/16" in text_of(app, "#diagnosis-progress")
        assert "8 answered" in text_of(app, "#diagnosis-progress")
        await pilot.press(*digits(DELIVERY)[8:])
        assert app.screen.showing_result
        outcome = " ".join(str(s.render()) for s in app.screen.query("#diagnosis-outcome Static"))
        assert "Dominant" in outcome and "Strongest evidence for Delivering" in outcome
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # One sentence about it, not a list of the fields it touched as well.
        assert [n.message for n in app._notifications] == [
            "Stored the diagnosis and set the classification of Gezond Rivierdal. "
            "Press g for what to do now."
        ]
    data = read(file_of(workspace, RIVIERDAL))
    model = diagnosis_service.load_model()
    answers = parse_answers(DELIVERY, model)
    result = diagnose(model, answers)
    [assessment] = data["assessments"]
    assert assessment["by"] == AUTHOR
    assert assessment["answers"] == {sid: a for sid, a in answers.items() if a is not None}
    assert assessment["scores"] == {t.value: s for t, s in result.scores.items()}
    c = data["classification"]
    assert c["primary"] == "deliver"
    for t, score in result.scores.items():
        assert score is not None
        assert c[t.value]["score"] == to_type_score(score)
    assert c["rationale"].startswith("Primary: Delivering")  # pre-filled from the explanation


async def test_going_back_changes_the_answer_and_store_only_leaves_the_classification(
    workspace: Path,
) -> None:
    before = read(file_of(workspace, SENSEO))["classification"]
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, SENSEO)
        await pilot.press("d", "5", "4")
        assert "3/16" in text_of(app, "#diagnosis-progress")
        await pilot.press("backspace")
        assert "2/16" in text_of(app, "#diagnosis-progress")
        assert "◀" in text_of(app, "#diagnosis-scale")  # the earlier answer is marked
        await pilot.press("1", "left", "left")
        assert "1/16" in text_of(app, "#diagnosis-progress")
        await pilot.press("right", "right", "minus", "3")  # forward over the kept answers
        assert "5/16" in text_of(app, "#diagnosis-progress")
        await pilot.press("enter", "ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    data = read(file_of(workspace, SENSEO))
    [assessment] = data["assessments"]
    assert assessment["answers"] == {"q01": 5, "q02": 1, "q04": 3}
    assert data["classification"] == before


async def test_escape_asks_and_then_keeps_nothing(workspace: Path) -> None:
    path = file_of(workspace, SENSEO)
    original = path.read_bytes()
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, SENSEO)
        await pilot.press("d", "5", "4", "3", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep answering
        assert isinstance(app.screen, DiagnosisScreen)
        assert "4/16" in text_of(app, "#diagnosis-progress")
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert path.read_bytes() == original


async def test_after_a_tie_the_advisor_picks_the_leading_type(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, SCHIPHOL)
        await pilot.press("d", *digits(TIE))
        choice = text_of(app, "#diagnosis-choice")
        assert "Press 2, 1 or 4." in choice and "stays: none" in choice
        await pilot.press("3")  # movement is not among the leading types: nothing happens
        assert "Press 2, 1 or 4." in text_of(app, "#diagnosis-choice")
        await pilot.press("1")
        assert "Delivery" in text_of(app, "#diagnosis-choice")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert read(file_of(workspace, SCHIPHOL))["classification"]["primary"] == "deliver"


# --------------------------------------------------------------------------- perspectives


async def test_perspectives_are_scored_in_a_form_and_the_guidance_points_at_the_weakest(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, SENSEO)
        await pilot.press("v")
        assert isinstance(app.screen, PerspectivesForm)
        assert app.screen.query_one("#score-ambition", Input).value == "4"
        app.screen.query_one("#score-relationship", Input).value = "2"
        app.screen.query_one("#comment-relationship", Input).value = "Little trust yet."
        app.screen.query_one("#score-ambition", Input).value = ""  # no longer scored
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        shown = str(app.main.query_one("#detail-perspectives", Static).render())
        assert "Relationship" in shown and "Little trust yet." in shown
        assert "not scored" in shown
        await pilot.press("g")
        assert isinstance(app.screen, GuidanceScreen)
        weakest = " ".join(str(s.render()) for s in app.screen.query(".guide-line"))
        assert "Relationship: 2 of 5" in weakest
    perspectives = read(file_of(workspace, SENSEO))["perspectives"]
    assert perspectives == {"relationship": {"score": 2, "comment": "Little trust yet."}}


async def test_a_comment_without_a_score_is_refused_in_the_form(workspace: Path) -> None:
    original = file_of(workspace, SENSEO).read_bytes()
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, SENSEO)
        await pilot.press("v")
        app.screen.query_one("#comment-process", Input).value = "Slow decisions."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PerspectivesForm)
        assert "Give Process a score" in text_of(app, "#form-error")
    assert file_of(workspace, SENSEO).read_bytes() == original


# --------------------------------------------------------------------------- guidance


async def test_guidance_for_an_unclassified_partnership_offers_the_diagnosis(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, RIVIERDAL)
        await pilot.press("g")
        assert isinstance(app.screen, GuidanceScreen)
        lines = " ".join(str(s.render()) for s in app.screen.query(".guide-line"))
        assert "Press d to start the diagnosis" in lines
        await pilot.press("d")
        assert isinstance(app.screen, DiagnosisScreen)
        await pilot.press(*digits(DELIVERY))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuidanceScreen)  # back, and redrawn for the new type
        await pilot.pause()
        headings = " ".join(str(s.render()) for s in app.screen.query(".guide-heading"))
        assert "Primary type: Delivering" in headings
        assert "What to do now" in " ".join(
            str(s.render()) for s in app.screen.query(".guide-label")
        )


async def test_guidance_shows_what_to_do_now_in_the_phase(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, SENSEO)
        await pilot.press("g")
        labels = [str(s.render()) for s in app.screen.query(".guide-label")]
        for label in ("What to do now", "For the next meeting's agenda", "Warning signs",
                      "What this phase should produce", "Who is principal", "Steering",
                      "What counts as a result", "Pitfalls"):  # fmt: skip
            assert label in labels, label
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# --------------------------------------------------------------------------- several advisors


async def test_the_detail_pane_puts_advisors_side_by_side_and_flags_divergence(
    workspace: Path,
) -> None:
    add_assessment(workspace, SENSEO, DELIVERY, "Anna de Vries", 3)
    add_assessment(workspace, SENSEO, TIE, "Bram", 4)
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, SENSEO)
        table = str(app.main.query_one("#detail-advisors", Static).render())
        assert "Anna de Vries" in table and "Bram" in table
        assert "The advisors disagree: they see a different leading type" in table
        app.state.filter = "is:divergent"
        await pilot.pause()
        assert [r.key for r in app.main.query_one(PartnershipList).rows] == [SENSEO]


# --------------------------------------------------------------------------- portfolio


async def test_the_portfolio_covers_the_filtered_partnerships_and_enter_jumps_to_one(
    workspace: Path,
) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PortfolioScreen)
        assert "3 partnerships" in text_of(app, "#portfolio-summary")
        items = [i.id if i else None for i in app.screen.items]
        assert items[:3] == [None, RIVIERDAL, SCHIPHOL]  # not yet classified, by name
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.state.selected == SCHIPHOL
        app.state.filter = "type:deliver"
        await pilot.pause()
        await pilot.press("p")
        assert "1 partnership" in text_of(app, "#portfolio-summary")
        assert "type:deliver" in text_of(app, "#portfolio-summary")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_at_80x24_the_whole_matrix_shows_above_a_usable_attention_list(
    workspace: Path,
) -> None:
    # Partnerships in every phase: the matrix at its tallest (a row per phase).
    ws = Workspace(workspace)
    for stage in Stage:
        ws.create(edits.new_partnership(f"Case {stage.value}", stage=stage))
    for size, least in (((80, 24), 4), ((120, 36), 10)):
        app = make_app(workspace)
        async with app.run_test(size=size) as pilot:
            await pilot.press("p")
            await pilot.pause()
            charts = app.screen.query_one("#portfolio-charts")
            matrix = app.screen.query_one("#portfolio-matrix")
            choices = app.screen.query_one("#portfolio-list")
            # Nothing of the charts is hidden behind a scroll: every phase's row is on screen.
            assert charts.max_scroll_y == 0, size
            assert app.screen.region.contains_region(matrix.region), size
            assert matrix.region.bottom <= choices.region.y, size
            rows = [r for r in text_of(app, "#portfolio-matrix").splitlines() if r.strip()]
            for stage in Stage:
                assert any(r.startswith(i18n.stage_name(stage.value)) for r in rows), stage
            assert choices.region.height >= least, size
            assert choices.region.bottom <= app.screen.region.bottom - 1, size  # the hint too


async def test_the_portfolio_turns_compact_when_the_terminal_gets_low(workspace: Path) -> None:
    app = make_app(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert not app.screen.has_class("-compact")
        assert text_of(app, "#portfolio-matrix").startswith("Stage × type\nStage")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PortfolioScreen) and app.screen.has_class("-compact")
        assert text_of(app, "#portfolio-matrix").startswith("Stage × type ")  # one line
        assert app.screen.query_one("#portfolio-charts").max_scroll_y == 0
