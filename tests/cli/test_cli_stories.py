"""An advisor's day on the command line: from an empty folder to a portfolio report."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

from .conftest import Samenwerk, snapshot


def test_an_advisor_records_a_partnership_from_first_meeting_to_report(
    nowhere: Samenwerk, tmp_path: Path, isolated_env: Path
) -> None:
    samenwerk = nowhere
    ws = samenwerk.workspace
    config = isolated_env / ".config" / "samenwerk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('author = "Anna de Vries"\n', "utf-8")

    # Nothing there yet: reading commands say so and create nothing.
    missing = samenwerk("list", expect=1)
    missing.assert_one_sentence()
    assert "no workspace" in missing.err and "samenwerk init" in missing.err
    assert not ws.exists()

    init = samenwerk("init", str(ws))
    assert "Created the workspace" in init.out
    assert sorted(p.name for p in ws.iterdir()) == [
        ".gitattributes",
        ".gitignore",
        "partnerships",
        "samenwerk.toml",
    ]

    # new prints only the id, so scripts can capture it.
    created = samenwerk(
        "new", "Senseo",
        "--summary", "Coffee pads\nfor everyone",
        "--stage", "uitvoeren",
        "--tag", "Consumer", "--tag", "product",
        "--party", "Douwe Egberts:co-principal", "--party", "Philips",
    )  # fmt: skip
    pid = created.out.strip()
    assert re.fullmatch(r"[a-z0-9]{12}", pid), created.out
    file = ws / "partnerships" / f"senseo-{pid[:6]}.toml"
    text = file.read_text("utf-8")
    assert 'stage = "execute"' in text and 'tags = ["consumer", "product"]' in text
    assert '[[parties]]\nname = "Douwe Egberts"\nrole = "co-principal"' in text

    edited = samenwerk(
        "edit", "senseo", "--name", "Senseo coffee", "--tag", "alliance", "--untag", "consumer",
        "--party", "Philips:co-principal",
    )  # fmt: skip
    assert edited.out == f"Saved Senseo coffee (partnerships/{file.name}).\n"
    assert file.exists(), "renaming changes the name, never the file"

    samenwerk(
        "classify", pid[:6], "--primary", "leveren",
        "--score", "deliver=5", "--score", "doelen=2",
        "--comment", "deliver=One product, [bold]two brands[/bold]",
        "--rationale", "They build and sell one product together.",
    )  # fmt: skip
    samenwerk("note", file.name, "Kick-off went well", "--type", "deliver", "--tag", "kickoff")
    samenwerk("perspective", "senseo coffee", "ambitie", "4", "--comment", "Shared ambition")
    again = samenwerk("perspective", "Senseo coffee", "ambition", "4")
    assert again.out.startswith("Nothing changed in Senseo coffee")

    data = tomllib.loads(file.read_text("utf-8"))
    assert data["name"] == "Senseo coffee"
    assert data["tags"] == ["alliance", "product"]
    assert [p["role"] for p in data["parties"]] == ["co-principal", "co-principal"]
    assert data["classification"]["primary"] == "deliver"
    assert data["classification"]["by"] == "Anna de Vries"  # the author from config.toml
    assert data["classification"]["goals"]["score"] == 2
    assert data["perspectives"]["ambition"] == {"score": 4, "comment": "Shared ambition"}
    assert data["notes"][0]["type"] == "deliver" and data["notes"][0]["tags"] == ["kickoff"]

    # show: the same partnership for people, for Markdown, for scripts.
    shown = samenwerk("show", pid).out
    for expected in (
        "Senseo coffee",
        "Coffee pads\n  for everyone",
        "Douwe Egberts (co-principal)",
        "*1 ■■■■■ 5",
        "One product, [bold]two brands[/bold]",
        "Kick-off went well",
    ):
        assert expected in shown, (expected, shown)
    markdown = samenwerk("show", pid, "--format", "md").out
    assert markdown.startswith("# Senseo coffee\n")
    assert r"One product, \[bold\]two brands\[/bold\]" in markdown
    document = json.loads(samenwerk("show", pid, "--format", "json").out)
    assert document["file"] == f"partnerships/{file.name}"
    assert document["id"] == pid and document["created"].endswith("Z")
    comment = document["classification"]["deliver"]["comment"]
    assert comment == "One product, [bold]two brands[/bold]"

    # A second partnership, then the list in its three formats.
    samenwerk("new", "Gezond Rivierdal", "--tag", "zorg", "--party", "GGD")
    table = samenwerk("list").lines
    assert table[0].split() == ["T", "ID", "NAME", "STAGE", "TAGS"]
    assert table[1].startswith("· ") and "Gezond Rivierdal" in table[1]
    assert table[2].startswith(f"1 {pid[:6]}  Senseo coffee") and "executing" in table[2]
    assert all(len(line) <= 80 for line in table)
    rows = list(csv.DictReader(io.StringIO(samenwerk("list", "--format", "csv").out)))
    assert [r["name"] for r in rows] == ["Gezond Rivierdal", "Senseo coffee"]
    assert rows[1]["type"] == "deliver" and rows[1]["deliver"] == "5"
    assert rows[1]["parties"] == "Douwe Egberts; Philips"
    listed = json.loads(samenwerk("list", "--format", "json", "--filter", "type:leveren").out)
    assert [r["id"] for r in listed] == [pid]
    # The badge in the list's first column names the type as well.
    assert samenwerk("list", "--filter", "type:1").lines[1:] == [table[2]]
    assert samenwerk("list", "--filter", "tag:zorg -stage:closed").lines[1:] == [table[1]]
    assert samenwerk("list", "--filter=-tag:zorg").lines[1:] == [table[2]]

    # The portfolio report, to stdout and to a file.
    report = samenwerk("export").out
    assert report.startswith("# ws\n") and "## Senseo coffee" in report
    assert "| Senseo coffee | 1 |" in report
    out = tmp_path / "report.csv"
    wrote = samenwerk("export", "--format", "csv", "-o", str(out), "--filter", "party:philips")
    assert wrote.out == f"Wrote 1 partnership to {out}.\n"
    exported = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert exported[0]["summary"] == "Coffee pads\nfor everyone"
    assert exported[0]["notes"] == "1"
    portfolio = json.loads(samenwerk("export", "--format", "json").out)
    assert portfolio["count"] == 2 and portfolio["broken"] == []
    assert {p["name"] for p in portfolio["partnerships"]} == {"Senseo coffee", "Gezond Rivierdal"}

    # delete asks for --yes, names what it would delete, and deletes nothing without it.
    before = snapshot(ws)
    refused = samenwerk("delete", "senseo", expect=2)
    refused.assert_one_sentence()
    assert "--yes" in refused.err and file.name in refused.err
    assert snapshot(ws) == before
    assert samenwerk("delete", "senseo", "--yes").out.startswith("Deleted Senseo coffee")
    assert not file.exists()
    assert [r["name"] for r in json.loads(samenwerk("list", "--format", "json").out)] == [
        "Gezond Rivierdal"
    ]


def test_refs_that_match_nothing_or_several_exit_1_with_the_candidates(
    samenwerk: Samenwerk,
) -> None:
    created = samenwerk("new", "Senseo")
    assert created.err == ""
    first = created.out.strip()
    second_run = samenwerk("new", "senseo")
    assert second_run.err == ""
    second = second_run.out.strip()
    files = sorted(p.name for p in (samenwerk.workspace / "partnerships").iterdir())
    assert files == sorted([f"senseo-{first[:6]}.toml", f"senseo-{second[:6]}.toml"])

    several = samenwerk("show", "SENSEO", expect=1)
    several.assert_one_sentence()
    assert first in several.err and second in several.err
    none = samenwerk("note", "Schiphol", "text", expect=1)
    none.assert_one_sentence()
    assert "No partnership matches 'Schiphol'" in none.err

    # id, id prefix and file name (with or without .toml) all pick exactly one.
    for ref in (first, first[:6], f"senseo-{first[:6]}.toml", f"senseo-{first[:6]}"):
        assert json.loads(samenwerk("show", ref, "--format", "json").out)["id"] == first


def test_bare_samenwerk_and_demo_without_a_terminal_say_what_they_would_open(
    samenwerk: Samenwerk, tmp_path: Path
) -> None:
    opened = samenwerk()
    assert str(samenwerk.workspace) in opened.out and "terminal" in opened.out
    assert (samenwerk.workspace / "samenwerk.toml").is_file(), "the TUI creates a workspace"

    demo = tmp_path / "demo"
    samenwerk("demo", "--path", str(demo))
    names = sorted(p.name for p in (demo / "partnerships").iterdir())
    assert len(names) == 8
    samenwerk("demo", "--path", str(demo))
    assert sorted(p.name for p in (demo / "partnerships").iterdir()) == names, "created once"
    listed = json.loads(samenwerk("-w", str(demo), "list", "--format", "json").out)
    assert {r["type"] for r in listed} == {"deliver", "goals", "movement", "platform"}
