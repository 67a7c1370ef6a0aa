"""Entry point of ``samenwerk``: parse, dispatch, turn every failure into one sentence.

This module imports next to nothing: the command's modules (the config, the catalogs,
the parser, and for the app the user interface) are imported inside :func:`main`, with the
cyclic garbage collector paused, since what they make lives until the program ends (see
:mod:`samenwerk_tui.services.collector`): about 40 collections, some 5 ms of every start,
before the first frame. :mod:`.run` does the work.
"""

from __future__ import annotations

from collections.abc import Sequence

from samenwerk_tui.services import collector


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app); the exit code."""
    # Start-up makes what lives until the end (modules, the records read): the cyclic
    # collector would walk it over and over for nothing (see :mod:`.services.collector`).
    with collector.paused():
        from samenwerk_tui.cli.run import run_command

        return run_command(argv)
