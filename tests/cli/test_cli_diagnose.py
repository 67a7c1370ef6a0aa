"""Two advisors diagnose one partnership from the command line and see where they differ."""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from .conftest import Samenwerk, assert_terminal_safe, snapshot

S1 = "5,5,4,5,5,2,3,1,4,3,2,1,1,1,2,1"  # brief case S1: delivery, dominant (92 59 24 13)
S3 = "2,2,2,3,3,5,5,5,4,4,4,3,3,2,2,2"  # brief case S3: goals mixed with movement
TIE = "3,2,2,3,5,1,1,5,5,2,5,2,1,3,2,4"  # 59 60 39 58: goals, delivery, platform tie


def as_advisor(home: Path, name: str) -> None:
    config = home / ".config" / "samenwerk" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'author = "{name}"\n', "utf-8")


def partnership_file(samenwerk: Samenwerk) -> Path:
    (file,) = (samenwerk.workspace / "partnerships").glob("*.toml")
    return file


def test_two_advisors_diagnose_senseo_and_their_disagreement_shows(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Senseo", "--stage", "uitvoeren")
    as_advisor(isolated_env, "Anna de Vries")

    # A dry run prints the result and writes nothing.
    before = snapshot(samenwerk.workspace)
    dry = samenwerk("diagnose", "senseo", "--answers", S1)
    assert snapshot(samenwerk.workspace) == before
    assert "16 of 16 statements answered." in dry.out
    assert "*1 Delivering together" in dry.out and "92" in dry.out
    assert "Label: dominant" in dry.out and "Secondary: none" in dry.out
    assert "Strongest evidence for Delivering together: Q01 concrete product for others" in dry.out
    assert "Nothing was written" in dry.out

    # Applying stores the assessment and sets the classification from it.
    applied = samenwerk("diagnose", "senseo", "--answers", S1, "--apply")
    assert "Stored the assessment and set the classification of Senseo" in applied.out
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    c = data["classification"]
    assert c["primary"] == "deliver" and c["by"] == "Anna de Vries"
    assert [c[t]["score"] for t in ("deliver", "goals", "movement", "platform")] == [5, 3, 1, 1]
    assert c["rationale"].startswith("Primary: Delivering together (92).")
    (run,) = data["assessments"]
    assert run["by"] == "Anna de Vries" and len(run["answers"]) == 16
    assert run["scores"] == {"deliver": 92, "goals": 59, "movement": 24, "platform": 13}

    # A colleague sees it differently and stores only her assessment.
    as_advisor(isolated_env, "Bo Jansen")
    stored = samenwerk("diagnose", "senseo", "--answers", "-," + S3[2:], "--store")
    assert "Stored the assessment in Senseo" in stored.out
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    assert data["classification"]["primary"] == "deliver", "--store leaves the classification"
    assert "q01" not in data["assessments"][1]["answers"]

    shown = samenwerk("show", "senseo")
    table = shown.out[shown.out.index("Diagnoses, latest per advisor") :]
    assert "Anna de Vries" in table and "Bo Jansen" in table
    assert "≠ The advisors disagree: they see a different leading type;" in table
    assert "Senseo" in samenwerk("list", "--filter", "is:divergent").lines[1]
    assert len(samenwerk("list", "--filter=-is:divergent").lines) == 1
    dutch = samenwerk("--lang", "nl", "show", "senseo")
    assert "De adviseurs zijn het oneens" in dutch.out
    assert "deliver" not in dutch.out and "goals 59" not in dutch.out
    assert len(samenwerk("list", "--filter", "is:afwijkend").lines) == 2

    # Markdown shows the same table.
    md = samenwerk("show", "senseo", "--format", "md").out
    assert "| Type | Anna de Vries | Bo Jansen |" in md


def test_json_output_and_a_tie_that_leaves_the_choice_to_the_advisor(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Science Park", "--stage", "vormgeven")
    samenwerk("classify", "science", "--primary", "movement")
    as_advisor(isolated_env, "Anna")

    out = json.loads(samenwerk("diagnose", "science", "--answers", TIE, "--format", "json").out)
    assert out["scores"] == {"deliver": 59, "goals": 60, "movement": 39, "platform": 58}
    assert (out["label"], out["primary"], out["secondary"]) == ("tie", "goals", ["deliver"])
    assert out["candidates"] == ["goals", "deliver", "platform"]
    assert out["separating"] and out["stored"] is False
    assert out["evidence"][0]["type"] == "goals"
    assert out["answers"]["q01"] == 3 and len(out["answers"]) == 16

    kept = samenwerk("diagnose", "science", "--answers", TIE, "--apply")
    assert "The result is tie, so the primary type was left as it was" in kept.out
    assert "--primary (goals, deliver, platform)" in kept.out
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    assert data["classification"]["primary"] == "movement"

    picked = samenwerk("--lang", "nl", "diagnose", "science", "--answers", TIE, "--apply",
                       "--primary", "leveren", "--format", "json")  # fmt: skip
    assert json.loads(picked.out)["applied"] is True
    assert "Diagnose vastgelegd en de typering van Science Park bijgewerkt" in picked.err
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    assert data["classification"]["primary"] == "deliver"
    assert len(data["assessments"]) == 2


def test_dutch_output_names_the_types_and_makes_a_hostile_name_harmless(
    samenwerk: Samenwerk, hostile_names: list[str]
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", hostile_names[2])
    run = samenwerk("--lang", "nl", "diagnose", "bold", "--answers", S3)
    assert_terminal_safe(run.out)
    assert "Doelen realiseren" in run.out and "Uitkomst: mengvorm" in run.out
    assert "Mengvorm met Beweging starten (63)." in run.out
    assert "goals" not in run.out and "movement" not in run.out


# --------------------------------------------------------------------------- on a terminal


def test_on_a_terminal_the_statements_are_asked_one_by_one(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Gezond Rivierdal")
    as_advisor(isolated_env, "Carmen")
    answers = S3.split(",")
    # A wrong key is asked again, "b" goes back one statement and is answered anew.
    typed = [answers[0], "7", answers[1], "b", answers[1], *answers[2:]]
    result = run_on_terminal(samenwerk, typed, "diagnose", "rivierdal", "--apply")
    assert result.returncode == 0, result.stderr
    assert "Q01 (1/16) The collaboration is meant to produce a concrete product" in result.stderr
    assert "  5  Yes, a specification exists or could be written now" in result.stderr
    assert "Type 1 to 5, - to skip, or b to go back." in result.stderr
    assert result.stderr.count("Q02 (2/16)") == 2
    assert "Label: mixed" in result.stdout and "Primary: Realising goals (78)." in result.stdout
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    assert data["classification"]["primary"] == "goals"
    assert data["assessments"][0]["by"] == "Carmen"


def test_after_a_tie_on_a_terminal_the_advisor_picks_the_primary_type(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Science Park")
    typed = [*TIE.split(","), "9", "3"]  # 9 is not on the list; 3 is the platform
    result = run_on_terminal(samenwerk, typed, "--lang", "nl", "diagnose", "science", "--apply")
    assert result.returncode == 0, result.stderr
    assert "De uitkomst is gelijkspel: welk type is leidend?" in result.stderr
    assert "  3  Ontmoetingsplatform (58)" in result.stderr
    assert "Typ een nummer van 1 tot en met 3" in result.stderr
    data = tomllib.loads(partnership_file(samenwerk).read_text("utf-8"))
    assert data["classification"]["primary"] == "platform"


def test_stopping_on_a_terminal_writes_nothing(samenwerk: Samenwerk) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Senseo")
    before = snapshot(samenwerk.workspace)
    result = run_on_terminal(samenwerk, ["5", "4"], "diagnose", "senseo", "--apply", eof=True)
    assert result.returncode == 2
    assert result.stderr.rstrip().endswith(
        "samenwerk: The diagnosis was stopped before the end; nothing was written."
    )
    assert snapshot(samenwerk.workspace) == before


def run_on_terminal(
    samenwerk: Samenwerk, typed: list[str], *args: str, eof: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run ``samenwerk`` with its input on a pseudo-terminal and type ``typed`` line by line.

    Each line is typed only after the program asked for it, as a person would.
    """
    primary, secondary = os.openpty()
    env = {**os.environ, "SAMENWERK_WORKSPACE": str(samenwerk.workspace)}
    process = subprocess.Popen(
        [sys.executable, "-m", "samenwerk_tui", *args],
        cwd=samenwerk.cwd,
        env=env,
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    os.close(secondary)
    assert process.stderr is not None and process.stdout is not None
    err = b""
    deadline = time.monotonic() + 60
    pending = list(typed)
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stderr.fileno(), primary], [], [], 0.5)
        if primary in ready:
            # The terminal's echo of what was typed; Linux says EIO once the program closed it.
            with contextlib.suppress(OSError):
                os.read(primary, 4096)
        if process.stderr.fileno() in ready:
            chunk = os.read(process.stderr.fileno(), 4096)
            err += chunk
            if err.rstrip().endswith(b":") and pending:
                os.write(primary, (pending.pop(0) + "\n").encode())
                err += b"\n"
            elif err.rstrip().endswith(b":") and eof:
                os.write(primary, b"\x04")  # ctrl+d: the end of the input
                eof = False
    out, rest = process.communicate(timeout=30)
    os.close(primary)
    return subprocess.CompletedProcess(
        args, process.returncode, out.decode("utf-8"), (err + rest).decode("utf-8")
    )
