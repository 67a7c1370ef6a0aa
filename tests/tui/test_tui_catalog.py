"""Every text on screen comes from the catalog, in English and Dutch alike."""

from __future__ import annotations

import tomllib
from importlib import resources

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import COMMANDS


def _keys(lang: str) -> set[str]:
    folder = resources.files("samenwerk_tui.data").joinpath("messages", lang)
    raw = tomllib.loads(folder.joinpath("tui.toml").read_text("utf-8"))
    return set(i18n._flatten(raw))


def test_every_command_has_a_label_and_a_help_sentence() -> None:
    for command in COMMANDS:
        assert i18n.has(f"tui.cmd.{command.id}.label"), command.id
        assert i18n.has(f"tui.cmd.{command.id}.help"), command.id


def test_the_dutch_tui_catalog_has_exactly_the_english_keys() -> None:
    assert _keys("nl") == _keys("en")


def test_binding_ids_are_unique() -> None:
    ids = [command.id for command in COMMANDS]
    assert len(ids) == len(set(ids))
