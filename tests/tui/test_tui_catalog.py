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


def test_the_welcome_explains_each_type_in_two_lines_that_fit_80_columns() -> None:
    for lang in i18n.LANGUAGES:
        messages = i18n.catalog(lang)
        for t in ("deliver", "goals", "movement", "platform"):
            for part in ("what", "how"):
                line = messages[f"tui.welcome.{t}_{part}"]
                # 80 columns less the margins and the type's column (14).
                assert len(line) <= 62, (lang, t, part, line)


def test_every_key_the_code_builds_from_parts_exists_in_both_languages() -> None:
    """Keys made at run time (``tui.sort.{sort}``, ``tui.language.name_{code}``, the theme
    sources, the welcome's types), which the source scan cannot see."""
    from samenwerk_tui.domain.ordering import SORTS

    keys = [f"tui.sort.{sort}" for sort in SORTS]
    keys += [f"tui.language.name_{code}" for code in i18n.LANGUAGES]
    keys += [f"tui.theme.from_{source}" for source in ("bundled", "user", "builtin")]
    keys += [f"cli.themes.{source}" for source in ("bundled", "user", "builtin")]
    keys += [f"cli.language.{where}" for where in ("option", "env", "config")]
    keys += [f"tui.welcome.{t}_{p}" for t in ("deliver", "goals") for p in ("what", "how")]
    keys += [f"tui.copy.palette_{what}{h}" for what in ("summary", "notes") for h in ("", "_help")]
    for lang in i18n.LANGUAGES:
        missing = [k for k in keys if k not in i18n.catalog(lang)]
        assert missing == [], lang
