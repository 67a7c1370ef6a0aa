"""A small fixed workspace for the TUI tests: fixed ids, fixed dates, so screens are stable."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Party
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.services.config import Config
from samenwerk_tui.services.session import Session
from samenwerk_tui.store.workspace import Workspace
from samenwerk_tui.tui.app import SamenwerkApp

AUTHOR = "Test Advisor"

#: A Pilot driving the workbench (its apps return an exit code).
AppPilot = Pilot[int]
#: pytest-textual-snapshot's ``snap_compare`` fixture: app, options -> matches the SVG.
SnapCompare = Callable[..., bool]
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(day: int, hour: int = 9) -> datetime:
    return T0.replace(day=day, hour=hour)


def build_workspace(root: Path, *, extra_names: list[str] | None = None) -> Path:
    """Three partnerships (one classified with notes), plus one per name in ``extra_names``."""
    Workspace.init(root, name="Fixture workspace")
    workspace = Workspace(root)
    senseo = edits.new_partnership(
        "Senseo",
        summary="Douwe Egberts and Philips build one coffee system together.",
        stage=Stage.EXECUTE,
        tags=["consumer", "product"],
        parties=[Party("Douwe Egberts", "co-principal"), Party("Philips", "co-principal")],
        now=at(2),
        pid="senseo0aaaaa",
    )
    senseo = edits.classify(
        senseo,
        by=AUTHOR,
        primary=AgreementType.DELIVER,
        scores={AgreementType.DELIVER: 5, AgreementType.GOALS: 2},
        comments={AgreementType.DELIVER: "One product, clear contracts."},
        rationale="Two firms deliver one product.",
        now=at(3),
    )
    senseo = edits.set_perspective(senseo, PerspectiveName.AMBITION, 4, "Shared and concrete.")
    senseo = senseo.replace(updated=at(3))
    senseo, _ = edits.add_note(
        senseo, "Kick-off went well.", author=AUTHOR, now=at(4), note_id="note0001"
    )
    senseo, _ = edits.add_note(
        senseo,
        "Contract review next month.",
        author="Anna de Vries",
        note_type=AgreementType.DELIVER,
        tags=["contract"],
        now=at(5),
        note_id="note0002",
    )
    rivierdal = edits.new_partnership(
        "Gezond Rivierdal",
        summary="A region working on shared health goals.",
        stage=Stage.AGREE,
        tags=["health"],
        now=at(6),
        pid="rivier0bbbbb",
    )
    schiphol = edits.new_partnership(
        "Terminal cleaning Schiphol", stage=Stage.SHAPE, now=at(7), pid="schiph0ccccc"
    )
    for p in (senseo, rivierdal, schiphol):
        workspace.create(p)
    for i, name in enumerate(extra_names or []):
        workspace.create(edits.new_partnership(name, now=at(8), pid=f"hostile{i:05d}"))
    return root


def open_session(root: Path) -> Session:
    return Session.open(root, AUTHOR, create=False)


def make_app(root: Path, *, poll: bool = False) -> SamenwerkApp:
    """The app as the CLI makes it, with no polling timer (tests poll explicitly)."""
    return SamenwerkApp(open_session(root), Config(), poll=poll, blink=False)


def file_of(root: Path, pid: str) -> Path:
    matches = sorted((root / "partnerships").glob(f"*-{pid[:6]}.toml"))
    assert len(matches) == 1, matches
    return matches[0]


def type_at_once(app: SamenwerkApp, *keys: str) -> None:
    """Queue ``keys`` for the app in one go, as a terminal delivers fast typing or a paste.

    Every key is in the app's queue before the app handles the first, so a test of "what
    happens to keys typed before the previous one took effect" needs no timing at all.
    Keys are named as for ``pilot.press`` (``"a"``, ``"slash"``, ``"ctrl+s"``).
    """
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        try:
            unicode_name = _get_unicode_name_from_key(REPLACED_KEYS.get(name, name))
            char: str | None = unicodedata.lookup(unicode_name)
        except KeyError:
            char = name if len(name) == 1 else None
        app.post_message(events.Key(name, char))
