"""The command line's words before argparse sees them: what only a plain "open the app"
needs to read (its start-up is spared argparse and every command's module), and the
rewrites that let values start with "-".

Pure functions on the arguments; the standard library only, so reading them costs the
app's start-up nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace

#: Short options some command takes; ``--filter -w`` means the workspace option, not "-w".
_SHORT_OPTIONS = {"-w", "-o", "-m", "-q", "-h"}


def bad_argument(argv: Sequence[str]) -> str | None:
    """An argument that is not valid text (undecodable bytes arrive as surrogates)."""
    for arg in argv:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
    return None


#: Options whose value may start with "-" (``--answers -,4,5,…`` skips the first statement).
DASH_VALUE_OPTIONS = ("--answers",)


def dash_values(argv: list[str]) -> list[str]:
    """``--answers -,4,…`` as ``--answers=-,4,…``: argparse would take the value for an option."""
    out: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        following = argv[index + 1] if index + 1 < len(argv) else None
        if (
            arg in DASH_VALUE_OPTIONS
            and following is not None
            and following.startswith("-")
            and ("," in following or following == "-")
        ):
            out.append(f"{arg}={following}")
            index += 2
            continue
        out.append(arg)
        index += 1
    return out


#: Options whose value is a filter query, where a first term like ``-tag:zorg`` negates.
_QUERY_OPTIONS = ("--filter",)


def join_query_values(argv: list[str]) -> list[str]:
    """``--filter -tag:zorg`` -> ``--filter=-tag:zorg``.

    argparse takes a value that starts with ``-`` for an option and stops with "expected
    one argument"; a user types the query as the next word, so it is joined to its option.
    A next word that is itself an option of ours (``-w``, ``--format``) is left alone.
    """
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        following = argv[i + 1] if i + 1 < len(argv) else ""
        if (
            arg in _QUERY_OPTIONS
            and following.startswith("-")
            and not following.startswith("--")
            and len(following) > 1
            and following not in _SHORT_OPTIONS
        ):
            out.append(f"{arg}={following}")
            i += 2
            continue
        if arg == "--":
            out += argv[i:]
            break
        out.append(arg)
        i += 1
    return out


#: The global options, each with the names argparse would also take for it.
_OPEN_OPTIONS = {"-w": "workspace", "--workspace": "workspace", "--lang": "lang"}


def open_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of a plain "open the app" (no command; only ``-w``/``--workspace``
    and ``--lang``, each with a value), without building the whole parser: the app's
    start-up is spared argparse and every command's module. None for anything else, which
    the full parser then reads (and judges) as always."""
    values: dict[str, str | None] = {"workspace": None, "lang": None}
    tokens = list(argv)
    while tokens:
        option = tokens.pop(0)
        value: str | None = None
        if option.startswith("--") and "=" in option:
            option, value = option.split("=", 1)
        elif option.startswith("-w") and len(option) > 2 and not option.startswith("--"):
            option, value = "-w", option[2:]
        elif tokens:
            value = tokens.pop(0)
        dest = _OPEN_OPTIONS.get(option)
        if dest is None or not value or value.startswith("-"):
            return None
        values[dest] = value
    return SimpleNamespace(**values, command=None)


def pre_language(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
