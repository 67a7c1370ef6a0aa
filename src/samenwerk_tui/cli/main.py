"""Entry point of ``samenwerk``: parse, dispatch, turn every failure into one sentence."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from samenwerk_tui import __version__, i18n
from samenwerk_tui.cli.argparse_i18n import translated
from samenwerk_tui.cli.commands import modules
from samenwerk_tui.cli.context import Context
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.services import collector
from samenwerk_tui.services.config import load_config

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
#: Short options some command takes; ``--filter -w`` means the workspace option, not "-w".
_SHORT_OPTIONS = {"-w", "-o", "-m", "-q", "-h"}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one sentence on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"samenwerk: {safe_text(message)} ({i18n.t('cli.see_help')})\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line. Build (and run) it inside :func:`translated`, so argparse's
    own words ("usage:", "options") come out in the chosen language too."""
    workspace = i18n.t("cli.metavar.workspace")
    parser = _Parser(prog="samenwerk", description=i18n.t("cli.description"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"samenwerk {__version__}",
        help=i18n.t("cli.argparse.version"),
    )
    parser.add_argument("-w", "--workspace", metavar=workspace, help=i18n.t("cli.opt_workspace"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=i18n.t("cli.opt_lang"))
    sub = parser.add_subparsers(
        dest="command",
        metavar=i18n.t("cli.metavar.command"),
        parser_class=_Parser,
        title=i18n.t("cli.commands"),
    )
    for module in modules():
        module.register(sub)
    # The global options also work after the command (``samenwerk list -w DIR``);
    # SUPPRESS keeps a subcommand from resetting a value given before it.
    for command in sub.choices.values():
        taken = command._option_string_actions  # a command may define these itself
        group = command.add_argument_group(i18n.t("cli.global_options"))
        if "-w" not in taken and "--workspace" not in taken:
            group.add_argument(
                "-w",
                "--workspace",
                default=argparse.SUPPRESS,
                metavar=workspace,
                help=i18n.t("cli.opt_workspace"),
            )
        if "--lang" not in taken:
            group.add_argument(
                "--lang",
                choices=i18n.LANGUAGES,
                default=argparse.SUPPRESS,
                help=i18n.t("cli.opt_lang"),
            )
    return parser


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
    try:
        with translated():
            args = build_parser().parse_args(_join_query_values(argv))
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
