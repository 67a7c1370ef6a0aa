"""Command palette providers: every main-screen command, and jump to a partnership by name.

Commands come from the one command table; a command the screen cannot run right now
(``check_action`` says no) is not offered. Partnership names are user text: they are made
safe and markup-escaped before ``Matcher.highlight`` parses them.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import commands, key_text
from samenwerk_tui.tui.safe import markup_escaped


def _main_screen(provider: Provider):  # type: ignore[no-untyped-def]
    from samenwerk_tui.tui.screens.main import MainScreen

    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


class CommandsProvider(Provider):
    """The main screen's commands, with their keys, from the command table."""

    def _available(self) -> list[tuple[str, str, str]]:
        screen = _main_screen(self)
        if screen is None:
            return []
        keymap = getattr(self.app, "config", None)
        keys = keymap.keymap if keymap is not None else {}
        out = []
        for command in commands("main"):
            if not command.palette:
                continue
            name, _, args = command.action.partition("(")
            params = tuple(a.strip("')") for a in args.split(",")) if args else ()
            if screen.check_action(name, params) is not True:
                continue
            title = f"{command.label} ({key_text(command, keys)})"
            out.append((title, command.action, command.help))
        return out

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        for title, action, help_text in self._available():
            yield DiscoveryHit(
                Content(title), partial(screen.run_action, action), title, escape(help_text)
            )

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        matcher = self.matcher(query)
        for title, action, help_text in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(markup_escaped(title)),
                    partial(screen.run_action, action),
                    title,
                    escape(help_text),
                )


class PartnershipsProvider(Provider):
    """Jump to a partnership by fuzzy name; the filter is cleared if it hides it."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None or not query.strip():
            return
        app = screen.samenwerk
        with app.lock:
            candidates = [(r.id, r.partnership.name) for r in app.session.records.values()]
        matcher = self.matcher(query)
        help_text = escape(i18n.t("tui.palette.jump"))
        for pid, name in candidates:
            score = matcher.match(name)
            if score > 0:
                shown = markup_escaped(name)
                yield Hit(
                    score, matcher.highlight(shown), partial(screen.jump_to, pid), shown, help_text
                )
