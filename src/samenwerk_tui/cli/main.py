"""Entry point of ``samenwerk``: parse, dispatch, turn every failure into one sentence."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from samenwerk_tui import __version__, i18n
from samenwerk_tui.cli.commands import modules
from samenwerk_tui.cli.context import Context, ProblemsFound, UsageError
from samenwerk_tui.domain.text import safe_text
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
    parser = _Parser(prog="samenwerk", description=i18n.t("cli.description"))
    parser.add_argument("--version", action="version", version=f"samenwerk {__version__}")
    parser.add_argument("-w", "--workspace", help=i18n.t("cli.opt_workspace"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=i18n.t("cli.opt_lang"))
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title=i18n.t("cli.commands")
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
                "-w", "--workspace", default=argparse.SUPPRESS, help=i18n.t("cli.opt_workspace")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    config = load_config()
    i18n.set_language(i18n.detect_language(_pre_language(argv), config.lang))
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
    except UsageError as exc:
        return _fail(i18n.t(exc.key, **exc.params), EXIT_USAGE)
    except ProblemsFound as exc:
        return _fail(i18n.t(exc.key, **exc.params), EXIT_PROBLEMS)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``samenwerk list | head``): stop quietly, and point stdout
        # at /dev/null so the interpreter's final flush does not complain either.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        known = _known_failure(exc)
        if known is not None:
            return known
        if os.environ.get("SAMENWERK_DEBUG"):
            raise
        return _fail(i18n.t("cli.unexpected", reason=f"{type(exc).__name__}: {exc}"), EXIT_PROBLEMS)


def _known_failure(exc: Exception) -> int | None:
    """The exit code for an error of the domain, the session or the store, after saying it.

    Checked here rather than in ``except`` clauses of their own so that starting up (and
    ``--help``) does not import those layers; a module not imported yet cannot have raised.
    """
    model = sys.modules.get("samenwerk_tui.domain.model")
    if model is not None and isinstance(exc, model.DomainError):
        return _fail(i18n.t(exc.key, **exc.params), EXIT_USAGE)
    session = sys.modules.get("samenwerk_tui.services.session")
    if session is not None and isinstance(exc, session.RefError):
        candidates = "; ".join(exc.candidates[:10])
        return _fail(i18n.t(exc.key, ref=exc.ref, candidates=candidates), EXIT_PROBLEMS)
    workspace = sys.modules.get("samenwerk_tui.store.workspace")
    if workspace is not None and isinstance(exc, workspace.StoreError):
        key = "cli.no_workspace" if exc.key == "error.no_workspace" else exc.key
        return _fail(i18n.t(key, **exc.params), EXIT_PROBLEMS)
    return None


def _fail(sentence: str, code: int) -> int:
    sys.stderr.write(f"samenwerk: {safe_text(sentence)}\n")
    return code
