"""The shipped texts, parsed once, come from the user's cache folder at the next start.

Parsing the Dutch and English catalogs takes a few milliseconds of every start, so what
they parse to is kept in ``<cache>/samenwerk/texts/``, a file per text. A start reads the same
sentences from it as a parse gives; a catalog file that changed (an upgrade, a
translator at work) is parsed again; and a cache file that is damaged, of another
version, or not the user's own is ignored and replaced, never believed.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samenwerk_tui import i18n, i18n_cache
from samenwerk_tui.cli.main import main
from samenwerk_tui.services.config import cache_dir


@pytest.fixture
def fresh_texts() -> Iterator[None]:
    """Forget what this process parsed, before and after (as a new start would)."""
    i18n.catalog.cache_clear()
    i18n._load_data.cache_clear()
    yield
    i18n_cache.keep_in(None)
    i18n.catalog.cache_clear()
    i18n._load_data.cache_clear()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts parsed from now on (not taken from the cache), in order."""
    calls: list[str] = []
    parse = i18n.parse_shipped

    def counted(text: str) -> dict[str, Any]:
        calls.append(text)
        return parse(text)

    monkeypatch.setattr(i18n, "parse_shipped", counted)
    return calls


def restart(path: Path | None) -> None:
    i18n_cache.keep_in(path)
    i18n.catalog.cache_clear()
    i18n._load_data.cache_clear()


def test_a_second_start_reads_the_same_sentences_from_the_cache(
    tmp_path: Path, fresh_texts: None, parses: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line keeps the texts in the cache folder; what a later start takes
    from there is exactly what parsing the shipped files gives."""
    parsed = {lang: i18n.catalog(lang) for lang in i18n.LANGUAGES}
    types = i18n.data_file("types.toml")
    restart(None)
    assert main(["--lang", "nl", "init", str(tmp_path / "ws")]) == 0
    assert "Werkmap" in capsys.readouterr().out
    i18n.set_language("en")
    kept = cache_dir() / i18n_cache.TEXTS_DIR
    assert (kept / "messages-nl.marshal").is_file()
    if sys.platform != "win32":
        assert (kept / "messages-nl.marshal").stat().st_mode & 0o777 == 0o600
    restart(kept)
    parses.clear()
    assert i18n.catalog("nl") == parsed["nl"]
    assert parses == []  # what the Dutch command used: all from the cache
    # What it did not need is parsed now, and kept for the next start.
    assert i18n.catalog("en") == parsed["en"]
    assert i18n.data_file("types.toml") == types
    assert parses
    restart(kept)
    parses.clear()
    assert i18n.t("tui.list.empty", key="n") == parsed["en"]["tui.list.empty"].format(key="n")
    assert i18n.catalog("nl") == parsed["nl"]
    assert i18n.data_file("types.toml") == types
    assert parses == []


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_source_or_a_cache_not_to_be_believed_means_parsing_again(
    tmp_path: Path, fresh_texts: None
) -> None:
    root = tmp_path / "package"
    root.mkdir()
    a = write(root / "a.toml", 'x = "een"\n')
    b = write(root / "b.toml", 'y = "twee"\n')
    kept = tmp_path / "cache" / i18n_cache.TEXTS_DIR
    file = kept / "messages-nl.marshal"
    parses: list[int] = []

    def parse() -> dict[str, str]:
        parses.append(1)
        return {"x": a.read_text(), "y": b.read_text()}

    def start() -> Any:
        i18n_cache.keep_in(kept)
        return i18n_cache.parsed(("messages", "nl"), root, [a, b], parse)

    first = start()
    assert (first, len(parses)) == ({"x": 'x = "een"\n', "y": 'y = "twee"\n'}, 1)
    assert (start(), len(parses)) == (first, 1)  # kept
    write(b, 'y = "drie"\n')  # same size, later time: a new signature either way
    os.utime(b, ns=(b.stat().st_atime_ns, b.stat().st_mtime_ns + 10**9))
    assert start()["y"] == 'y = "drie"\n' and len(parses) == 2
    assert len(start()) == 2 and len(parses) == 2
    # Damaged: ignored, and replaced by a good one.
    file.write_bytes(b"\x00garbage" * 10)
    assert start()["x"] == 'x = "een"\n' and len(parses) == 3
    assert start() and len(parses) == 3
    # Another samenwerk's (or Python's) file: ignored.
    stamp, texts = marshal.loads(file.read_bytes())
    file.write_bytes(marshal.dumps(((*stamp[:1], "0.0.0", *stamp[2:]), texts)))
    assert start() and len(parses) == 4
    if hasattr(os, "getuid"):  # Someone else may write it: never believed.
        file.chmod(0o666)
        assert start() and len(parses) == 5
    # A source gone: parsed (and the parse says what is missing), not taken from the cache.
    b.unlink()
    with pytest.raises(FileNotFoundError):
        start()
    assert not list(kept.glob("*.tmp")) and not list(kept.glob(".*.tmp"))


def test_a_text_marshal_cannot_keep_is_parsed_each_time_and_spoils_nothing(
    tmp_path: Path, fresh_texts: None, parses: list[str]
) -> None:
    """The demo's data holds dates, which marshal cannot write: that text is parsed at
    every start, and the texts kept before and after it are kept as ever."""
    kept = tmp_path / i18n_cache.TEXTS_DIR
    restart(kept)
    demo = i18n.data_file("demo.toml")
    assert i18n.catalog("nl")
    restart(kept)
    assert i18n.data_file("demo.toml") == demo
    restart(kept)
    parses.clear()
    assert i18n.catalog("nl") and parses == []
    assert i18n.data_file("demo.toml") == demo and len(parses) == 1


def test_without_a_cache_folder_to_write_the_texts_are_parsed_as_always(
    tmp_path: Path, fresh_texts: None
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    restart(blocked / i18n_cache.TEXTS_DIR)
    assert i18n.t("tui.list.empty", key="n")
    restart(blocked / i18n_cache.TEXTS_DIR)
    assert i18n.catalog("en")["tui.list.empty"]
    assert blocked.read_text() == "not a folder"
