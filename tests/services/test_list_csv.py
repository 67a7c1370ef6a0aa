"""``list --format csv`` makes each partnership's cells straight from its facets; the
result is exactly the generic CSV of :func:`list_record` (the JSON's rows), for names a
spreadsheet would run as formulas, control characters, every type and stage, and a file
that could not be read."""

from __future__ import annotations

from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Party
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.export.portfolio import (
    LIST_COLUMNS,
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


def test_the_csv_of_a_list_is_the_generic_csv_of_its_rows(tmp_path: Path) -> None:
    session = Session.open(tmp_path / "ws", "Anna", create=True)
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
            session.classify(change.partnership_id, primary=primary)
    (session.workspace.folder / "kapot-abcdef.toml").write_text("id = [", encoding="utf-8")
    session = Session.open(tmp_path / "ws", "Anna", create=False)
    assert len(session.records) == len(NAMES) and len(session.problems) == 1
    items = rows(session.sorted_records(), session.sorted_problems())
    fast = render_list_csv(items)
    assert fast == render_csv((list_record(r) for r in items), LIST_COLUMNS)
    assert "'=SUM(A1:A9)" in fast and "'+Partij" in fast  # never a formula
