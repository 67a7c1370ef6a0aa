"""Theme files: what they may hold, where they are, and why one could not be read.

A theme file (DESIGN §3) is TOML with the fields of Textual's ``Theme`` (``name``,
``primary``, ``secondary``, ``accent``, ``foreground``, ``background``, ``surface``,
``panel``, ``warning``, ``error``, ``success``, ``dark``) and a ``[variables]`` table that
holds at least the four type colours (``type-deliver``, ``type-goals``, ``type-movement``,
``type-platform``). The bundled themes live in the top-level ``themes/`` folder (shipped
in the wheel as ``samenwerk_tui/themes``), the user's own in ``<config>/themes/*.toml``.

Every file is checked whole: an unknown key, a missing field, text where a colour belongs
or a name already taken makes the file a :class:`ThemeProblem` (file and reason, one
sentence from the catalog), never an exception, so one bad file never stops the app from
starting. Whether a text is a colour is the front end's to say (``is_colour``): the TUI
and ``samenwerk themes`` ask Textual's own colour parser, so a file accepted here is one
Textual can show. This module itself does not import Textual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

import samenwerk_tui
from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.config import user_themes_dir
from samenwerk_tui.store import parser

#: The theme samenwerk starts with.
DEFAULT_THEME = "samenwerk"
#: The colour fields of a theme file (Textual ``Theme`` fields); ``primary`` is required.
COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)
#: Every top-level key a theme file may hold.
THEME_KEYS = ("name", *COLOUR_FIELDS, "dark", "variables")
#: The variables every theme file must set: one colour per agreement type.
TYPE_VARIABLES = tuple(f"type-{t.value}" for t in AgreementType)
#: Used only if the bundled default theme cannot be read (a damaged install).
NEUTRAL = "#808080"

Source = Literal["bundled", "user"]
#: Whether a text is a colour the front end can show.
ColourCheck = Callable[[str], bool]

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class ThemeSpec(NamedTuple):
    """One theme file, checked: the fields it sets, its variables, where it came from."""

    name: str
    source: Source
    path: Path
    dark: bool
    colours: Mapping[str, str]  # the colour fields the file sets
    variables: Mapping[str, str]


class ThemeProblem(NamedTuple):
    """A theme file that could not be used: the file, and why (a catalog key)."""

    path: Path
    key: str
    params: Mapping[str, Any] = {}  # (one dict for all: read-only, as its type says)

    @property
    def file(self) -> str:
        return self.path.name


class _Bad(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def bundled_themes_dir() -> Path:
    """``samenwerk_tui/themes`` in a wheel; the repository's ``themes/`` in a checkout."""
    package = Path(samenwerk_tui.__file__).resolve().parent
    inside = package / "themes"
    return inside if inside.is_dir() else package.parent.parent / "themes"


