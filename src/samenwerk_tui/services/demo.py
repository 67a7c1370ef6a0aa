"""The demo workspace: eight example partnerships to explore the product with.

The content lives in ``data/demo.toml``, in Dutch and English: every text a user reads is
a table with ``nl`` and ``en``, and the demo is written in one language, the one in use
(``--lang``, ``$SAMENWERK_LANG``, the config), so a Dutch advisor reads Dutch names,
roles, tags, comments and notes and ``tag:zorg`` finds the care cases. Everything else is
fixed, ids and dates included, so the demo gives the same bytes on every machine for a
given language and creating it twice changes nothing. Files go through
:meth:`Workspace.create`, so they are written by the codec like any other partnership.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from samenwerk_tui import i18n
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


def demo_language(lang: str | None = None) -> str:
    """``lang`` if the demo has it, else the language in use (``nl`` or ``en``)."""
    code = lang or i18n.language()
    return code if code in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def demo_workspace_name(lang: str | None = None) -> str:
    name = _text(_demo_document().get("workspace", {}).get("name"), demo_language(lang))
    return name if isinstance(name, str) and name else DEFAULT_NAME


def demo_partnerships(lang: str | None = None) -> list[Partnership]:
    """The demo partnerships in ``lang`` (default: the language in use) as validated model
    values, in the order of the data file."""
    code = demo_language(lang)
    return [_partnership(entry, code) for entry in _demo_document()["partnership"]]


def create_demo(root: Path, lang: str | None = None) -> bool:
    """Make ``root`` a workspace holding the demo partnerships, in ``lang`` (default: the
    language in use).

    Returns True if any partnership was written, False if all were already there. Never
    overwrites or duplicates: a partnership whose id is already in the workspace, or whose
    file name is taken (even by a broken file), is left alone, so a half-made demo is
    completed and a finished one is untouched. The ids are the same in both languages, so
    a demo folder that already holds one language is not filled up with the other.
    """
    code = demo_language(lang)
    workspace = Workspace.init(root, name=demo_workspace_name(code))
    present = {record.id for record in workspace.load_all().records}
    taken = set(workspace.scan())
    created = False
    for partnership in demo_partnerships(code):
        if partnership.id in present or workspace.file_name_for(partnership) in taken:
            continue
        workspace.create(partnership)
        created = True
    return created


# --------------------------------------------------------------------------- building


def _text(value: Any, lang: str) -> Any:
    """A user text in ``lang``: a table ``{nl = …, en = …}`` gives one of its values; a
    plain value is the same in every language (a proper name such as "Politie")."""
    if isinstance(value, dict):
        return value[lang]  # a missing language is a bug in the data file; tests catch it
    return value


def _partnership(entry: dict[str, Any], lang: str) -> Partnership:
    p = Partnership(
        id=entry["id"],
        name=_text(entry["name"], lang),
        created=_when(entry["created"]),
        updated=_when(entry["updated"]),
        stage=Stage(entry["stage"]),
        tags=normalize_tags(_text(entry.get("tags", []), lang)),
        summary=clean_block(_text(entry.get("summary", ""), lang)),
        parties=tuple(
            Party(name=_text(x["name"], lang), role=_text(x.get("role", ""), lang))
            for x in entry["parties"]
        ),
        classification=_classification(entry["classification"], lang),
        perspectives={
            PerspectiveName(name): Perspective(
                score=x["score"], comment=_text(x.get("comment", ""), lang)
            )
            for name, x in entry.get("perspectives", {}).items()
        },
        assessments=tuple(_assessment(x) for x in entry.get("assessments", [])),
        notes=sort_notes(_note(x, lang) for x in entry.get("notes", [])),
    )
    validate(p)
    return p


def _classification(raw: dict[str, Any], lang: str) -> Classification:
    return Classification(
        primary=AgreementType(raw["primary"]),
        rationale=clean_block(_text(raw["rationale"], lang)),
        updated=_when(raw["updated"]),
        by=raw["by"],
        scores={
            t: TypeScore(score=raw[t.value]["score"], comment=_text(raw[t.value]["comment"], lang))
            for t in AgreementType
        },
    )


def _note(raw: dict[str, Any], lang: str) -> Note:
    note_type = raw.get("type")
    return Note(
        id=raw["id"],
        created=_when(raw["created"]),
        author=raw["author"],
        text=clean_block(_text(raw["text"], lang)),
        type=None if note_type is None else AgreementType(note_type),
        tags=normalize_tags(_text(raw.get("tags", []), lang)),
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
