"""Models are built only when asked for, and only a few are kept.

A record read through the lean path or taken from the index cache holds its file packed;
its :class:`~samenwerk_tui.domain.model.Partnership` is built when something asks (the
detail pane, an edit, an export), and only the last few are kept, so looking at every
partnership of a big workspace once does not keep ten thousand models.
"""

from __future__ import annotations

from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.query import parse_query
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import records


def test_listing_filtering_and_sorting_build_no_model_and_showing_keeps_a_few(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    session = Session.open(root, "Anna")
    for i in range(records.MODEL_CACHE_SIZE + 40):
        session.create(edits.new_partnership(f"Zorg {i:03d}", tags=["regio"]))
    reopened = Session.open(root, "Anna")
    before = records.models_built
    listed = reopened.filter(parse_query("tag:regio zorg"))
    assert len(listed) == records.MODEL_CACHE_SIZE + 40
    assert [r.facets.name for r in reopened.sorted_records()][:2] == ["Zorg 000", "Zorg 001"]
    assert records.models_built == before, "no model for the list, the filter or the sort"
    for record in listed:  # every partnership shown once
        assert record.partnership.name == record.facets.name
    assert records.models_built == before + len(listed)
    assert len(records._models) <= records.MODEL_CACHE_SIZE
    # The model just shown is kept (an edit right after it builds none).
    last = listed[-1]
    built = records.models_built
    assert last.partnership is last.partnership
    assert records.models_built == built
