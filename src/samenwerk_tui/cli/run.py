"""Running one command (or the app): the config, the language, the parser, and every
failure turned into one sentence and an exit code. Imported by :func:`.main.main` once
the collector is paused (see there)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from samenwerk_tui import i18n, i18n_cache
from samenwerk_tui.cli.argv import (
    bad_argument,
    dash_values,
    join_query_values,
    open_arguments,
    pre_language,
)
from samenwerk_tui.cli.context import Context
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SamenwerkError
from samenwerk_tui.services.config import cache_dir, load_config

if TYPE_CHECKING:
    import argparse


def run_command(argv: Sequence[str] | None) -> int:
    """Run the command ``argv`` asks for (``sys.argv`` if None); the exit code."""
    from samenwerk_tui.services.reader import allow_worker_processes

    allow_worker_processes()  # a guarded entry point: workers may import __main__ again
    argv = dash_values(list(sys.argv[1:] if argv is None else argv))
    config = load_config()
    i18n_cache.keep_in(cache_dir() / i18n_cache.TEXTS_DIR)
    wanted = pre_language(argv)
    unknown = i18n.unknown_language(wanted, config.lang)
    if unknown is not None:
        where, value = unknown
        where_text = i18n.t(f"cli.language.{where}")
        return _fail(i18n.t("cli.language.unknown", where=where_text, value=value), EXIT_USAGE)
    i18n.set_language(i18n.detect_language(wanted, config.lang))
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    bad = bad_argument(argv)
    if bad is not None:
        return _fail(i18n.t("cli.not_text", value=bad), EXIT_USAGE)
    if config.problem:
        sys.stderr.write(
            f"samenwerk: {safe_text(i18n.t('cli.config_problem', reason=config.problem))}\n"
        )
    args: argparse.Namespace | SimpleNamespace | None = open_arguments(argv)
    if args is None:  # a command, or anything the full parser has to judge
        from samenwerk_tui.cli.parser import parse

        try:
            args = parse(join_query_values(argv))
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
