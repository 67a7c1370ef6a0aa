"""Entry point of ``samenwerk``: parse, dispatch, turn every failure into one sentence."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from samenwerk_tui import __version__, i18n
from samenwerk_tui.cli.commands import modules
from samenwerk_tui.cli.context import Context, ProblemsFound, UsageError
from samenwerk_tui.domain.model import DomainError
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.services.config import load_config
from samenwerk_tui.services.session import RefError
from samenwerk_tui.store.workspace import StoreError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in modules():
        module.register(sub)
    return parser


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
    try:
        args = build_parser().parse_args(argv)
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
    except DomainError as exc:
        return _fail(i18n.t(exc.key, **exc.params), EXIT_USAGE)
    except RefError as exc:
        candidates = "; ".join(exc.candidates[:10])
        return _fail(i18n.t(exc.key, ref=exc.ref, candidates=candidates), EXIT_PROBLEMS)
    except ProblemsFound as exc:
        return _fail(i18n.t(exc.key, **exc.params), EXIT_PROBLEMS)
    except StoreError as exc:
        return _fail(i18n.t(exc.key, **exc.params), EXIT_PROBLEMS)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if os.environ.get("SAMENWERK_DEBUG"):
            raise
        return _fail(i18n.t("cli.unexpected", reason=f"{type(exc).__name__}: {exc}"), EXIT_PROBLEMS)


def _fail(sentence: str, code: int) -> int:
    sys.stderr.write(f"samenwerk: {safe_text(sentence)}\n")
    return code
