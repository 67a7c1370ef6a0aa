"""The user's ``[keymap]``, checked against the command table before Textual applies it.

Textual's ``App.set_keymap`` silently ignores an id it does not know, and a key given to
two commands that are active at the same time leaves one of them unreachable. So the
keymap is checked first: an unknown binding id, a value that is not a key, and a key that
clashes with another command of the same screen are each reported in one sentence, and
the overrides involved are left out (those commands keep their default keys). What
remains is the keymap in effect; the footer, the help screen and the palette all show it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from samenwerk_tui import i18n
from samenwerk_tui.tui.commands import COMMANDS, Command

#: Scopes whose keys are live at the same time (the focused widget, its screen, the app).
#: A key may mean one thing in each group; the app's keys (the palette) are live everywhere.
#: A screen with a pane and a list of choices has a group for each: one has focus at a time.
GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"list", "main", "app"}),
    frozenset({"pane", "main", "app"}),
    frozenset({"form", "app"}),
    frozenset({"resolve", "app"}),
    frozenset({"history", "options", "app"}),
    frozenset({"version", "pane", "app"}),
    frozenset({"help", "pane", "app"}),
    frozenset({"welcome", "app"}),
    frozenset({"diagnosis", "pane", "app"}),
    frozenset({"guidance", "pane", "app"}),
    frozenset({"portfolio", "options", "app"}),
    frozenset({"portfolio", "pane", "app"}),
)

_KEY = re.compile(r"[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*")


class KeymapCheck(NamedTuple):
    """The keymap in effect and one sentence per override that was left out."""

    keymap: Mapping[str, str] = {}  # (one dict for all: read-only, as its type says)
    problems: tuple[str, ...] = ()


def normalize_key(key: str) -> str:
    """A key as Textual names it: ``?`` is ``question_mark``, ``,`` is ``comma``."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        try:
            return unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return key
    return key


def keys_of(keys: str) -> list[str]:
    """The normalised keys of a comma-separated key list."""
    return [normalize_key(k) for k in keys.split(",") if k.strip()]


def _valid(keys: str) -> bool:
    parts = [k.strip() for k in keys.split(",")]
    return bool(parts) and all(k and (len(k) == 1 or _KEY.fullmatch(k)) for k in parts)


def check_keymap(wanted: Mapping[str, str]) -> KeymapCheck:
    """Check the user's keymap (binding id -> keys) against :data:`COMMANDS`."""
    known = {c.id: c for c in COMMANDS}
    problems: list[str] = []
    overrides: dict[str, str] = {}
    for command_id, keys in wanted.items():
        if command_id not in known:
            problems.append(i18n.t("tui.keymap.unknown_id", id=command_id))
        elif not isinstance(keys, str) or not _valid(keys):
            problems.append(i18n.t("tui.keymap.not_a_key", id=command_id, keys=str(keys)))
        else:
            overrides[command_id] = ",".join(keys_of(keys))
    # Leave out clashing overrides until none is left (each round drops at least one).
    while True:
        clash = _first_clash(overrides)
        if clash is None:
            break
        key, first, second = clash
        dropped = [c for c in (first, second) if c.id in overrides]
        for command in dropped:
            del overrides[command.id]
        problems.append(
            i18n.t(
                "tui.keymap.clash",
                key=key,
                first=first.id,
                second=second.id,
                kept=", ".join(c.id for c in dropped),
            )
        )
    return KeymapCheck(overrides, tuple(problems))


def _first_clash(overrides: Mapping[str, str]) -> tuple[str, Command, Command] | None:
    """The first key two commands of one group would share with these overrides."""
    for group in GROUPS:
        owner: dict[str, Command] = {}
        for command in COMMANDS:
            if command.scope not in group:
                continue
            for key in keys_of(overrides.get(command.id, command.keys)):
                other = owner.get(key)
                if other is not None and _chosen(key, other, command):
                    return key, other, command
                owner.setdefault(key, command)
    return None


def _chosen(key: str, first: Command, second: Command) -> bool:
    """Two commands of one group on one key clash if the user chose it for one of them.

    Where the defaults share a key, that is by design: a pane's ``g`` (to the top) stands
    in front of the main screen's ``g`` (guidance) while the pane has focus, and the
    wizard's digits answer a statement and later choose a type.
    """
    return key not in keys_of(first.keys) or key not in keys_of(second.keys)
