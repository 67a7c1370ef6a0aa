"""Entry point of ``samenwerk``: parse, dispatch, turn every failure into one sentence."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import collector
from samenwerk_tui.services.config import load_config

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: Short options some command takes; ``--filter -w`` means the workspace option, not "-w".
_SHORT_OPTIONS = {"-w", "-o", "-m", "-q", "-h"}


def _bad_argument(argv: Sequence[str]) -> str | None:
    """An argument that is not valid text (undecodable bytes arrive as surrogates)."""
    for arg in argv:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            return arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
    return None


#: Options whose value may start with "-" (``--answers -,4,5,…`` skips the first statement).
DASH_VALUE_OPTIONS = ("--answers",)


def _dash_values(argv: list[str]) -> list[str]:
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


def _join_query_values(argv: list[str]) -> list[str]:
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


def _open_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
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


def _pre_language(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app); the exit code."""
    # Start-up makes what lives until the end (modules, the records read): the cyclic
    # collector would walk it over and over for nothing (see :mod:`.services.collector`).
    with collector.paused():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    from samenwerk_tui.services.reader import allow_worker_processes

    allow_worker_processes()  # a guarded entry point: workers may import __main__ again
    argv = _dash_values(list(sys.argv[1:] if argv is None else argv))
    config = load_config()
    wanted = _pre_language(argv)
    unknown = i18n.unknown_language(wanted, config.lang)
    if unknown is not None:
        where, value = unknown
        where_text = i18n.t(f"cli.language.{where}")
        return _fail(i18n.t("cli.language.unknown", where=where_text, value=value), EXIT_USAGE)
    i18n.set_language(i18n.detect_language(wanted, config.lang))
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    bad = _bad_argument(argv)
    if bad is not None:
        return _fail(i18n.t("cli.not_text", value=bad), EXIT_USAGE)
    if config.problem:
        sys.stderr.write(
            f"samenwerk: {safe_text(i18n.t('cli.config_problem', reason=config.problem))}\n"
        )
    args: argparse.Namespace | SimpleNamespace | None = _open_arguments(argv)
    if args is None:  # a command, or anything the full parser has to judge
        from samenwerk_tui.cli.parser import parse

        try:
            args = parse(_join_query_values(argv))
        except SystemExit as exit_:
            return int(exit_.code or 0)
    run = getattr(args, "run", None)
    if run is None:
        from samenwerk_tui.cli.commands.open import run_open

        run = run_open
    ctx = Context(args, config)
    try:
        return int(run(ctx))
    except SamenwerkError as exc:
        return _fail(_sentence(exc), exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``samenwerk list | head``): stop quietly, and point stdout
        # at /dev/null so the interpreter's final flush does not complain either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if os.environ.get("SAMENWERK_DEBUG"):
            raise
        return _fail(i18n.t("cli.unexpected", reason=f"{type(exc).__name__}: {exc}"), EXIT_PROBLEMS)


def _sentence(exc: SamenwerkError) -> str:
    """The error's sentence; a missing workspace also says how to make one (in a shell)."""
    if exc.key == "error.no_workspace":
        return i18n.t("cli.no_workspace", **exc.params)
    return i18n.text_of(exc)


def _fail(sentence: str, code: int) -> int:
    sys.stderr.write(f"samenwerk: {safe_text(sentence)}\n")
    return code
