"""Messages that help, and filters typed the way users type them (issue 7, items 6 and 7)."""

from __future__ import annotations

import codecs
import json

from .conftest import Samenwerk


def test_a_file_saved_with_a_byte_order_mark_is_read(samenwerk: Samenwerk) -> None:
    pid = samenwerk("new", "Senseo", "--tag", "product").out.strip()
    (path,) = (samenwerk.workspace / "partnerships").glob("*.toml")
    # Notepad saved it: the same text, a byte-order mark in front.
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())

    shown = json.loads(samenwerk("show", pid, "--format", "json").out)
    assert shown["name"] == "Senseo" and shown["tags"] == ["product"]
    assert samenwerk("check").code == 0
    # The next save writes it back without the mark; nothing else changes.
    samenwerk("note", pid, "Met Philips.")
    assert not path.read_bytes().startswith(codecs.BOM_UTF8)
    assert json.loads(samenwerk("show", pid, "--format", "json").out)["tags"] == ["product"]


def test_the_id_of_a_broken_file_says_the_file_is_broken(samenwerk: Samenwerk) -> None:
    pid = samenwerk("new", "Senseo").out.strip()
    (path,) = (samenwerk.workspace / "partnerships").glob("*.toml")
    path.write_bytes(path.read_bytes() + b"<<<<<<< ours\nname = 1\n=======\n>>>>>>> theirs\n")

    for ref in (pid, pid[:6], pid[:4]):
        shown = samenwerk("show", ref, expect=1)
        shown.assert_one_sentence()
        assert shown.err.startswith(f"samenwerk: partnerships/{path.name}:"), shown.err
        assert "conflict markers" in shown.err and "No partnership matches" not in shown.err
        noted = samenwerk("note", ref, "lost?", expect=1)
        assert "cannot be read" in noted.err
    # Something that is nobody's id still gets the plain answer.
    assert "No partnership matches" in samenwerk("show", "zzzzzz", expect=1).err


def test_a_filter_that_starts_with_a_minus_is_typed_as_the_next_word(
    samenwerk: Samenwerk,
) -> None:
    samenwerk("new", "Gezond Rivierdal", "--tag", "zorg")
    samenwerk("new", "Senseo", "--stage", "closed")
    samenwerk("new", "Brainport", "--stage", "execute")

    listed = samenwerk("list", "--filter", "-tag:zorg").lines[1:]
    assert [line.split()[2] for line in listed] == ["Brainport", "Senseo"]
    exported = json.loads(samenwerk("export", "--format", "json", "--filter", "-stage:closed").out)
    assert sorted(p["name"] for p in exported["partnerships"]) == ["Brainport", "Gezond Rivierdal"]
    # Several terms, the first negated, and the workspace option after it still works.
    both = samenwerk("list", "--filter", "-tag:zorg -stage:closed", "-w", str(samenwerk.workspace))
    assert [line.split()[2] for line in both.lines[1:]] == ["Brainport"]
    # "--filter -w" still means: the filter is missing its value.
    missing = samenwerk("list", "--filter", "-w", str(samenwerk.workspace), expect=2)
    assert "expected one argument" in missing.err


HOLD = """
import sys, time
from pathlib import Path
from samenwerk_tui.store.lock import hold

with hold(Path(sys.argv[1]), timeout=10):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_note_typed_while_another_window_syncs_waits_and_says_so(
    samenwerk: Samenwerk,
) -> None:
    import subprocess
    import sys

    from samenwerk_tui.store.lock import LOCK_FILE

    pid = samenwerk("new", "Senseo").out.strip()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(samenwerk.workspace / LOCK_FILE), "1.5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        noted = samenwerk("note", pid, "Typed during the sync.")
    finally:
        holder.wait(timeout=30)
    assert noted.err == (
        "samenwerk: waiting for the sync (or a save in another window) to finish…\n"
    )
    assert noted.out.startswith("Saved Senseo")
    shown = json.loads(samenwerk("show", pid, "--format", "json").out)
    assert [n["text"] for n in shown["notes"]] == ["Typed during the sync."]
