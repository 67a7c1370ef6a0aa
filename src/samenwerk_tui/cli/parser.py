"""The whole command line as argparse sees it (built only when a command is given, or
anything but a plain "open the app": :func:`samenwerk_tui.cli.argv.open_arguments`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from samenwerk_tui import __version__, i18n
from samenwerk_tui.cli.argparse_i18n import translated
from samenwerk_tui.cli.commands import modules
from samenwerk_tui.domain.text import safe_text
from samenwerk_tui.errors import EXIT_USAGE


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


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Build the parser and parse ``argv`` (argparse's words in the chosen language)."""
    with translated():
        return build_parser().parse_args(argv)
