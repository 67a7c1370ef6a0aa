"""The command palette: every command of the screen it is opened on, and partnerships.

On the main screen, the main commands come from the one command table; a command the
screen cannot run right now (``check_action`` says no) is not offered. On every other
screen (a form, the guidance, the portfolio, the help…) the palette offers that screen's
own commands, with the keys in effect, so ``ctrl+p`` never opens on nothing; and its
"no matches" line is in the language in use (Textual's is English).

The partnership search reads each record's facets (its name, from the lean read or the
index cache), so searching 10,000 partnerships builds no model. It matches case- and
accent-insensitively, as the filter does ("zoe" finds "Zoë"): query and name are both
folded, and the matched letters are marked on the name as shown. Partnership names are
user text: they are made safe and shown as literal ``Content``, never parsed. A jump is a
:class:`~samenwerk_tui.tui.messages.ShowPartnership` message to the main screen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.widgets.option_list import Option

from samenwerk_tui import i18n
from samenwerk_tui.domain.text import fold
from samenwerk_tui.tui.commands import Command, by_id, commands, key_text, shown_key
from samenwerk_tui.tui.messages import ShowPartnership
from samenwerk_tui.tui.safe import markup_escaped, plain
from samenwerk_tui.tui.screens.main import MainScreen


def _main_screen(provider: Provider) -> MainScreen | None:
    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


class CommandsProvider(Provider):
    """The main screen's commands, with their keys, from the command table."""

    def _available(self, screen: MainScreen) -> list[tuple[str, str, str]]:
        out = []
        for command in commands("main"):
            if not command.palette:
                continue
            name, _, args = command.action.partition("(")
            params = tuple(a.strip("')") for a in args.split(",")) if args else ()
            if screen.check_action(name, params) is not True:
                continue
            title = f"{command.name} ({key_text(command, screen.state.keymap)})"
            out.append((title, command.action, command.help_with(screen.state.keymap)))
        return out

    async def discover(self) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for title, action, help_text in self._available(screen):
            yield DiscoveryHit(
                Content(title), partial(screen.run_action, action), title, escape(help_text)
            )

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for title, action, help_text in self._available(screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(markup_escaped(title)),
                    partial(screen.run_action, action),
                    title,
                    escape(help_text),
                )


class ScreenCommandsProvider(Provider):
    """Any other screen's own commands (those its footer offers), with their keys."""

    def _available(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = self.screen
        if isinstance(screen, MainScreen):
            return []
        keys: dict[str, list[str]] = {}
        found: dict[str, tuple[Command, Callable[[], object]]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.id or not binding.show or not active.enabled:
                continue
            try:
                command = by_id(binding.id)
            except KeyError:
                continue
            keys.setdefault(binding.id, []).append(shown_key(key))
            found.setdefault(
                binding.id, (command, partial(self.app.run_action, binding.action, active.node))
            )
        out = []
        for command_id, (command, run) in found.items():
            title = f"{command.name} ({' / '.join(keys[command_id])})"
            out.append((title, run, command.help))
        return out

    async def discover(self) -> Hits:
        for title, run, help_text in self._available():
            yield DiscoveryHit(Content(title), run, title, escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(markup_escaped(title)), run, title,
                          escape(help_text))  # fmt: skip


class Palette(CommandPalette):
    """Textual's command palette, with its "no matches" line in the language in use."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual's own (8.2), but for the sentence: after a moment without a match
        # for a search, one disabled line says so; an empty search says nothing.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Text(i18n.t("tui.palette.no_match"), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(line), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class PartnershipsProvider(Provider):
    """Jump to a partnership by fuzzy name; the filter is cleared if it hides it.

    Textual's fuzzy matcher costs about 10 µs a name, a tenth of a second for 10,000 at
    every keystroke. So the names are made safe and folded once per version of the data,
    a regex (run in C) keeps those that hold the query's letters in order (the only ones
    the fuzzy matcher can score), and at most :data:`FUZZY_LIMIT` of them, those holding
    the query as one piece first, are scored and shown.
    """

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None or not query.strip():
            return
        matcher = self.matcher(query)
        search = matcher.fuzzy_search
        wanted = fold(query)
        help_text = escape(i18n.t("tui.palette.jump"))
        for pid, shown, folded in likely_matches(_candidates(screen), wanted):
            score, offsets = search.match(wanted, folded)
            if score > 0:
                jump = partial(screen.post_message, ShowPartnership(pid))
                yield Hit(score, marked(shown, folded, offsets, matcher), jump, shown, help_text)


#: Names scored by the fuzzy matcher at most, per search.
FUZZY_LIMIT = 200

#: (pid, name as shown, folded name) of every partnership, kept per version of the data.
Candidate = tuple[str, str, str]
_kept: tuple[object, int, list[Candidate]] | None = None


def _candidates(screen: MainScreen) -> list[Candidate]:
    global _kept
    state = screen.state
    version = state.data_version.number
    if _kept is not None and _kept[0] is state.session and _kept[1] == version:
        return _kept[2]
    with state.lock:
        names = [(r.id, r.facets.name) for r in state.session.records.values()]
    candidates = [(pid, shown, fold(shown)) for pid, shown in ((p, plain(n)) for p, n in names)]
    _kept = (state.session, version, candidates)
    return candidates


def likely_matches(candidates: list[Candidate], wanted: str) -> list[Candidate]:
    """The candidates whose folded name holds ``wanted``'s letters in order; at most
    :data:`FUZZY_LIMIT`, those holding ``wanted`` as one piece (earliest first) first."""
    letters = re.compile(".*?".join(re.escape(ch) for ch in wanted), re.DOTALL)
    found = [c for c in candidates if letters.search(c[2])]
    if len(found) <= FUZZY_LIMIT:
        return found

    def rank(candidate: Candidate) -> tuple[int, int]:
        at = candidate[2].find(wanted)
        return (0, at) if at >= 0 else (1, 0)

    return sorted(found, key=rank)[:FUZZY_LIMIT]


def marked(shown: str, folded: str, offsets: Sequence[int], matcher: Matcher) -> Content:
    """``shown`` as literal text with the matched letters marked. Folding keeps one letter
    per letter for nearly every name; where it does not ("ß" becomes "ss"), the name is
    shown unmarked rather than marked in the wrong places."""
    text = Content(shown)
    if len(folded) != len(shown):
        return text
    for offset in offsets:
        if not shown[offset].isspace():
            text = text.stylize(matcher.match_style, offset, offset + 1)
    return text
