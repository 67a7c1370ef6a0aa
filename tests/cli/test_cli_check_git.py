"""``check``, broken files in lists, git workspaces, pipes and languages."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from samenwerk_tui.domain import edits
from samenwerk_tui.services.session import Session

from .conftest import Samenwerk, snapshot

TRUNCATED = 'schema = 1\nid = "aaaaaa000000"\nname = "Broken\nstage = "explore"\n'
CONFLICTED = """\
schema = 1
id = "bbbbbb000000"
<<<<<<< ours
name = "Ours"
=======
name = "Theirs"
>>>>>>> theirs
"""
RECORDED = """
[[conflicts]]
field = "classification.primary"
ours = "deliver"
theirs = "goals"
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout


def plant_problems(samenwerk: Samenwerk) -> Path:
    """Three unreadable files and one with a recorded merge conflict; returns the latter."""
    folder = samenwerk.workspace / "partnerships"
    (folder / "broken-aaaaaa.toml").write_text(TRUNCATED, "utf-8")
    (folder / "conflicted-bbbbbb.toml").write_text(CONFLICTED, "utf-8")
    (folder / "Senseo.TOML").write_text('schema = 1\nname = "Senseo"\n', "utf-8")
    pid = samenwerk("new", "Schiphol cleaning").out.strip()
    recorded = folder / f"schiphol-cleaning-{pid[:6]}.toml"
    with recorded.open("a", encoding="utf-8") as handle:
        handle.write(RECORDED)
    return recorded


def test_check_lists_every_broken_file_and_recorded_conflict(samenwerk: Samenwerk) -> None:
    samenwerk("new", "Senseo")
    assert samenwerk("check").out == "1 file checked; all fine.\n"

    recorded = plant_problems(samenwerk)
    before = snapshot(samenwerk.workspace)
    found = samenwerk("check", expect=1)
    found.assert_one_sentence()
    assert found.err == (
        "samenwerk: 5 files checked; could not be read: 3; with recorded conflicts: 1.\n"
    )
    lines = found.lines
    assert len(lines) == 4
    assert lines[0] == "partnerships/Senseo.TOML:1:1: unexpected file name " + (
        "(partnership files are named <slug>-<id6>.toml)"
    )
    assert re.fullmatch(
        r"partnerships/broken-aaaaaa\.toml:3:\d+: the file is not valid TOML: .+", lines[1]
    ), lines[1]
    assert lines[2] == (
        "partnerships/conflicted-bbbbbb.toml:3:1: the file holds git conflict markers"
    )
    assert lines[3] == (
        f"partnerships/{recorded.name}: conflict in Primary type: "
        "kept 'Delivering together', the other side had 'Realising goals'"
    )

    # The list still works and shows the unreadable files last; like check, it says how
    # many could not be read and exits 1, in every format (JSON stays valid JSON).
    listed = samenwerk("list", expect=1)
    assert listed.err == (
        "samenwerk: 3 files could not be read; they are listed as broken "
        "(run samenwerk check for details).\n"
    )
    table = listed.lines
    assert [line[0] for line in table[1:]] == ["·", "·", "!", "!", "!"]
    assert table[3].startswith("!         Senseo.TOML") and table[3].endswith("unreadable")
    broken = json.loads(
        samenwerk("list", "--format", "json", "--filter", "is:broken", expect=1).out
    )
    assert [b["file"] for b in broken] == [
        "partnerships/Senseo.TOML:1:1",
        f"partnerships/broken-aaaaaa.toml:3:{broken[1]['file'].rsplit(':', 1)[1]}",
        "partnerships/conflicted-bbbbbb.toml:3:1",
    ]
    assert all(b["broken"] and b["id"] is None for b in broken)
    conflicts = samenwerk("list", "--filter", "is:conflict", expect=1).lines[1:]
    assert [line.split()[0] for line in conflicts] == ["·", "!"]
    # Naming an unreadable file gets its problem, not "no partnership matches".
    shown = samenwerk("show", "broken-aaaaaa", expect=1)
    shown.assert_one_sentence()
    assert shown.err.startswith("samenwerk: partnerships/broken-aaaaaa.toml:3:")
    assert "this file cannot be read" in shown.err
    edited = samenwerk("edit", "Senseo.TOML", "--name", "Fixed", expect=1)
    assert edited.err.startswith("samenwerk: partnerships/Senseo.TOML:1:1: unexpected file name")
    # Every export says which files it could not read, and exits 1 like check.
    exported = samenwerk("export", "--format", "json", expect=1)
    report = json.loads(exported.out)
    assert len(report["broken"]) == 3 and report["count"] == 2
    assert exported.err.startswith("samenwerk: 3 files could not be read;")
    markdown = samenwerk("export", expect=1).out
    section = markdown.split("## Files that could not be read\n\n", 1)[1].split("\n\n")[0]
    lines = section.splitlines()
    assert lines[0] == (
        "- partnerships/Senseo.TOML:1:1: unexpected file name "
        r"(partnership files are named \<slug\>-\<id6\>.toml)"
    )
    assert lines[1].startswith(f"- {broken[1]['file']}: the file is not valid TOML")
    assert lines[2] == (
        "- partnerships/conflicted-bbbbbb.toml:3:1: the file holds git conflict markers"
    )
    rows = list(csv.DictReader(io.StringIO(samenwerk("export", "--format", "csv", expect=1).out)))
    assert [r["broken"] for r in rows] == ["false", "false", "true", "true", "true"]
    assert [r["file"] for r in rows[2:]] == [b["file"] for b in broken]
    assert all(r["problem"] and not r["id"] and not r["name"] for r in rows[2:])
    assert snapshot(samenwerk.workspace) == before, "reading touched nothing"


