"""``list --format csv`` and ``export --format csv`` make each partnership's cells straight
from its facets and packed file; the result is exactly the generic CSV of
:func:`list_record` / :func:`export_record` (the JSON's rows), for names a spreadsheet
would run as formulas, control characters, every type and stage, notes and rationales, a
file only the full decoder reads, and a file that could not be read."""

from __future__ import annotations

from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Party
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.export.portfolio import (
    EXPORT_COLUMNS,
    LIST_COLUMNS,
    broken_record,
    export_csv,
    export_record,
    list_record,
    render_csv,
    render_list_csv,
    rows,
)
from samenwerk_tui.services.session import Session

NAMES = [
    "=SUM(A1:A9)",
    "+31 zorg",
    "-min",
    "@team",
    "Tab\tin de naam",
    "Regel\neinde",
    "Bel \x07 hier",
    "Coöperatie Zuid",
    "Gewone naam",
]


def tricky_workspace(root: Path) -> Session:
    session = Session.open(root, "Anna", create=True)
    for i, name in enumerate(NAMES):
        p = edits.new_partnership(
            name,
            stage=list(Stage)[i % len(Stage)],
            tags=["zorg", f"=tag{i}"] if i % 2 else [],
            parties=[Party(f"+Partij {i}", "trekker"), Party("Gemeente", "partner")],
        )
        change = session.create(p)
        if i % 3:
            primary = list(AgreementType)[i % 4]
            session.classify(change.partnership_id, primary=primary, rationale=f"=Waarom {i}")
        if i % 2:
            session.add_note(change.partnership_id, f"+Notitie {i}\nmet een tweede regel")
    folder = session.workspace.folder
    (folder / "kapot-abcdef.toml").write_text("id = [", encoding="utf-8")
    odd = sorted(folder.glob("gewone-naam-*.toml"))[0]  # an unknown key: the full decoder
    odd.write_bytes(odd.read_bytes().replace(b"schema = 1\n", b"schema = 1\nextra = 5\n"))
    session = Session.open(root, "Anna", create=False)
    assert len(session.records) == len(NAMES) and len(session.problems) == 1
    assert sum(r.packed is None for r in session.records.values()) == 1
    return session


def test_the_csv_of_a_list_is_the_generic_csv_of_its_rows(tmp_path: Path) -> None:
    session = tricky_workspace(tmp_path / "ws")
    items = rows(session.sorted_records(), session.sorted_problems())
    fast = render_list_csv(items)
    assert fast == render_csv((list_record(r) for r in items), LIST_COLUMNS)
    assert "'=SUM(A1:A9)" in fast and "'+Partij" in fast  # never a formula


def test_the_csv_export_is_the_generic_csv_of_its_records(tmp_path: Path) -> None:
    session = tricky_workspace(tmp_path / "ws")
    records, problems = session.sorted_records(), session.sorted_problems()
    fast = export_csv(records, problems)
    generic = [export_record(r) for r in records]
    generic += [broken_record(p, EXPORT_COLUMNS) for p in problems]
    assert fast == render_csv(generic, EXPORT_COLUMNS)
    assert "'=Waarom 1" in fast and "kapot-abcdef.toml" in fast
