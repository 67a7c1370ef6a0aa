"""The lean read path gives the same partnership as the full decoder, or steps aside.

For any parsed document: either ``lean.pack`` returns None (the full decoder decides), or
the full decoder accepts it and ``lean.unpack`` builds an equal partnership, with the same
facets and filter text. Hypothesis checks this on every file the codec writes, and on such
files with one value swapped for something of another type or out of range.
"""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from samenwerk_tui.domain.model import Classification, Partnership
from samenwerk_tui.domain.query import Facets, haystack
from samenwerk_tui.store import codec, lean
from tests.store.test_store_codec_roundtrip import SETTINGS, partnerships


def plain(p: Partnership) -> Partnership:
    """``p`` without unknown keys and with text conflicts: a file the lean path takes."""
    c = p.classification
    return dataclasses.replace(
        p,
        extra={},
        parties=tuple(dataclasses.replace(x, extra={}) for x in p.parties),
        classification=Classification(
            c.primary,
            c.rationale,
            c.updated,
            c.by,
            {t: dataclasses.replace(s, extra={}) for t, s in c.scores.items()},
        ),
        perspectives={k: dataclasses.replace(v, extra={}) for k, v in p.perspectives.items()},
        assessments=tuple(dataclasses.replace(a, extra={}) for a in p.assessments),
        notes=tuple(dataclasses.replace(n, extra={}) for n in p.notes),
        conflicts=tuple(
            dataclasses.replace(x, ours="ours", theirs=None, extra={}) for x in p.conflicts
        ),
    )


def full(raw: dict[str, Any]) -> Partnership | None:
    try:
        return codec.from_document(copy.deepcopy(raw))
    except Exception:
        return None


def agrees(raw: dict[str, Any]) -> Partnership | None:
    """Check the contract for ``raw``; the lean model, or None if lean stepped aside."""
    packed = lean.pack(copy.deepcopy(raw))
    if packed is None:
        return None
    expected = full(raw)
    assert expected is not None, "lean accepted what the full decoder refuses"
    model = lean.unpack(packed)
    assert model == expected
    assert lean.facets(packed) == Facets.of(expected)
    assert lean.haystack(packed) == haystack(expected)
    assert lean.facets_from_row(lean.facets_row(lean.facets(packed))) == lean.facets(packed)
    return model


@SETTINGS
@given(partnerships())
def test_the_lean_path_builds_what_the_full_decoder_builds(p: Partnership) -> None:
    agrees(tomllib.loads(codec.encode(p).decode("utf-8")))
    raw = tomllib.loads(codec.encode(plain(p)).decode("utf-8"))
    model = agrees(raw)
    # Text with a carriage return always goes the full way; repr shows one as "\\r".
    if "\\r" not in repr(raw):
        assert model is not None, "a file without unknown keys takes the lean path"


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value (tables, arrays and their items included)."""
    out = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += leaves(item, (*path, i))
    return out


ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 9),
    st.integers(2**63, 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.sampled_from(["deliver", "execute", "ambition", "", " ", "K3F9QA2MZX7B", "\r", "x\r\n"]),
    st.datetimes(timezones=st.none() | st.just(UTC) | st.just(timezone(timedelta(hours=-5)))),
    st.dates(),
    st.lists(st.integers(0, 6) | st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["score", "comment", "name", "x"]), st.integers(0, 6)),
    st.just(datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))),
    st.just(datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-2)))),
    st.just(date(2026, 1, 1)),
)


@SETTINGS
@given(partnerships(), st.data())
def test_a_wrong_value_anywhere_never_slips_through_the_lean_path(
    p: Partnership, data: st.DataObject
) -> None:
    raw = tomllib.loads(codec.encode(plain(p)).decode("utf-8"))
    path = data.draw(st.sampled_from(leaves(raw) or [("schema",)]))
    value = data.draw(ODD)
    target = raw
    for part in path[:-1]:
        target = target[part]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]  # a missing value
    else:
        target[path[-1]] = value
    agrees(raw)
