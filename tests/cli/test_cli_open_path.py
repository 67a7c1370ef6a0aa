"""Opening the app from the command line: only what the first paint needs, the same
arguments as the full parser, and every other invocation judged by the full parser.

Issue 14: everything imported before the first paint is paid at every open, so a plain
``samenwerk [-w DIR] [--lang xx]`` builds no argparse parser (no command's module), asks
git for no author (that waits for the first change), and imports no worker-process support
when nothing has to be parsed. The script runs the real ``main`` in a fresh interpreter
with a terminal-less stand-in for ``run_tui`` that reports what was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samenwerk_tui.cli.argv import open_arguments
from tests.cli.conftest import Samenwerk

SCRIPT = """
import json, sys
import samenwerk_tui.tui as tui
from samenwerk_tui.cli.commands import open as open_command
from samenwerk_tui.cli.main import main

def run_tui(session, config, *, loaded=True):
    session.load()
    watched = ("argparse", "multiprocessing", "concurrent.futures.process",
               "samenwerk_tui.cli.parser", "samenwerk_tui.cli.commands.list")
    print(json.dumps({
        "imported": sorted(m for m in watched if m in sys.modules),
        "author_asked": not callable(session._author),
        "records": len(session.records),
        "root": str(session.workspace.root),
    }))
    return 0

tui.run_tui = run_tui
sys.stdin.isatty = sys.stdout.isatty = lambda: True  # as in a terminal
sys.exit(main(sys.argv[1:]))
"""


def test_opening_the_app_builds_no_parser_and_asks_git_nothing(
    samenwerk: Samenwerk, tmp_path: Path
) -> None:
    samenwerk("new", "Zorgnetwerk Oost")
    samenwerk("new", "Jeugdhulp West")
    for args in (["-w", str(samenwerk.workspace)], [f"--workspace={samenwerk.workspace}"]):
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, *args, "--lang", "nl"],
            capture_output=True,
            text=True,
            check=True,
        )
        out = json.loads(done.stdout.strip().splitlines()[-1])
        assert out == {
            "imported": [],
            "author_asked": False,
            "records": 2,
            "root": str(samenwerk.workspace),
        }


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"workspace": None, "lang": None}),
        (["-w", "ws"], {"workspace": "ws", "lang": None}),
        (["-wws"], {"workspace": "ws", "lang": None}),
        (["--workspace=ws", "--lang", "nl"], {"workspace": "ws", "lang": "nl"}),
        (["--lang=en", "-w", "a", "-w", "b"], {"workspace": "b", "lang": "en"}),  # last wins
    ],
)
def test_a_plain_open_is_read_without_the_parser(
    argv: list[str], expected: dict[str, str | None]
) -> None:
    args = open_arguments(argv)
    assert args is not None
    assert vars(args) == {**expected, "command": None}


@pytest.mark.parametrize(
    "argv",
    [["-w"], ["list"], ["-w", "ws", "list"], ["-w", "-x"], ["--work", "ws"], ["-h"], ["ws"]],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert open_arguments(argv) is None


def test_the_full_parser_still_judges_what_the_plain_open_does_not_take(
    samenwerk: Samenwerk,
) -> None:
    missing = samenwerk("-w", expect=2)  # no value: argparse's sentence, exit 2
    missing.assert_one_sentence()
    assert "-w" in missing.err
    unknown = samenwerk("--bogus", expect=2)
    unknown.assert_one_sentence()
    assert samenwerk("--version").out.startswith("samenwerk ")
