"""The file layout belongs to the codec (storage rules 6, 7, 9 and the DESIGN §2 example).

Small edits must make small diffs: adding one note or one party changes only that item's
lines (and the ``updated`` stamp), never the neighbours, so git merges stay clean.
"""

from __future__ import annotations

import difflib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from samenwerk_tui.domain import edits
from samenwerk_tui.domain.model import Partnership, Party
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store import codec

GOLDEN = Path(__file__).parent / "golden" / "senseo-k3f9qa.toml"
LATER = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def golden() -> bytes:
    return GOLDEN.read_bytes()


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a zero-context diff."""
    diff = list(
        difflib.unified_diff(
            before.decode().splitlines(), after.decode().splitlines(), n=0, lineterm=""
        )
    )
    body = [line for line in diff[2:] if not line.startswith("@@")]
    return (
        [line[1:] for line in body if line.startswith("-")],
        [line[1:] for line in body if line.startswith("+")],
    )


def test_the_design_example_is_canonical_and_byte_stable() -> None:
    p = codec.decode(golden())
    assert codec.encode(p) == golden()
    assert p.stage is Stage.EXECUTE
    assert p.primary is AgreementType.DELIVER
    assert [party.name for party in p.parties] == ["Douwe Egberts", "Philips"]
    assert p.perspectives[PerspectiveName.AMBITION].score == 4
    assert p.assessments[0].scores["deliver"] == 92
    assert [n.id for n in p.notes] == ["n7c2kd01", "n9x3pq02"]
    assert p.conflicts[0].theirs == "goals"


def test_headers_come_in_the_order_of_design_section_2() -> None:
    headers = [line for line in golden().decode().splitlines() if line.startswith("[")]
    assert headers == [
        "[[parties]]",
        "[[parties]]",
        "[classification]",
        "[classification.deliver]",
        "[classification.goals]",
        "[classification.movement]",
        "[classification.platform]",
        "[perspectives.ambition]",
        "[perspectives.relationship]",
        "[[assessments]]",
        "[[notes]]",
        "[[notes]]",
        "[[conflicts]]",
    ]


def test_adding_a_200_character_note_changes_only_its_own_lines() -> None:
    before = golden()
    p = codec.decode(before)
    text = "Lange notitie " + "x" * 186
    assert len(text) == 200
    after = codec.encode(edits.add_note(p, text, author="Anna", now=LATER, note_id="zz000001")[0])
    removed, added = changed_lines(before, after)
    assert removed == ["updated = 2026-11-26 10:40:00+00:00"]
    assert added.count("") == 1  # the blank line between blocks
    assert [line for line in added if line] == [
        "updated = 2026-12-01 12:00:00+00:00",
        "[[notes]]",
        'id = "zz000001"',
        "created = 2026-12-01 12:00:00+00:00",
        'author = "Anna"',
        "tags = []",
        f'text = "{text}"',
    ]


def test_adding_a_note_to_a_partnership_with_only_short_notes_keeps_them_as_they_were() -> None:
    """tomli-w alone writes short notes inline and flips them all once one is long."""
    p = edits.new_partnership("Kort", now=LATER, pid="kort00000001")
    for i in range(3):
        p, _ = edits.add_note(p, "ok", author="A", now=LATER, note_id=f"n{i}")
    before = codec.encode(p)
    assert before.decode().count("[[notes]]") == 3
    after = codec.encode(edits.add_note(p, "y" * 200, author="A", now=LATER, note_id="n9")[0])
    removed, added = changed_lines(before, after)
    assert removed == []
    assert added[:3] == ["", "[[notes]]", 'id = "n9"']
    assert len(added) == 7


def test_adding_a_one_word_party_changes_only_its_own_lines() -> None:
    before = golden()
    p = codec.decode(before)
    q = edits.edit(p, parties=[*p.parties, Party("JDE")]).replace(updated=p.updated)
    removed, added = changed_lines(before, codec.encode(q))
    assert removed == []
    assert added == ["", "[[parties]]", 'name = "JDE"', 'role = ""']


def test_scoring_one_type_changes_only_that_score_and_the_stamps() -> None:
    before = golden()
    p = codec.decode(before)
    q = edits.classify(p, by="Anna de Vries", scores={AgreementType.GOALS: 3}, now=LATER)
    removed, added = changed_lines(before, codec.encode(q))
    assert sorted(removed) == sorted(["updated = 2026-11-26 10:40:00+00:00"] * 2 + ["score = 1"])
    assert sorted(added) == sorted(["updated = 2026-12-01 12:00:00+00:00"] * 2 + ["score = 3"])


# ------------------------------------------------------------------ rule 9: unknown keys

UNKNOWN = b"""\
schema = 1
id = "k3f9qa2mzx7b"
name = "Senseo"
stage = "explore"
tags = []
created = 2026-11-26 09:12:00+00:00
updated = 2026-11-26 10:40:00+00:00
summary = ""
future = 1
"met spatie" = [1, 2.5, "x", { a = 1979-05-27 }]

