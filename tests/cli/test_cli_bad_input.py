"""Bad input and hostile text: one sentence, the right exit code, nothing written or leaked."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

from .conftest import Samenwerk, assert_terminal_safe, snapshot

FILE_NAME = re.compile(r"^[a-z0-9-]{1,40}-[a-z0-9]{6}\.toml$")


S1 = "5,5,4,5,5,2,3,1,4,3,2,1,1,1,2,1"  # domain brief case S1: delivery, dominant


def test_bad_input_exits_2_with_one_sentence_and_writes_nothing(
    samenwerk: Samenwerk, nowhere: Samenwerk
) -> None:
    # A folder the user named is never made a workspace by `new`: bad input is refused
    # first, good input is refused with the sentence that names `samenwerk init`.
    for args in (("new", ""), ("new", "Senseo", "--stage", "nowhere")):
        nowhere(*args, expect=2).assert_one_sentence()
    refused = nowhere("new", "Senseo", expect=1)
    refused.assert_one_sentence()
    assert f"samenwerk init {nowhere.workspace}" in refused.err
    assert not nowhere.workspace.exists()

    samenwerk("new", "Senseo", "--party", "Philips")
    before = snapshot(samenwerk.workspace)
    cases: list[tuple[tuple[str | bytes, ...], str]] = [
        (("classify", "Senseo", "--score", "deliver=9"), "from 0 to 5, not 9"),
        (("classify", "Senseo", "--score", "deliver=many"), "whole number"),
        (("classify", "Senseo", "--score", "deliver"), "TYPE=VALUE"),
        (("classify", "Senseo", "--score", "teleport=3"), "Unknown agreement type 'teleport'"),
        (("classify", "Senseo", "--primary", "teleport"), "Unknown agreement type"),
        (("classify", "Senseo"), "Say what to set"),
        (("new", "   "), "needs a name"),
        (("new", "\x1b\x07"), "needs a name"),
        (("new", "X", "--party", ":role only"), "party needs a name"),
        (("edit", "Senseo", "--stage", "nowhere"), "Unknown stage 'nowhere'"),
        (("edit", "Senseo", "--name", ""), "needs a name"),
        (("edit", "Senseo", "--remove-party", "Douwe Egberts"), "no party named"),
        (("edit", "Senseo"), "Say what to change"),
        (("perspective", "Senseo", "ambition", "9"), "from 1 to 5, not 9"),
        (("perspective", "Senseo", "vibes", "3"), "Unknown perspective 'vibes'"),
        (("note", "Senseo", "  \n "), "cannot be empty"),
        (("note", "Senseo", "text", "--type", "teleport"), "Unknown agreement type"),
        (("list", "--filter", "is:nonsense"), "Unknown filter is:nonsense"),
        (("list", "--format", "xml"), "invalid choice"),
        (("export", "--format", "pdf"), "invalid choice"),
        (("diagnose", "Senseo", "--answers", "5,4,3"), "needs 16 answers"),
        (("diagnose", "Senseo", "--answers", ",".join("3" * 15 + "6")), "from 1 to 5, not 6"),
        (("diagnose", "Senseo", "--answers", ",".join("3" * 15 + "x")), "Q16 must be 1 to 5"),
        (("diagnose", "Senseo"), "no terminal to ask the statements on"),
        (("diagnose", "Senseo", "--answers", ",".join("-" * 16), "--store"), "No statement"),
        (("diagnose", "Senseo", "--answers", S1, "--primary", "goals"), "only be chosen"),
        (("diagnose", "Senseo", "--answers", S1, "--apply", "--primary", "goals"), "not among"),
        (("diagnose", "Senseo", "--answers", S1, "--apply", "--store"), "not allowed with"),
        (("diagnose", "Senseo", "--answers", S1, "--format", "md"), "invalid choice"),
        (("frobnicate",), "invalid choice"),
        (("new", b"caf\xe9 in latin-1"), "not valid text"),
        (("export", "-o", str(samenwerk.workspace / "partnerships" / "x.md")), "cannot be"),
    ]
    for bad, phrase in cases:
        run = samenwerk(*bad, expect=2)
        run.assert_one_sentence()
        assert phrase in run.err, (bad, run.err)
        assert run.out == "", (bad, run.out)
    assert snapshot(samenwerk.workspace) == before

    # init refuses a file; a second init adds what is missing and overwrites nothing.
    a_file = samenwerk.cwd / "notes.txt"
    a_file.write_text("mine", "utf-8")
    samenwerk("init", str(a_file), expect=2).assert_one_sentence()
    assert a_file.read_text("utf-8") == "mine"
    again = samenwerk("init", str(samenwerk.workspace))
    assert "already a workspace" in again.out
    assert snapshot(samenwerk.workspace) == before


def test_a_broken_config_file_warns_once_and_defaults_apply(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    config = isolated_env / ".config" / "samenwerk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('lang = "nl\n', "utf-8")
    run = samenwerk("new", "Senseo")
    assert re.fullmatch(r"[a-z0-9]{12}\n", run.out)
    warning = run.err.splitlines()[0]
    assert warning.startswith("samenwerk: The config file could not be read, so defaults are used")


def test_hostile_names_typed_on_the_command_line_are_stored_clean(
    samenwerk: Samenwerk, hostile_names: list[str]
) -> None:
    ids = {name: samenwerk("new", name).out.strip() for name in hostile_names}
    folder = samenwerk.workspace / "partnerships"
    assert sorted(p.name for p in samenwerk.workspace.iterdir()) == [
        ".gitattributes",
        ".gitignore",
        ".samenwerk.lock",  # the workspace lock the saves took (ignored by git)
        "partnerships",
        "samenwerk.toml",
    ], "../../etc/passwd wrote nowhere else"
    files = sorted(folder.iterdir())
    assert len(files) == len(hostile_names)
    for path in files:
        assert FILE_NAME.match(path.name), path.name
        data = path.read_bytes()
        assert b"\x1b" not in data and b"\x07" not in data and "\x9d".encode() not in data
    assert (folder / f"con-x-{ids['CON'][:6]}.toml").exists()
    assert (folder / f"etc-passwd-{ids['../../etc/passwd'][:6]}.toml").exists()

    listed = {r["id"]: r["name"] for r in json.loads(samenwerk("list", "--format", "json").out)}
    assert listed[ids["A\x1b[2J cleared"]] == "A[2J cleared"
    assert listed[ids["Zoe\u0308 NFD"]] == unicodedata.normalize("NFC", "Zoe\u0308 NFD")
    assert listed[ids["🤝 Samen 👩‍👩‍👧"]] == "🤝 Samen 👩‍👩‍👧"
    assert listed[ids["[bold]Evil[/bold] co"]] == "[bold]Evil[/bold] co"
    # The NFD spelling finds the NFC name; accents and case do not matter.
    shown = json.loads(samenwerk("show", "Zoe\u0308 nfd", "--format", "json").out)
    assert shown["id"] == ids["Zoe\u0308 NFD"]


HAND_EDITED = """\
schema = 1
id = "evil00000001"
name = "\\u001b]52;c;ZXZpbA==\\u0007[bold]x[/] [link=https://e.vil]y[/link] \\u009d52;z \\u202eRTL"
stage = "explore"
tags = ["\\u001b[2j"]
created = 2026-11-26 09:12:00+00:00
updated = 2026-11-26 10:40:00+00:00
summary = "line one\\u001b[2J\\nline two"

