"""The list's facets carry the type scores, the update time and the divergence flag, the
same whether read through the lean path, from the index cache or from the full model."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Assessment, Partnership
from samenwerk_tui.domain.query import Facets, parse_query
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.config import cache_dir
from samenwerk_tui.services.session import Session
from samenwerk_tui.store import codec, lean
from samenwerk_tui.store.index import Index
from samenwerk_tui.store.workspace import Workspace

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
score = st.integers(0, 100)


@st.composite
def assessed(draw: st.DrawFn) -> Partnership:
    p = edits.new_partnership("Gezond Rivierdal", now=T0)
    p = edits.classify(
        p,
        by="Anna",
        primary=draw(st.none() | st.sampled_from(AgreementType)),
        scores={t: draw(st.integers(0, 5)) for t in AgreementType},
        now=T0 + timedelta(seconds=draw(st.integers(-(10**9), 10**9))),
    )
    runs = tuple(
        Assessment(
            f"a{i:07d}",
            T0 + timedelta(days=draw(st.integers(0, 3))),
            draw(st.sampled_from(["Anna", "anna", "Bo", " Bo", "Chris"])),
            {"q01": draw(st.integers(1, 5))},
            {t.value: draw(score) for t in AgreementType},
        )
        for i in range(draw(st.integers(0, 4)))
    )
    return p.replace(assessments=runs)


@given(assessed())
def test_lean_facets_and_cache_rows_equal_the_models_facets(p: Partnership) -> None:
    packed = lean.pack(tomllib.loads(codec.encode(p).decode("utf-8")))
    assert packed is not None
    facets = lean.facets(packed)
    assert facets == Facets.of(p)
    assert lean.facets_from_row(lean.facets_row(facets)) == facets
    assert facets.updated_at == p.updated
    assert facets.scores == tuple(p.classification.score(t).score for t in AgreementType)


def test_a_divergent_partnership_is_found_again_after_opening_from_the_cache(
    tmp_path: Path,
) -> None:
    root = tmp_path / "ws"
    session = Session.open(root, "Anna", create=True)
    calm = session.create(edits.new_partnership("Calm", now=T0))
    torn = session.create(edits.new_partnership("Torn", now=T0))
    scores = {"deliver": 90, "goals": 40, "movement": 20, "platform": 10}
    other = {"deliver": 40, "goals": 80, "movement": 20, "platform": 10}
    session.update(
        torn.partnership_id,
        lambda p: p.replace(
            assessments=(
                Assessment("aaaa0001", T0, "Anna", {"q01": 5}, scores),
                Assessment("bbbb0001", T0, "Bo", {"q01": 1}, other),
            )
        ),
    )
    session.update(
        calm.partnership_id,
        lambda p: p.replace(assessments=(Assessment("aaaa0002", T0, "Anna", {}, scores),)),
    )
    query = parse_query("is:divergent")
    for _ in range(2):  # the first open parses and writes the cache, the second reads it
        index = Index.for_workspace(cache_dir(), root, racy_seconds=0.0)
        again = Session(Workspace(root), "Anna", index=index)
        again.load()
        again.wait_for_index()
        assert [r.facets.name for r in again.filter(query)] == ["Torn"]
    assert again.from_index == 2