def read_theme(path: Path, source: Source, is_colour: ColourCheck) -> ThemeSpec | ThemeProblem:
    """One theme file, checked field by field; a problem names the first thing wrong."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ThemeProblem(path, "theme.unreadable", {"file": path.name, "reason": _why(exc)})
    try:
        raw = parser.loads(text)
    except ValueError as exc:  # (tomllib's TOMLDecodeError: where and why)
        return ThemeProblem(path, "theme.not_toml", {"file": path.name, "reason": str(exc)})
    try:
        return _checked(raw, path, source, is_colour)
    except _Bad as bad:
        return ThemeProblem(path, bad.key, {"file": path.name, **bad.params})


def _why(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _checked(
    raw: Mapping[str, Any], path: Path, source: Source, is_colour: ColourCheck
) -> ThemeSpec:
    for key in raw:
        if key not in THEME_KEYS:
            raise _Bad("theme.unknown_key", field=key)
    name = raw.get("name")
    if name is None:
        raise _Bad("theme.missing", field="name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise _Bad("theme.bad_name", value=str(name))
    colours: dict[str, str] = {}
    for key in COLOUR_FIELDS:
        value = raw.get(key)
        if value is None:
            if key == "primary":
                raise _Bad("theme.missing", field=key)
            continue
        colours[key] = _colour(key, value, is_colour)
    dark = raw.get("dark", True)
    if not isinstance(dark, bool):
        raise _Bad("theme.not_bool", field="dark", value=str(dark))
    table = raw.get("variables", {})
    if not isinstance(table, dict):
        raise _Bad("theme.not_table", field="variables")
    variables: dict[str, str] = {}
    for key, value in table.items():
        where = f"variables.{key}"
        if key.endswith("-style"):  # a text style ("bold"), not a colour
            if not isinstance(value, str):
                raise _Bad("theme.not_text", field=where)
            variables[key] = value
        else:
            variables[key] = _colour(where, value, is_colour)
    for key in TYPE_VARIABLES:
        if key not in variables:
            raise _Bad("theme.missing", field=f"variables.{key}")
    return ThemeSpec(name, source, path, dark, colours, variables)


def _colour(where: str, value: object, is_colour: ColourCheck) -> str:
    if not isinstance(value, str) or not is_colour(value):
        raise _Bad("theme.not_colour", field=where, value=str(value))
    return value


class ThemeFiles(NamedTuple):
    """Every theme file that could be read, and why the others could not."""

    themes: list[ThemeSpec]
    problems: list[ThemeProblem]

    def get(self, name: str) -> ThemeSpec | None:
        return next((t for t in self.themes if t.name == name), None)


def read_folder(folder: Path, source: Source, is_colour: ColourCheck) -> ThemeFiles:
    """Every ``*.toml`` of ``folder`` (none if it does not exist), in file-name order."""
    themes: list[ThemeSpec] = []
    problems: list[ThemeProblem] = []
    try:
        paths = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        paths = []
    for path in paths:
        found = read_theme(path, source, is_colour)
        if isinstance(found, ThemeProblem):
            problems.append(found)
        else:
            themes.append(found)
    return ThemeFiles(themes, problems)


def read_themes(
    is_colour: ColourCheck,
    *,
    taken: Iterable[str] = (),
    user_dir: Path | None = None,
    bundled_dir: Path | None = None,
) -> ThemeFiles:
    """The bundled themes, then the user's; a user file may not reuse a name.

    ``taken``: names already in use elsewhere (Textual's built-in themes), which a user
    file may not take either: two themes of one name could not both be chosen.
    """
    bundled = read_folder(bundled_dir or bundled_themes_dir(), "bundled", is_colour)
    user = read_folder(user_dir or user_themes_dir(), "user", is_colour)
    owners = {name: "Textual" for name in taken}
    themes: list[ThemeSpec] = []
    problems = [*bundled.problems, *user.problems]
    for theme in [*bundled.themes, *user.themes]:
        owner = owners.get(theme.name)
        if owner is not None:
            params = {"file": theme.path.name, "name": theme.name, "other": owner}
            problems.append(ThemeProblem(theme.path, "theme.duplicate", params))
            continue
        owners[theme.name] = theme.path.name
        themes.append(theme)
    return ThemeFiles(themes, problems)


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a theme file in ``folder`` is added, edited or removed."""
    try:
        stats = [(p.name, p.stat()) for p in folder.glob("*.toml")]
    except OSError:
        return ()
    return tuple(sorted((name, st.st_mtime_ns, st.st_size) for name, st in stats))


def default_type_colours() -> dict[AgreementType, str]:
    """The four type colours of the bundled default theme, as ``#RRGGBB``.

    For places that cannot ask Textual (the HTML reports): only plain hex colours are
    taken; a damaged install gives a neutral grey.
    """
    hex_colour = re.compile(r"#[0-9A-Fa-f]{6}")
    path = bundled_themes_dir() / f"{DEFAULT_THEME}.toml"
    found = read_theme(path, "bundled", lambda v: hex_colour.fullmatch(v) is not None)
    variables = found.variables if isinstance(found, ThemeSpec) else {}
    return {t: variables.get(f"type-{t.value}", NEUTRAL) for t in AgreementType}
