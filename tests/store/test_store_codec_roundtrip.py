"""Round trips of the partnership file format (storage rules 5, 7, 8, 9).

Hypothesis builds partnerships full of hostile text (quotes, backslashes, triple quotes,
control characters, emoji, NFD accents, CRLF, 100 kB notes) and unknown keys and tables at
every level; the file written for them must load back equal and save back byte for byte.
"""

from __future__ import annotations

import math
import tomllib
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerk_tui.domain.model import (
    Assessment,
    Classification,
    Conflict,
    Note,
    Partnership,
    Party,
    Perspective,
    TypeScore,
    normalize_tags,
    sort_notes,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store import codec

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = [
    '"',
    '"""',
    '""""',
    "'''",
    "\\",
    "\\n",
    'end with quote"',
    "a\nb",
    "\n",
    "trailing\n",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x00\x01\x7f\x9d",
    "\u202erivier",
    "🤝 👩\u200d👩\u200d👧",
    "Zoe\u0308",
    "Zoë",
    "<<<<<<< HEAD\n=======\n>>>>>>> theirs",
    "Titel\n=======\nTekst",
    "# not a comment",
    "[bold]x[/]",
    "key = 1\n[table]",
]
BIG = 'Zoë """ \\ \x1b\n' * 12_500  # 100 kB


def raw_text() -> st.SearchStrategy[str]:
    """Any text, hostile samples, and pairs of both; may hold CR and NFD."""
    piece = st.one_of(st.just(""), st.sampled_from(HOSTILE), st.text(max_size=20))
    return st.one_of(piece, st.tuples(piece, piece).map("".join))


def canonical(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def clean_text() -> st.SearchStrategy[str]:
    return raw_text().map(canonical)


def names() -> st.SearchStrategy[str]:
    return (
        clean_text()
        .filter(lambda s: len(s.strip()) > 0 and len(s) <= 200)
        .filter(lambda s: any(ch.isalnum() for ch in s))
    )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def aware(whole_seconds: bool = True) -> st.SearchStrategy[datetime]:
    """Aware date-times with any whole-minute offset (cheaper than ``st.datetimes``)."""
    return st.builds(
        lambda s, us, minutes: (EPOCH + timedelta(seconds=s, microseconds=us)).astimezone(
            timezone(timedelta(minutes=minutes))
        ),
        st.integers(-2_000_000_000, 7_000_000_000),
        st.just(0) if whole_seconds else st.integers(0, 999_999),
        st.integers(-23 * 60, 23 * 60),
    )


def utc_times() -> st.SearchStrategy[datetime]:
    return aware().map(lambda d: d.astimezone(UTC))


KNOWN_KEYS = {
    "schema", "id", "name", "stage", "tags", "created", "updated", "summary", "parties",
    "classification", "perspectives", "assessments", "notes", "conflicts", "role", "primary",
    "rationale", "by", "score", "comment", "at", "answers", "scores", "author", "type", "text",
    "field", "ours", "theirs", "deliver", "goals", "movement", "platform",
    *(p.value for p in PerspectiveName),
}  # fmt: skip

keys = st.one_of(
    st.sampled_from(["future", "x", "extra", "y", "bare_key-1", "met spatie", "", "ë", "a.b"]),
    st.text(max_size=8),
).filter(lambda k: k not in KNOWN_KEYS)

scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    raw_text(),
    aware(whole_seconds=False),
    st.datetimes(min_value=datetime(1, 1, 1)),  # local date-time
    st.dates(),
    st.times(),
)


def values(depth: int = 2) -> st.SearchStrategy[Any]:
    """Any TOML value: scalars, arrays and tables, nested."""
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(keys, inner, max_size=3),
        ),
        max_leaves=4,
    )


# Most objects have no unknown keys; some have a few. Keeps generation cheap.
VALUES = values()
# Most objects have no unknown keys; some have a few. Keeps generation cheap.
extras = st.one_of(st.just({}), st.just({}), st.dictionaries(keys, VALUES, max_size=2))
# Strategies are built once: building them inside the composite costs more than drawing.
CLEAN = clean_text()
NAMES = names()
UTC_TIMES = utc_times()
MAYBE_TYPE = st.none() | st.sampled_from(AgreementType)
TAGS = st.lists(st.text(max_size=10), max_size=3).map(normalize_tags)


