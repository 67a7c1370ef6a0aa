"""The one command table: key bindings, footer, help screen and palette all come from here.

Each :class:`Command` names its binding id (what a user's ``[keymap]`` rebinds), its default
keys, the action it runs on the screen, and its catalog keys. Screens take their
``BINDINGS`` from :func:`bindings`, the help screen lists :data:`COMMANDS`, and the palette
offers every command whose ``palette`` is true, so the four can never disagree. The main
screen's commands open the other screens (diagnosis ``d``, guidance ``g``, perspectives
``v``, portfolio ``p``, history ``h``, conflicts ``r``), and each of those has a scope of
its own. Two scopes are for widgets rather than screens: ``pane`` (every scrollable pane)
and ``options`` (every list of choices but the partnership list), so ``j``/``k``,
``g``/``G`` and ``ctrl+d``/``ctrl+u`` move the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from textual.binding import Binding

from samenwerk_tui import i18n

#: The footer rank of entries that never leave the footer.
KEEP = 9


class Command(NamedTuple):
    """One thing a user can do, reachable by key and (usually) by palette."""

    id: str  # binding id, e.g. "main.new"; a user's keymap uses it
    keys: str  # default keys, comma separated as Textual takes them
    action: str  # action on the scope's screen/widget, e.g. "new_partnership"
    # "main" (main screen), "list" (the partnership list), "filter" (the filter box),
    # "notes" (the notes pane), "form" (every form), "clash" and "gone" (a form's save that
    # met a change made meanwhile), "resolve", "history" and "version" (the git screens),
    # "diagnosis", "guidance", "portfolio", "pane" and "options" (widgets: scrollable
    # panes, lists of choices), "help", "welcome" (an empty workspace's first screen) and
    # "app" (live on every screen)
    scope: str
    footer: bool = True  # shown in the footer
    palette: bool = True  # offered in the command palette
    key_display: str | None = None  # how the footer shows the key, if not the key itself
    # Handled where the app reads the key, before the keys queued behind it reach the
    # focused widget: only for keys that move focus (``/``), never for a save.
    priority: bool = False
    # When the footer is too narrow, entries with the lowest rank leave it first (the
    # rightmost of a rank first); KEEP never leaves, so help and quit are always there.
    rank: int = 1

    @property
    def label(self) -> str:
        """The short footer label."""
        return label_of(self.id, self.id)

    @property
    def name(self) -> str:
        """What the palette calls it: the footer label, unless the footer shows this
        command for a group (the footer's "1-4 type" is "delivery (1)" in the palette)."""
        key = f"tui.cmd.{self.id}.label"
        return i18n.t(key) if i18n.has(key) else self.id

    @property
    def help(self) -> str:
        """One sentence for the help screen and the palette (keys it names: the defaults)."""
        return help_of(self.id, self.id)

    def help_with(self, keymap: Mapping[str, str]) -> str:
        """:attr:`help`, naming the keys the user's ``keymap`` has in effect."""
        return help_of(self.id, self.id, keymap)


COMMANDS: tuple[Command, ...] = (
    Command("list.down", "j,down", "cursor_down", "list", footer=False, palette=False),
    Command("list.up", "k,up", "cursor_up", "list", footer=False, palette=False),
    Command("list.top", "home", "cursor_top", "list", footer=False, palette=False),
    Command("list.bottom", "end", "cursor_bottom", "list", footer=False, palette=False),
    Command("list.page_down", "pagedown", "page_down", "list", footer=False, palette=False),
    Command("list.page_up", "pageup", "page_up", "list", footer=False, palette=False),
    # The list's G goes to the end; its g stays the main screen's guidance (DESIGN §5).
    Command("list.last", "G", "cursor_bottom", "list", footer=False, palette=False),
    Command("list.half_down", "ctrl+d", "half_page(1)", "list", footer=False, palette=False),
    Command("list.half_up", "ctrl+u", "half_page(-1)", "list", footer=False, palette=False),
    # Priority: handled where the app reads keys, so letters typed right after it reach the
    # filter box (the screen refuses it while the box has focus: there "/" is text).
    Command("main.filter", "slash", "focus_filter", "main", key_display="/", rank=3, priority=True),
    Command("main.new", "n", "new_partnership", "main", rank=2),
    Command("main.edit", "e", "edit_partnership", "main", rank=2),
    Command("main.primary_deliver", "1", "set_primary('deliver')", "main", key_display="1-4"),
    Command("main.primary_goals", "2", "set_primary('goals')", "main", footer=False),
    Command("main.primary_movement", "3", "set_primary('movement')", "main", footer=False),
    Command("main.primary_platform", "4", "set_primary('platform')", "main", footer=False),
    Command("main.primary_clear", "0", "set_primary('')", "main", footer=False),
    Command("main.classify", "c", "classify", "main"),
    Command("main.annotate", "a", "annotate", "main"),
    Command("main.diagnose", "d", "open('diagnose')", "main", rank=2),
    Command("main.guidance", "g", "open('guidance')", "main", rank=3),
    Command("main.perspectives", "v", "open('perspectives')", "main"),
    Command("main.portfolio", "p", "open('portfolio')", "main"),
    # Not in the footer: it asks first anyway, and at 80 columns the room goes to sync.
    Command("main.delete", "x", "delete", "main", footer=False),
    # Shown only when they can run, and then they matter: they outlast the edit keys.
    Command("main.undo", "u", "undo", "main", rank=3),
    Command("main.sync", "s", "sync", "main", rank=3),
    Command("main.history", "h", "history", "main", footer=False),
    Command("main.resolve", "r", "resolve", "main", rank=3),
    Command("main.open", "o", "open_file", "main"),
    Command("main.help", "question_mark", "help", "main", key_display="?", rank=KEEP),
    Command("main.quit", "q", "quit", "main", rank=KEEP),
    Command("main.back", "escape", "back", "main", footer=False, palette=False),
    # Not priority (unlike a form's tab): a priority key acts when the app reads it, ahead
    # of keys typed before it that the list has not handled yet ("c tab q" would quit).
    Command("main.next_pane", "tab", "app.focus_next", "main", footer=False, palette=False),
    Command(
        "main.previous_pane", "shift+tab", "app.focus_previous", "main", footer=False, palette=False
    ),
    # Settings, sort and copy run on the app (they change the app's settings, not the list).
    Command("main.settings", "comma", "app.settings", "main", key_display=",", rank=0),
    Command("main.sort", "right_square_bracket", "app.cycle_sort(1)", "main", key_display="]"),
    Command("main.sort_back", "left_square_bracket", "app.cycle_sort(-1)", "main", footer=False),
    Command("main.copy", "ctrl+c", "app.copy", "main", footer=False),
    # In the filter box; priority, so keys typed right after them reach the list.
    # In the footer while the box has focus (the main commands are text there).
    Command("filter.keep", "enter", "keep", "filter", palette=False, priority=True, rank=KEEP),
    Command("filter.clear", "escape", "clear", "filter", palette=False, priority=True, rank=KEEP),
    # Not priority: the key travels behind the keys typed before it, through the focused
    # field, so the save sees everything typed (a priority binding ran before the field
    # had taken the last letters).
    Command("form.save", "ctrl+s", "save", "form", palette=False),
    Command("form.cancel", "escape", "cancel", "form", palette=False),
    # Priority, as "/": focus moves when the app reads the key, so letters typed right
    # after it land in the next field (not behind it in the field being left).
    Command(
        "form.next_field",
        "tab",
        "app.focus_next",
        "form",
        footer=False,
        palette=False,
        priority=True,
    ),  # fmt: skip
    Command(
        "form.previous_field",
        "shift+tab",
        "app.focus_previous",
        "form",
        footer=False,
        palette=False,
        priority=True,
    ),  # fmt: skip
    Command("resolve.next", "j,down", "move(1)", "resolve", footer=False, palette=False),
    Command("resolve.prev", "k,up", "move(-1)", "resolve", footer=False, palette=False),
    Command("resolve.ours", "o", "settle('ours')", "resolve", palette=False),
    Command("resolve.theirs", "t", "settle('theirs')", "resolve", palette=False),
    Command("resolve.edit", "e", "edit", "resolve", palette=False),
    Command("resolve.close", "escape", "close", "resolve", palette=False),
    Command("history.show", "enter", "show_version", "history", palette=False),
    Command("history.close", "escape", "close", "history", palette=False),
    Command("version.close", "escape", "close", "version", palette=False),
    # Every scrollable pane (detail, notes, help, guidance, an earlier version): here g and
    # G go to the top and the bottom, as in a pager.
    Command("pane.down", "j,down", "scroll_down", "pane", footer=False, palette=False),
    Command("pane.up", "k,up", "scroll_up", "pane", footer=False, palette=False),
    Command("pane.top", "g,home", "scroll_home", "pane", footer=False, palette=False),
    Command("pane.bottom", "G,end", "scroll_end", "pane", footer=False, palette=False),
    Command("pane.half_down", "ctrl+d", "half_page(1)", "pane", footer=False, palette=False),
    Command("pane.half_up", "ctrl+u", "half_page(-1)", "pane", footer=False, palette=False),
    # Every list of choices but the partnership list (history, the portfolio's lists).
    Command("options.down", "j,down", "cursor_down", "options", footer=False, palette=False),
    Command("options.up", "k,up", "cursor_up", "options", footer=False, palette=False),
    Command("options.top", "g,home", "first", "options", footer=False, palette=False),
    Command("options.bottom", "G,end", "last", "options", footer=False, palette=False),
    Command("options.half_down", "ctrl+d", "half_page(1)", "options", footer=False, palette=False),
    Command("options.half_up", "ctrl+u", "half_page(-1)", "options", footer=False, palette=False),
    # The diagnosis wizard: a statement at a time, then the result.
    *(
        Command(
            f"diagnosis.answer_{n}",
            str(n),
            f"answer({n})",
            "diagnosis",
            palette=False,
            footer=False,
        )
        for n in range(1, 6)
    ),  # fmt: skip
    Command("diagnosis.skip", "minus", "skip", "diagnosis", palette=False, footer=False),
    # Priority: the statement's scrolling pane would take left and right for itself.
    Command(
        "diagnosis.back",
        "backspace,left",
        "back",
        "diagnosis",
        palette=False,
        footer=False,
        priority=True,
    ),
    Command(
        "diagnosis.forward",
        "right",
        "forward",
        "diagnosis",
        palette=False,
        footer=False,
        priority=True,
    ),
    Command("diagnosis.result", "enter", "result", "diagnosis", palette=False, footer=False),
    *(
        Command(
            f"diagnosis.choose_{t}",
            str(i),
            f"choose('{t}')",
            "diagnosis",
            palette=False,
            footer=False,
        )
        for i, t in enumerate(("deliver", "goals", "movement", "platform"), start=1)
    ),  # fmt: skip
    # Not priority, as a form's save: they act after the answers typed before them.
    Command("diagnosis.apply", "ctrl+s", "apply", "diagnosis", palette=False),
    Command("diagnosis.store", "ctrl+k", "store", "diagnosis", palette=False),
    Command("diagnosis.close", "escape", "close", "diagnosis", palette=False),
    Command("guidance.diagnose", "d", "diagnose", "guidance", palette=False),
    Command("guidance.perspectives", "v", "perspectives", "guidance", palette=False),
    Command("guidance.close", "escape", "close", "guidance", palette=False),
    Command("portfolio.show", "enter", "show", "portfolio", palette=False),
    Command("portfolio.close", "escape", "close", "portfolio", palette=False),
    # The notes pane, when it has focus: a cursor over the notes, and two changes to one.
    Command("notes.down", "j,down", "move(1)", "notes", footer=False, palette=False),
    Command("notes.up", "k,up", "move(-1)", "notes", footer=False, palette=False),
    Command("notes.edit", "e", "edit_note", "notes", palette=False, rank=3),
    Command("notes.delete", "x", "delete_note", "notes", palette=False, rank=3),
    # A form saved onto a file changed meanwhile: choose per field, then save again.
    Command("clash.next", "j,down", "move(1)", "clash", footer=False, palette=False),
    Command("clash.prev", "k,up", "move(-1)", "clash", footer=False, palette=False),
    Command("clash.ours", "o", "choose('ours')", "clash", palette=False),
    Command("clash.theirs", "t", "choose('theirs')", "clash", palette=False),
    Command("clash.record", "c", "choose('record')", "clash", palette=False),
    Command("clash.save", "ctrl+s", "save", "clash", palette=False),
    Command("clash.back", "escape", "back", "clash", palette=False),
    # A form's partnership deleted or broken meanwhile: keep what was typed.
    Command("gone.new", "n", "answer('new')", "gone", palette=False),
    Command("gone.copy", "c", "answer('copy')", "gone", palette=False),
    Command("gone.back", "escape", "answer('back')", "gone", palette=False),
    Command("help.close", "escape,question_mark,q", "dismiss", "help", palette=False),
    # The welcome pane of an empty workspace.
    Command("welcome.new", "n", "choose('new')", "welcome", palette=False, rank=KEEP),
    Command("welcome.demo", "d", "choose('demo')", "welcome", palette=False, rank=KEEP),
    Command("welcome.open", "o", "choose('open')", "welcome", palette=False, rank=KEEP),
    Command("welcome.close", "escape", "choose('close')", "welcome", palette=False),
    Command("welcome.quit", "q", "app.quit", "welcome", palette=False, rank=KEEP),
    # The app's own key, live on every screen: Textual's command palette.
    Command(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "app",
        footer=False,
        palette=False,
        key_display="^p",
        priority=True,
    ),
)


def commands(scope: str) -> list[Command]:
    return [c for c in COMMANDS if c.scope == scope]


def by_id(command_id: str) -> Command:
    for command in COMMANDS:
        if command.id == command_id:
            return command
    raise KeyError(command_id)


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, each with its id so ``set_keymap`` can rebind it.

    The label and tooltip given here are those of the language at import; the footer
    reads them again by binding id each time it draws (:func:`label_of`), so a language
    switch in the running app shows at once.
    """
    return [
        Binding(
            c.keys,
            c.action,
            c.label,
            show=c.footer,
            key_display=c.key_display,
            priority=c.priority,
            tooltip=c.help,
            id=c.id,
        )
        for c in commands(scope)
    ]


def footer_rank(command_id: str | None) -> int:
    """The footer rank of the command with this binding id (1 if it is not ours)."""
    for command in COMMANDS:
        if command.id == command_id:
            return command.rank
    return 1


def label_of(command_id: str | None, fallback: str) -> str:
    """The footer label of a binding id in the current language (``fallback`` if not ours):
    its ``footer`` text where the footer shows it for a group of keys, else its label."""
    for field in ("footer", "label"):
        key = f"tui.cmd.{command_id}.{field}"
        if command_id and i18n.has(key):
            return i18n.t(key)
    return fallback


def help_of(command_id: str | None, fallback: str, keymap: Mapping[str, str] | None = None) -> str:
    """The help sentence of a binding id in the current language (``fallback`` if not ours).

    A key another command is bound to, named in the sentence ("the u key undoes it"), is
    the one in ``keymap`` (the defaults without one).
    """
    key = f"tui.cmd.{command_id}.help"
    if not command_id or not i18n.has(key):
        return fallback
    named = {name: key_for(other, keymap or {}) for name, other in _NAMED_KEYS.items()}
    return i18n.t(key, **named)


#: Keys the help sentences name, by placeholder: the command whose key it is.
_NAMED_KEYS = {"undo_key": "main.undo", "resolve_key": "main.resolve"}


def key_text(command: Command, keymap: Mapping[str, str]) -> str:
    """The keys of ``command`` as the user has them (their keymap wins), for the help screen."""
    keys = keymap.get(command.id, command.keys)
    return " / ".join(shown_key(key.strip()) for key in keys.split(","))


def shown_key(key: str) -> str:
    """One key as people read it (``/`` for ``slash``, ``esc`` for ``escape``)."""
    return _KEY_NAMES.get(key, key)


def key_for(command_id: str, keymap: Mapping[str, str]) -> str:
    """The keys of a command as the user has them, for sentences ("press r")."""
    return key_text(by_id(command_id), keymap)


_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "down": "↓",
    "up": "↑",
    "escape": "esc",
    "enter": "enter",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "minus": "-",
    "backspace": "⌫",
    "left": "←",
    "right": "→",
    "tab": "tab",
    "shift+tab": "shift+tab",
    "comma": ",",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}