def test_read_only_commands_leave_a_git_workspace_exactly_as_it_was(
    samenwerk: Samenwerk,
) -> None:
    ws = samenwerk.workspace
    samenwerk("init", str(ws), "--git")
    assert (ws / ".git").is_dir()
    assert "merge-file" in git(ws, "config", "merge.samenwerk.driver")
    assert git(ws, "status", "--porcelain") == ""

    pid = samenwerk("new", "Senseo", "--summary", "Coffee", "--party", "Philips").out.strip()
    samenwerk("classify", pid, "--primary", "deliver", "--score", "deliver=5")
    samenwerk("note", pid, "A note")
    plant_problems(samenwerk)
    stale = ws / "partnerships" / ".senseo.toml.0000.samenwerk-tmp"
    stale.write_text("half a file", "utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    git(ws, "add", "--all")
    git(ws, "commit", "--quiet", "-m", "state")
    status = git(ws, "status", "--porcelain", "--ignored")
    before = snapshot(ws)

    for args, code in (
        (("list",), 1),
        (("list", "--format", "json"), 1),
        (("list", "--format", "csv", "--filter", "is:changed"), 0),
        (("show", pid), 0),
        (("show", pid, "--format", "md"), 0),
        (("show", pid, "--format", "json"), 0),
        (("check",), 1),
        (("export",), 1),
        (("export", "--format", "json"), 1),
    ):
        samenwerk(*args, expect=code)
    assert git(ws, "status", "--porcelain", "--ignored") == status
    assert snapshot(ws) == before, "not even a stale temp file was swept"


def test_a_closed_pipe_ends_quietly_and_messages_speak_dutch(samenwerk: Samenwerk) -> None:
    session = Session.open(samenwerk.workspace, "Anna")
    for i in range(300):
        session.create(edits.new_partnership(f"Samenwerking {i:03} " + "lang " * 30))
    script = (
        f"{sys.executable!s} -m samenwerk_tui list --format json | head -c 100 >/dev/null; "
        f"{sys.executable!s} -m samenwerk_tui list --lang nl | head -n 1"
    )
    env = {**os.environ, "SAMENWERK_WORKSPACE": str(samenwerk.workspace)}
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert done.stderr == "", done.stderr
    assert done.stdout.split() == ["T", "ID", "NAAM", "FASE", "LABELS"]

    dutch = samenwerk("--lang", "nl", "show", "Rotterdam", expect=1)
    assert dutch.err == "samenwerk: Geen samenwerkingsverband past bij 'Rotterdam'.\n"
    also = samenwerk(
        "classify", "Samenwerking 001", "--score", "doelen=7", "--lang", "nl", expect=2
    )
    assert "van 0 tot en met 5" in also.err


def test_the_dutch_cli_catalog_has_every_english_key() -> None:
    folder = Path(__file__).parents[2] / "src" / "samenwerk_tui" / "data" / "messages"

    def keys(lang: str) -> set[str]:
        def walk(table: dict[str, object], prefix: str = "") -> set[str]:
            out: set[str] = set()
            for key, value in table.items():
                if isinstance(value, dict):
                    out |= walk(value, f"{prefix}{key}.")
                else:
                    out.add(f"{prefix}{key}")
            return out

        return walk(tomllib.loads((folder / lang / "cli.toml").read_text("utf-8")))

    assert keys("nl") == keys("en")


def test_a_recorded_conflict_is_shown_in_the_advisors_words_in_dutch(
    samenwerk: Samenwerk,
) -> None:
    pid = samenwerk("new", "Schipholschoonmaak").out.strip()
    recorded = samenwerk.workspace / "partnerships" / f"schipholschoonmaak-{pid[:6]}.toml"
    with recorded.open("a", encoding="utf-8") as handle:
        handle.write(RECORDED)
        handle.write('\n[[conflicts]]\nfield = "stage"\nours = "agree"\ntheirs = "wind-down"\n')
    shown = samenwerk("--lang", "nl", "show", pid)
    assert (
        "conflict in Hoofdtype: 'Samen leveren' behouden, de andere kant had "
        "'Doelen realiseren'" in shown.out
    )
    assert "conflict in Fase: 'Overeenkomen' behouden, de andere kant had 'Afbouwen'" in shown.out
    checked = samenwerk("--lang", "nl", "check", expect=1)
    assert "classification.primary" not in checked.out + checked.err