@st.composite
def partnerships(draw: st.DrawFn) -> Partnership:
    """A canonical partnership: what ``decode`` gives back for its own file."""
    created = draw(UTC_TIMES)
    scores = {
        t: TypeScore(draw(st.integers(0, 5)), draw(CLEAN), draw(extras)) for t in AgreementType
    }
    classification = Classification(
        primary=draw(MAYBE_TYPE),
        rationale=draw(CLEAN),
        updated=draw(st.none() | UTC_TIMES),
        by=draw(st.just("") | CLEAN),
        scores=scores,
        extra=draw(extras),
    )
    perspectives = {
        name: Perspective(draw(st.integers(1, 5)), draw(CLEAN), draw(extras))
        for name in draw(st.sets(st.sampled_from(PerspectiveName)))
    }
    note_ids = draw(
        st.lists(st.text("abcdefgh0123", min_size=1, max_size=8), unique=True, max_size=3)
    )
    notes = [
        Note(
            nid,
            draw(UTC_TIMES),
            draw(CLEAN),
            draw(CLEAN),
            draw(MAYBE_TYPE),
            draw(TAGS),
            draw(extras),
            draw(st.none() | UTC_TIMES),  # edited: only after a correction
        )
        for nid in note_ids
    ]
    extra = draw(extras)
    unknown_perspectives = draw(st.dictionaries(keys, VALUES, max_size=2))
    if unknown_perspectives:
        extra["perspectives"] = unknown_perspectives
    return Partnership(
        id=draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=12, max_size=12)),
        name=draw(NAMES),
        created=created,
        updated=draw(UTC_TIMES),
        stage=draw(st.sampled_from(Stage)),
        tags=normalize_tags(draw(st.lists(st.text(max_size=12), max_size=4))),
        summary=draw(CLEAN),
        parties=tuple(
            Party(draw(NAMES), draw(CLEAN), draw(extras)) for _ in range(draw(st.integers(0, 3)))
        ),
        classification=classification,
        perspectives=perspectives,
        assessments=tuple(
            Assessment(
                draw(st.text(min_size=1, max_size=8)),
                draw(UTC_TIMES),
                draw(CLEAN),
                draw(st.dictionaries(st.text(max_size=4), st.integers(1, 5), max_size=4)),
                draw(st.dictionaries(st.text(max_size=8), st.integers(-5, 200), max_size=5)),
                draw(extras),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        notes=sort_notes(notes),
        conflicts=tuple(
            Conflict(draw(CLEAN), draw(VALUES), draw(VALUES), draw(extras))
            for _ in range(draw(st.integers(0, 2)))
        ),
        extra=extra,
    )


@SETTINGS
@given(partnerships())
def test_a_saved_partnership_loads_back_equal_and_saves_back_byte_for_byte(p: Partnership) -> None:
    data = codec.encode(p)
    loaded = codec.decode(data)
    assert loaded == p
    assert codec.encode(loaded) == data
    assert codec.decode(codec.encode(loaded)) == loaded
    check_file_rules(p, data)


def check_file_rules(p: Partnership, data: bytes) -> None:
    """Rule 8 and 22: UTF-8, LF only, one trailing newline, our text in NFC, no raw controls."""
    text = data.decode("utf-8")
    assert "\r" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    document = tomllib.loads(text)
    ours = [document["name"], document["summary"], document["classification"]["rationale"]]
    ours += [x for party in document.get("parties", []) for x in (party["name"], party["role"])]
    ours += [x for note in document.get("notes", []) for x in (note["text"], note["author"])]
    assert all(unicodedata.is_normalized("NFC", x) for x in ours)  # unknown keys stay as found
    # the raw bytes hold no control characters: they are written as escapes
    assert not any(ch < 0x20 and ch not in b"\n\t" for ch in data)
    assert document["id"] == p.id


def test_100_kb_texts_everywhere_round_trip() -> None:
    p = _minimal().replace(
        summary=BIG,
        parties=(Party(BIG[:200].strip() or "x", BIG, {"future": BIG}),),
        notes=(Note("n1", _T, "Anna", BIG, extra={"x": [BIG, {"y": BIG}]}),),
        extra={"future": BIG, "table": {"deep": BIG}},
    )
    data = codec.encode(p)
    assert len(data) > 500_000
    loaded = codec.decode(data)
    assert loaded == p
    assert codec.encode(loaded) == data


def noncanonical_text() -> st.SearchStrategy[str]:
    return raw_text()


@st.composite
def noncanonical(draw: st.DrawFn) -> Partnership:
    """Values as a hand edit or an older tool may leave them: CRLF, NFD, offsets, fractions."""
    p = draw(partnerships())
    return p.replace(
        name=unicodedata.normalize("NFD", draw(NAMES)),
        summary=draw(noncanonical_text()),
        created=draw(aware(whole_seconds=False)),
        updated=draw(aware(whole_seconds=False)),
        parties=tuple(
            Party(party.name, draw(noncanonical_text()), party.extra) for party in p.parties
        ),
    )


@SETTINGS
@given(noncanonical(), st.booleans())
def test_non_canonical_files_reach_a_fixed_point_after_one_save(
    p: Partnership, multiline: bool
) -> None:
    first = codec.encode(p)
    loaded = codec.decode(first)
    assert codec.encode(loaded) == first
    assert loaded.summary == canonical(p.summary)
    assert loaded.created == p.created.replace(microsecond=0)
    assert loaded.created.tzinfo is UTC
    # The same record as tomli-w lays it out (inline arrays, other order, CRLF, offsets)
    document = codec._plain(codec.to_document(p))
    foreign = tomli_w.dumps(document, multiline_strings=multiline)
    foreign = foreign.replace("+00:00", "Z").replace("\n", "\r\n")
    try:
        reloaded = codec.decode(foreign.encode("utf-8"))
    except codec.FormatError as exc:
        # tomli-w writes our conflict-marker samples inside a multi-line string
        assert exc.key == "broken.conflict_markers" and multiline
        return
    again = codec.encode(reloaded)
    assert codec.decode(again) == reloaded
    assert codec.encode(codec.decode(again)) == again


def test_unknown_nan_and_carriage_returns_in_unknown_keys_survive() -> None:
    """Found by these tests: such files loaded but could never be saved again."""
    base = codec.encode(_minimal())
    data = base.replace(b'summary = ""\n', b'summary = ""\nx = nan\ny = "a\\r\\nb\\nc"\n')
    loaded = codec.decode(data)
    assert math.isnan(loaded.extra["x"]) and loaded.extra["y"] == "a\r\nb\nc"
    assert codec.encode(loaded) == data


def test_unknown_assessment_scores_survive() -> None:
    run = Assessment("a1", _T, "Anna", {"q01": 5}, {"platform": 13, "future": 7, "deliver": 92})
    data = codec.encode(_minimal().replace(assessments=(run,)))
    assert b"scores = { deliver = 92, platform = 13, future = 7 }" in data
    assert codec.decode(data).assessments[0].scores == run.scores


def test_special_scalars_in_unknown_keys_round_trip() -> None:
    extra = {
        "t": time(9, 30, 1, 5),
        "d": date(2026, 11, 26),
        "local": datetime(2026, 11, 26, 9, 12),
        "amsterdam": datetime(2026, 11, 26, 10, 12, tzinfo=timezone(timedelta(hours=1))),
        "inf": -math.inf,
    }
    data = codec.encode(_minimal().replace(extra=extra))
    assert codec.decode(data).extra == extra
    assert b"amsterdam = 2026-11-26 10:12:00+01:00" in data


_T = datetime(2026, 11, 26, 9, 12, tzinfo=UTC)


def _minimal() -> Partnership:
    return Partnership(id="k3f9qa2mzx7b", name="Senseo", created=_T, updated=_T)
