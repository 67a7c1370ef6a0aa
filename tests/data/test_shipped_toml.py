"""Every TOML file shipped in ``data/`` (the message catalogs in both languages, the
domain texts, the guidance, the demo) reads the same with the fast parser the app uses
for them at start-up as with ``tomllib``, the standard library's authority."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import samenwerk_tui
from samenwerk_tui import i18n

DATA = Path(samenwerk_tui.__file__).parent / "data"
SHIPPED = sorted(DATA.rglob("*.toml"))


def test_the_catalogs_and_domain_texts_are_all_there() -> None:
    names = {path.relative_to(DATA).as_posix() for path in SHIPPED}
    assert {"types.toml", "stages.toml", "messages/en/tui.toml", "messages/nl/tui.toml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(DATA).as_posix())
def test_a_shipped_file_reads_the_same_with_both_parsers(path: Path) -> None:
    text = path.read_text("utf-8")
    assert i18n.parse_shipped(text) == tomllib.loads(text)