[[parties]]
name = "Philips"
role = ""
since = 2019

[parties.contact]
email = "p@example.org"

[classification]
rationale = ""
confidence = "high"

[classification.deliver]
score = 0
comment = ""
weight = 0.5

[classification.goals]
score = 0
comment = ""

[classification.movement]
score = 0
comment = ""

[classification.platform]
score = 0
comment = ""

[classification.extra]
source = "workshop"

[perspectives.ambition]
score = 3
comment = ""
trend = "up"

[perspectives.energy]
score = 2

[[notes]]
id = "n1"
created = 2026-11-26 09:12:00+00:00
author = "Anna"
tags = []
text = "x"
pinned = true

[[conflicts]]
field = "stage"
ours = "share"
theirs = "agree"
seen = false

[x.y]
z = 1

[[later]]
n = 1

[[later]]
n = 2
"""


def test_unknown_keys_and_tables_at_every_level_survive_byte_for_byte() -> None:
    p = codec.decode(UNKNOWN)
    assert p.extra["future"] == 1
    assert p.extra["x"] == {"y": {"z": 1}}
    assert p.classification.extra["extra"] == {"source": "workshop"}
    assert p.parties[0].extra == {"since": 2019, "contact": {"email": "p@example.org"}}
    assert codec.encode(p) == UNKNOWN
    # ...and through an edit, which only touches what it changes
    q = edits.edit(p, stage=Stage.SHARE).replace(updated=p.updated)
    removed, added = changed_lines(UNKNOWN, codec.encode(q))
    assert (removed, added) == (['stage = "explore"'], ['stage = "share"'])


def test_unknown_keys_in_odd_places_move_once_and_then_stay() -> None:
    data = UNKNOWN.replace(b"future = 1\n", b"").replace(
        b"schema = 1\n", b"future = 1\nschema = 1\n"
    )
    assert codec.encode(codec.decode(data)) == UNKNOWN
    inline = UNKNOWN.replace(b"future = 1\n", b"future = { a = 1 }\n")
    first = codec.encode(codec.decode(inline))
    assert b"seen = false\n\n[future]\na = 1\n\n[x.y]" in first  # now a table, in order
    assert codec.decode(first) == codec.decode(inline)
    assert codec.encode(codec.decode(first)) == first


# ------------------------------------------------------------------ rule 8: normalising


def test_crlf_text_is_saved_as_lf_and_loads_back_equal() -> None:
    p = edits.new_partnership("Senseo", now=LATER, pid="k3f9qa2mzx7b")
    raw = Partnership(**{**p.__dict__, "summary": "a\r\nb", "name": "Zoe\u0308"})
    data = codec.encode(raw)
    assert b'"""\na\nb"""' in data
    assert b"\r" not in data
    loaded = codec.decode(data)
    assert loaded.summary == "a\nb" and loaded.name == "Zoë"
    assert codec.encode(loaded) == data


def test_datetimes_with_other_offsets_are_saved_in_utc_to_the_second() -> None:
    data = golden().replace(
        b"created = 2026-11-26 09:12:00+00:00", b"created = 2026-11-26T10:12:00.75+01:00"
    )
    p = codec.decode(data)
    assert p.created == datetime(2026, 11, 26, 9, 12, tzinfo=UTC)
    assert codec.encode(p) == golden()


@pytest.mark.parametrize(
    ("replace", "key"),
    [
        ("naive", "error.naive_datetime"),
        ("none-name", "error.empty_name"),
    ],
)
def test_values_schema_1_cannot_hold_are_refused_before_writing(replace: str, key: str) -> None:
    from samenwerk_tui.domain.model import DomainError

    p = codec.decode(golden())
    if replace == "naive":
        bad = p.replace(updated=datetime(2026, 11, 26, 9, 12))
    else:
        bad = p.replace(name=" \x1b ")
    with pytest.raises(DomainError) as info:
        codec.encode(bad)
    assert info.value.key == key


def test_a_crlf_file_loads_and_saves_as_lf() -> None:
    crlf = golden().replace(b"\n", b"\r\n")
    p = codec.decode(crlf)
    assert p == codec.decode(golden())
    assert codec.encode(p) == golden()


def test_our_notes_never_look_like_a_git_conflict() -> None:
    """A Markdown heading or pasted merge output in a note must not make the file 'broken'."""
    p = codec.decode(golden())
    for text in ("Titel\n=======\nTekst", "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> b"):
        q, _ = edits.add_note(p, text, author="A", now=LATER)
        data = codec.encode(q)
        assert codec.decode(data).notes[-1].text == text
        assert not any(
            line.startswith(("<<<<<<<", "=======", ">>>>>>>"))
            for line in data.decode().splitlines()
        )
