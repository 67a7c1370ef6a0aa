"""Theme files: the three bundled ones are complete, and a user file is checked whole; a
bad one is named with its reason and never stops the others from loading."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.color import Color, ColorParseError

from samenwerk_tui import i18n
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.config import user_themes_dir
from samenwerk_tui.services.export.html_parts import type_colours
from samenwerk_tui.services.themes import (
    COLOUR_FIELDS,
    DEFAULT_THEME,
    ThemeProblem,
    ThemeSpec,
    bundled_themes_dir,
    read_theme,
    read_themes,
)

GOOD = """\
name = "kantoor"
dark = false
primary = "#1F5F99"
background = "#FFFFFF"

[variables]
type-deliver = "#1F6FC0"
type-goals = "rgb(156, 106, 0)"
type-movement = "#B0407F"
type-platform = "teal"
block-cursor-text-style = "bold"
"""


def is_colour(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def user_theme(name: str, text: str) -> Path:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_three_themes_ship_dark_light_and_high_contrast_each_with_every_colour() -> None:
    files = read_themes(is_colour)
    assert files.problems == []
    bundled = {t.name: t for t in files.themes if t.source == "bundled"}
    assert set(bundled) == {DEFAULT_THEME, "samenwerk-light", "samenwerk-contrast"}
    assert bundled[DEFAULT_THEME].dark and bundled["samenwerk-contrast"].dark
    assert not bundled["samenwerk-light"].dark
    for theme in bundled.values():
        assert set(theme.colours) == set(COLOUR_FIELDS), theme.name  # nothing left to chance
        assert {f"type-{t.value}" for t in AgreementType} <= set(theme.variables)
    # The four type colours differ from each other in every theme.
    for theme in bundled.values():
        colours = [theme.variables[f"type-{t.value}"].lower() for t in AgreementType]
        assert len(set(colours)) == 4, theme.name


def test_the_bundled_themes_are_shipped_in_the_wheel() -> None:
    # The repository's pyproject (beside tests/), also when the tests run against an
    # installed wheel (as .ci/run does): there the themes are found inside the package.
    repo = Path(__file__).resolve().parents[2]
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["themes"] == "samenwerk_tui/themes"
    assert (bundled_themes_dir() / f"{DEFAULT_THEME}.toml").is_file()


def test_the_html_reports_take_the_type_colours_from_the_default_theme_file() -> None:
    default = read_theme(bundled_themes_dir() / f"{DEFAULT_THEME}.toml", "bundled", is_colour)
    assert isinstance(default, ThemeSpec)
    for t in AgreementType:
        assert type_colours()[t] == default.variables[f"type-{t.value}"]


def test_a_user_theme_in_the_documented_format_loads() -> None:
    user_theme("kantoor.toml", GOOD)
    files = read_themes(is_colour)
    theme = files.get("kantoor")
    assert theme is not None and files.problems == []
    assert theme.source == "user" and not theme.dark
    assert theme.colours == {"primary": "#1F5F99", "background": "#FFFFFF"}
    assert theme.variables["type-platform"] == "teal"
    assert theme.variables["block-cursor-text-style"] == "bold"  # a style, not a colour


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        (GOOD.replace('"#1F5F99"', '"#12345G"'), "theme.not_colour", {"field": "primary"}),
        (GOOD.replace('"teal"', '"tealish"'), "theme.not_colour", {"value": "tealish"}),
        (GOOD.replace('"#1F5F99"', "12"), "theme.not_colour", {"value": "12"}),
        (GOOD.replace('primary = "#1F5F99"\n', ""), "theme.missing", {"field": "primary"}),
        (GOOD.replace('name = "kantoor"\n', ""), "theme.missing", {"field": "name"}),
        (
            GOOD.replace('type-goals = "rgb(156, 106, 0)"\n', ""),
            "theme.missing",
            {"field": "variables.type-goals"},
        ),
        (GOOD.replace("[variables]", "x = [1,"), "theme.not_toml", {}),
        (GOOD.replace("dark = false", "drak = false"), "theme.unknown_key", {"field": "drak"}),
        (GOOD.replace("dark = false", 'dark = "no"'), "theme.not_bool", {"field": "dark"}),
        (GOOD.replace('"kantoor"', '"Mijn Thema"'), "theme.bad_name", {"value": "Mijn Thema"}),
        (GOOD.replace('"kantoor"', '"nord"'), "theme.duplicate", {"other": "Textual"}),
        (GOOD.replace('"kantoor"', '"samenwerk-light"'), "theme.duplicate", {}),
    ],
    ids=[
        "bad hex",
        "bad colour name",
        "number for a colour",
        "no primary",
        "no name",
        "no type colour",
        "not TOML",
        "unknown key",
        "dark not a boolean",
        "name with spaces",
        "a built-in theme's name",
        "a bundled theme's name",
    ],
)
def test_a_bad_theme_file_is_named_with_its_reason_and_the_others_still_load(
    text: str, key: str, params: dict[str, str]
) -> None:
    user_theme("aaa-bad.toml", text)
    user_theme("kantoor2.toml", GOOD.replace('"kantoor"', '"kantoor2"'))
    files = read_themes(is_colour, taken=["nord", "textual-dark"])
    assert [t.name for t in files.themes if t.source == "user"] == ["kantoor2"]
    [problem] = files.problems
    assert problem.file == "aaa-bad.toml"
    assert problem.key == key
    assert params.items() <= dict(problem.params).items()
    for lang in i18n.LANGUAGES:  # one sentence naming the file, in either language
        i18n.set_language(lang)
        sentence = i18n.text_of(problem)
        assert sentence.startswith("aaa-bad.toml") and "{" not in sentence
    i18n.set_language("en")


def test_a_theme_file_that_is_not_text_is_a_problem_not_a_crash() -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "binary.toml").write_bytes(b"\xff\xfe\x00name")
    [problem] = read_themes(is_colour).problems
    assert isinstance(problem, ThemeProblem) and problem.key == "theme.unreadable"
