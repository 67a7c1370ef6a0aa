"""argparse's own sentences ("usage:", "the following arguments are required") in our language.

argparse looks up every sentence it prints through ``gettext`` (the names ``_`` and
``ngettext`` in its module), with the English text as the message id. :func:`translated`
points those two names at the message catalog for as long as a parser is built and run,
and puts the originals back afterwards, so nothing outside the command line is affected.
Message ids we do not know (a newer Python may add some) stay English rather than fail.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from samenwerk_tui import i18n

#: argparse's message ids (its English sentences) -> our catalog keys.
_MESSAGES = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "optional arguments": "cli.argparse.options",  # Python before 3.10
    "show this help message and exit": "cli.argparse.help",
    "the following arguments are required: %s": "cli.argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_type",
    "one of the arguments %s is required": "cli.argparse.one_of_required",
    "unexpected option string: %s": "cli.argparse.unexpected_option",
}
#: (singular, plural) message ids -> a plural catalog entry (``one``/``other``).
_PLURALS = {
    ("expected %s argument", "expected %s arguments"): "cli.argparse.expected_n",
}


def gettext(message: Any) -> Any:
    """argparse's ``_``: our sentence for a known message id, anything else unchanged."""
    key = _MESSAGES.get(message) if isinstance(message, str) else None
    return i18n.t(key) if key else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: the form of our sentence that fits ``n``."""
    key = _PLURALS.get((singular, plural))
    if key is None:
        return singular if n == 1 else plural
    # The count is passed for choosing the form only; argparse fills %s itself.
    return i18n.t(key, count=n)


@contextmanager
def translated() -> Iterator[None]:
    """While inside, argparse speaks the current language of :mod:`samenwerk_tui.i18n`."""
    saved: list[tuple[str, Callable[..., Any]]] = [
        (name, getattr(argparse, name)) for name in ("_", "ngettext")
    ]
    setattr(argparse, "_", gettext)  # noqa: B010 - a module attribute named "_"
    setattr(argparse, "ngettext", ngettext)  # noqa: B010 - same hook, kept side by side
    try:
        yield
    finally:
        for name, original in saved:
            setattr(argparse, name, original)
