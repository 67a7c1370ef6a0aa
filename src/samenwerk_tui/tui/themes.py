"""Theme files: the fields of Textual's ``Theme`` plus a ``[variables]`` table, in TOML.

The bundled themes live in the top-level ``themes/`` folder (shipped in the wheel as
``samenwerk_tui/themes``). A later issue adds user themes and switching; loading already
returns ``(themes, failures)`` so one bad file never blocks start-up.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

import samenwerk_tui

DEFAULT_THEME = "samenwerk"

#: The four type colours every theme must be able to show (DESIGN §3).
TYPE_VARIABLES = {
    "type-deliver": "#4E9BE6",
    "type-goals": "#D9A23A",
    "type-movement": "#D0609A",
    "type-platform": "#3FB8A8",
}

_COLOUR_FIELDS = (
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


def bundled_themes_dir() -> Path:
    """``samenwerk_tui/themes`` in a wheel; the repository's ``themes/`` in a checkout."""
    package = Path(samenwerk_tui.__file__).resolve().parent
    inside = package / "themes"
    return inside if inside.is_dir() else package.parent.parent / "themes"


def load_theme_file(path: Path) -> Theme:
    """Read one theme file; raises ``ValueError`` naming the bad field."""
    raw = tomllib.loads(path.read_text("utf-8"))
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{path.name}: 'name' is missing")
    if not isinstance(raw.get("primary"), str):
        raise ValueError(f"{path.name}: 'primary' is missing")
    colours: dict[str, str] = {}
    for key in _COLOUR_FIELDS:
        value = raw.get(key)
        if value is None:
            continue
        try:
            Color.parse(str(value))
        except ColorParseError as exc:
            raise ValueError(f"{path.name}: {key} = {value!r} is not a colour") from exc
        colours[key] = str(value)
    variables = {str(k): str(v) for k, v in dict(raw.get("variables", {})).items()}
    return Theme(
        name=name.strip(),
        dark=bool(raw.get("dark", True)),
        variables={**TYPE_VARIABLES, **variables},
        **colours,  # type: ignore[arg-type]
    )


def load_themes(folder: Path) -> tuple[list[Theme], list[str]]:
    """Every ``*.toml`` theme in ``folder``: the ones that loaded and why others did not."""
    themes: list[Theme] = []
    failures: list[str] = []
    if not folder.is_dir():
        return themes, failures
    for path in sorted(folder.glob("*.toml")):
        try:
            themes.append(load_theme_file(path))
        except (OSError, ValueError) as exc:
            failures.append(str(exc))
    return themes, failures