[[parties]]
name = "=HYPERLINK(\\"https://e.vil\\")"
role = "\\u001b]0;title\\u0007"

[classification]
rationale = "# not a heading <script>"

[classification.deliver]
score = 1
comment = "\\u009b31m red"

[classification.goals]
score = 0
comment = ""

[classification.movement]
score = 0
comment = ""

[classification.platform]
score = 0
comment = ""

[[notes]]
id = "n0000001"
created = 2026-11-26 10:41:00+00:00
author = "\\u001b[6n"
tags = []
text = "note \\u001b]8;;https://e.vil\\u0007click\\u001b]8;;\\u0007"
"""


def test_a_hand_edited_file_full_of_escapes_never_reaches_the_terminal_raw(
    samenwerk: Samenwerk, tmp_path: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    path = samenwerk.workspace / "partnerships" / "evil-evil00.toml"
    path.write_text(HAND_EDITED, "utf-8")
    original = path.read_bytes()

    outputs = {
        args: samenwerk(*args).out
        for args in (
            ("list",),
            ("list", "--format", "csv"),
            ("list", "--format", "json"),
            ("show", "evil00"),
            ("show", "evil00", "--format", "md"),
            ("show", "evil00", "--format", "json"),
            ("export",),
            ("export", "--format", "csv"),
            ("export", "--format", "json"),
            ("check",),
        )
    }
    for args, out in outputs.items():
        assert_terminal_safe(out)
        assert "\x1b" not in out and "\x9d" not in out and "\x9b" not in out, args
    shown = outputs[("show", "evil00")]
    assert "␛]52;c;ZXZpbA==␇[bold]x[/] [link=https://e.vil]y[/link]" in shown
    assert "⟨U+009D⟩52;z ⟨U+202E⟩RTL" in shown
    assert "line one␛[2J\n  line two" in shown

    # JSON carries the real strings, escaped: a script gets exactly what is in the file.
    document = json.loads(outputs[("show", "evil00", "--format", "json")])
    assert document["name"].startswith("\x1b]52;c;ZXZpbA==\x07[bold]x[/]")
    assert document["name"].endswith("\x9d52;z \u202eRTL")
    assert "\\u001b]52" in outputs[("show", "evil00", "--format", "json")]

    # Markdown shows markup literally; CSV never hands a spreadsheet a formula.
    markdown = outputs[("show", "evil00", "--format", "md")]
    assert r"\[bold\]x\[/\] \[link=https://e.vil\]y\[/link\]" in markdown
    assert r"\# not a heading \<script\>" in markdown
    rows = list(csv.DictReader(io.StringIO(outputs[("export", "--format", "csv")])))
    assert rows[0]["parties"] == '\'=HYPERLINK("https://e.vil")'

    assert path.read_bytes() == original, "reading never rewrites a file"
