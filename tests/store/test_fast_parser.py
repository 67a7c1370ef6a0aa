"""The fast parser (toml_rs) reads every file the codec writes exactly as tomllib does, and
a broken file is reported exactly as before, whichever parser looked at it first."""

from __future__ import annotations

import math
import tomllib
from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import given

from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.store import codec, parser
from tests.store.test_store_codec_roundtrip import SETTINGS, partnerships

pytestmark = pytest.mark.skipif(not parser.available(), reason="no fast parser installed")


def identical(a: Any, b: Any) -> bool:
    """Equal values of the same types; datetimes with the same offset, nan equal to nan."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(identical(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, datetime | time):
        return bool(
            a == b and a.utcoffset() == b.utcoffset() and (a.tzinfo is None) == (b.tzinfo is None)
        )
    if isinstance(a, date):
        return bool(a == b)
    return bool(a == b)


@SETTINGS
@given(partnerships())
def test_the_fast_parser_reads_every_file_the_codec_writes_as_tomllib_does(p: Partnership) -> None:
    text = codec.encode(p).decode("utf-8")
    fast = parser.loads_fast(text)
    assert fast is not None
    assert identical(fast, tomllib.loads(text))


# Documents tomllib refuses. toml_rs in its default TOML 1.1 mode accepts several of them;
# in the strict 1.0 mode we use it must refuse them too (or, for the BOM, never see them).
REFUSED = {
    "escape e": 'a = "\\e"\n',
    "escape x": 'a = "\\x41"\n',
    "inline table over lines": "a = { b = 1,\n c = 2 }\n",
    "inline table trailing comma": "a = { b = 1, }\n",
    "time without seconds": "a = 2026-01-01 10:00+00:00\n",
    "byte order mark": "\ufeffa = 1\n",
    "duplicate key": "a = 1\na = 2\n",
    "table twice": "[a]\nx = 1\n[a]\ny = 2\n",
    "lone carriage return": "a = 1\r b = 2\n",
    "conflict markers": "<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> theirs\n",
}


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_what_tomllib_refuses_the_fast_parser_never_accepts(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    assert parser.loads_fast(text) is None


GOOD = (
    'schema = 1\nid = "k3f9qa2mzx7b"\nname = "Senseo"\nstage = "execute"\ntags = []\n'
    "created = 2026-11-26 09:12:00+00:00\nupdated = 2026-11-26 10:40:00+00:00\n"
    'summary = ""\n\n[classification]\nrationale = ""\n'
)
BROKEN = {
    "bad toml": GOOD + "x = \n",
    "conflict markers": "<<<<<<< HEAD\n" + GOOD + "=======\n>>>>>>> theirs\n",
    "markers inside a string": GOOD.replace(
        'summary = ""', 'summary = """\n<<<<<<< a\n>>>>>>> b\n"""'
    ),
    "truncated": GOOD + 'note = """abc',
    "escape from TOML 1.1": GOOD.replace('name = "Senseo"', 'name = "Sen\\eseo"'),
    "time without seconds": GOOD.replace("09:12:00+00:00", "09:12+00:00"),
    "schema": GOOD.replace("schema = 1", 'schema = "1"'),
    "boolean schema": GOOD.replace("schema = 1", "schema = true"),  # the full path takes it
    "id": GOOD.replace("k3f9qa2mzx7b", "K3F9QA2MZX7B"),
    "empty name": GOOD.replace('name = "Senseo"', 'name = "  "'),
    "stage": GOOD.replace('"execute"', '"uitvoeren"'),
    "tags": GOOD.replace("tags = []", "tags = [1]"),
    "naive created": GOOD.replace("09:12:00+00:00", "09:12:00"),
    "created as date": GOOD.replace("2026-11-26 09:12:00+00:00", "2026-11-26"),
    "score range": GOOD + "\n[classification.goals]\nscore = 6\n",
    "score bool": GOOD + "\n[classification.goals]\nscore = true\n",
    "primary": GOOD.replace('rationale = ""', 'primary = "both"\nrationale = ""'),
    "perspective without score": GOOD + '\n[perspectives.ambition]\ncomment = "x"\n',
    "duplicate notes": GOOD
    + '\n[[notes]]\nid = "n1"\ncreated = 2026-11-26 09:12:00+00:00\ntext = "a"\n'
    + '\n[[notes]]\nid = "n1"\ncreated = 2026-11-26 09:13:00+00:00\ntext = "b"\n',
    "answer range": GOOD
    + '\n[[assessments]]\nid = "a1"\nat = 2026-11-26 09:12:00+00:00\nanswers = { q01 = 7 }\n',
    "party without name": GOOD + '\n[[parties]]\nrole = "x"\n',
}


def outcome(call: Any) -> Any:
    try:
        return call()
    except codec.FormatError as exc:
        return ("broken", exc.key, exc.params, exc.line, exc.column)


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_an_odd_or_broken_file_is_read_exactly_as_by_the_tomllib_path(text: str) -> None:
    data = text.encode("utf-8")
    before = outcome(lambda: codec._decode_text(text))  # the full path: tomllib only
    assert outcome(lambda: codec.decode(data)) == before
    assert outcome(lambda: codec.read(data)) == before


def test_a_byte_order_mark_is_read_past_on_both_paths() -> None:
    """Windows editors write one; the file reads as the same file without it."""
    plain = GOOD.encode("utf-8")
    marked = "\ufeff".encode() + plain
    assert codec.decode(marked) == codec.decode(plain)
    assert codec.read(marked) == codec.read(plain)


def test_a_small_user_file_reads_as_tomllib_reads_it_and_a_broken_one_says_where() -> None:
    """``parser.loads`` (the config, the workspace settings, the themes): the fast parser's
    answer where it has one, else tomllib's, with its line and column for a broken file."""
    texts = ("", 'author = "Anna"\nlanguage = "nl"\n', '[workspaces."/tmp/x"]\nsort = "name"\n')
    for text in texts:
        assert parser.loads(text) == tomllib.loads(text)
    for broken in ('author = "Anna\n', "\ufeffa = 1\n", "a = 1\na = 2\n"):
        with pytest.raises(tomllib.TOMLDecodeError) as info:
            parser.loads(broken)
        assert "line" in str(info.value)
