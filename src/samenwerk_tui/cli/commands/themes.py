"""``samenwerk themes``: every theme the app can use, where it comes from, the one in use.

One line per theme: a ``*`` for the theme in use, its name, where it comes from
(samenwerk's bundled themes, a file of your own in ``<config>/themes/``, Textual's
built-in themes) and, for your own, the file. Theme files that cannot be used follow,
each with its reason, and the command exits 1 (the app still starts: it leaves them out).
Colours are checked by Textual's own parser, imported only here.
"""

from __future__ import annotations

import argparse
import sys

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context

ORDER = 150


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "themes", help=i18n.t("cli.themes.help"), description=i18n.t("cli.themes.help")
    )
    parser.set_defaults(run=run)


def _is_colour(value: str) -> bool:
    from textual.color import Color, ColorParseError

    try:
        Color.parse(value)
    except (ColorParseError, ValueError):
        return False
    return True


def run(ctx: Context) -> int:
    from textual.theme import BUILTIN_THEMES

    from samenwerk_tui.domain.text import safe_text
    from samenwerk_tui.services.themes import DEFAULT_THEME, read_themes

    files = read_themes(_is_colour, taken=BUILTIN_THEMES)
    rows = [
        (t.name, i18n.t(f"cli.themes.{t.source}"), str(t.path) if t.source == "user" else "")
        for t in sorted(files.themes, key=lambda t: (t.source != "bundled", t.name))
    ]
    rows += [(name, i18n.t("cli.themes.builtin"), "") for name in sorted(BUILTIN_THEMES)]
    names = {name for name, _, _ in rows}
    wanted = ctx.config.theme or DEFAULT_THEME
    in_use = wanted if wanted in names else DEFAULT_THEME
    width = max(len(name) for name, _, _ in rows)
    source_width = max(len(source) for _, source, _ in rows)
    lines = []
    for name, source, where in rows:
        mark = "*" if name == in_use else " "
        line = f"{mark} {name:<{width}}  {source:<{source_width}}  {where}".rstrip()
        if name == in_use:
            line += f"  ({i18n.t('cli.themes.in_use')})"
        lines.append(safe_text(line))
    ctx.emit("\n".join(lines))
    if wanted != in_use:
        missing = i18n.t("cli.themes.missing", name=wanted, default=in_use)
        sys.stderr.write(f"samenwerk: {safe_text(missing)}\n")
    if not files.problems:
        return 0
    ctx.emit("\n" + i18n.t("cli.themes.problems"))
    ctx.emit("\n".join(safe_text("  " + i18n.text_of(p)) for p in files.problems))
    return 1
