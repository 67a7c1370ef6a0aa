"""The demo workspace: eight example partnerships to explore the product with.

The content lives in ``data/demo.toml`` (English texts with the Dutch names of the
organisations and places; see that file's header). Everything in it is fixed, ids and
dates included, so the demo gives the same bytes on every machine and creating it twice
changes nothing. Files go through :meth:`Workspace.create`, so they are written by the
codec like any other partnership.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from samenwerk_tui.domain.model import (
    Assessment,
    Classification,
    Note,
    Partnership,
    Party,
    Perspective,
    TypeScore,
    clean_block,
    normalize_tags,
    sort_notes,
    to_utc,
    validate,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store.workspace import Workspace

DEMO_FILE = "demo.toml"
DEFAULT_NAME = "Samenwerk demo"


@cache
def _demo_document() -> dict[str, Any]:
    text = resources.files("samenwerk_tui.data").joinpath(DEMO_FILE).read_text("utf-8")
    return tomllib.loads(text)


def demo_workspace_name() -> str:
    name = _demo_document().get("workspace", {}).get("name")
    return name if isinstance(name, str) and name else DEFAULT_NAME


def demo_partnerships() -> list[Partnership]:
    """The demo partnerships as validated model values, in the order of the data file."""
    return [_partnership(entry) for entry in _demo_document()["partnership"]]


def create_demo(root: Path) -> bool:
    """Make ``root`` a workspace holding the demo partnerships.

    Returns True if any partnership was written, False if all were already there. Never
    overwrites or duplicates: a partnership whose id is already in the workspace, or whose
    file name is taken (even by a broken file), is left alone, so a half-made demo is
    completed and a finished one is untouched.
    """
    workspace = Workspace.init(root, name=demo_workspace_name())
    present = {record.id for record in workspace.load_all().records}
    taken = set(workspace.scan())
    created = False
    for partnership in demo_partnerships():
        if partnership.id in present or workspace.file_name_for(partnership) in taken:
            continue
        workspace.create(partnership)
        created = True
    return created


# --------------------------------------------------------------------------- building


def _partnership(entry: dict[str, Any]) -> Partnership:
    p = Partnership(
        id=entry["id"],
        name=entry["name"],
        created=_when(entry["created"]),
        updated=_when(entry["updated"]),
        stage=Stage(entry["stage"]),
        tags=normalize_tags(entry.get("tags", [])),
        summary=clean_block(entry.get("summary", "")),
        parties=tuple(Party(name=x["name"], role=x.get("role", "")) for x in entry["parties"]),
        classification=_classification(entry["classification"]),
        perspectives={
            PerspectiveName(name): Perspective(score=x["score"], comment=x.get("comment", ""))
            for name, x in entry.get("perspectives", {}).items()
        },
        assessments=tuple(_assessment(x) for x in entry.get("assessments", [])),
        notes=sort_notes(_note(x) for x in entry.get("notes", [])),
    )
    validate(p)
    return p


def _classification(raw: dict[str, Any]) -> Classification:
    return Classification(
        primary=AgreementType(raw["primary"]),
        rationale=clean_block(raw["rationale"]),
        updated=_when(raw["updated"]),
        by=raw["by"],
        scores={
            t: TypeScore(score=raw[t.value]["score"], comment=raw[t.value]["comment"])
            for t in AgreementType
        },
    )


def _note(raw: dict[str, Any]) -> Note:
    note_type = raw.get("type")
    return Note(
        id=raw["id"],
        created=_when(raw["created"]),
        author=raw["author"],
        text=clean_block(raw["text"]),
        type=None if note_type is None else AgreementType(note_type),
        tags=normalize_tags(raw.get("tags", [])),
    )


def _assessment(raw: dict[str, Any]) -> Assessment:
    """Answers are listed Q01..Q16 in the data file; the file format keys them q01…q16."""
    answers = {f"q{i:02d}": value for i, value in enumerate(raw["answers"], start=1)}
    return Assessment(
        id=raw["id"],
        at=_when(raw["at"]),
        by=raw["by"],
        answers=answers,
        scores={t.value: raw["scores"][t.value] for t in AgreementType},
    )


def _when(value: datetime) -> datetime:
    return to_utc(value)
