"""The settings on the command line: ``samenwerk themes``, the language's precedence (an
unknown language is bad usage), which workspace a plain ``samenwerk`` opens, local times in
what a person reads, and a login name never signs a change without saying so."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import Samenwerk

BAD_THEME = """\
name = "mijn-thema"
primary = "#224466"
[variables]
type-deliver = "#1F6FC0"
type-goals = "#9C6A00"
type-movement = "pink-ish"
type-platform = "#13857A"
"""


def config_dir(home: Path) -> Path:
    folder = home / ".config" / "samenwerk"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_themes_lists_every_theme_where_it_comes_from_and_the_one_in_use(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    themes = config_dir(isolated_env) / "themes"
    themes.mkdir()
    (themes / "kantoor.toml").write_text(BAD_THEME.replace('"pink-ish"', '"#B0407F"'), "utf-8")
    (config_dir(isolated_env) / "config.toml").write_text('theme = "samenwerk-light"\n', "utf-8")
    run = samenwerk("themes")
    rows = [line.split() for line in run.lines]
    assert rows[:4] == [
        ["samenwerk", "samenwerk"],
        ["samenwerk-contrast", "samenwerk"],
        ["*", "samenwerk-light", "samenwerk", "(in", "use)"],
        ["mijn-thema", "your", "file", str(themes / "kantoor.toml")],
    ]
    assert ["nord", "Textual"] in rows and len(rows) == 4 + 21  # and Textual's own 21
    columns = {re.match(r"[* ] \S+\s+", line).end() for line in run.lines}  # type: ignore[union-attr]
    assert len(columns) == 1  # the sources line up
    assert run.err == ""


def test_themes_names_a_bad_file_with_its_reason_and_exits_1(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    themes = config_dir(isolated_env) / "themes"
    themes.mkdir()
    (themes / "kapot.toml").write_text(BAD_THEME, "utf-8")
    (config_dir(isolated_env) / "config.toml").write_text('theme = "mijn-thema"\n', "utf-8")
    run = samenwerk("--lang", "nl", "themes", expect=1)
    assert run.lines[0].split() == ["*", "samenwerk", "samenwerk", "(in", "gebruik)"]
    assert run.lines[-2:] == [
        "Themabestanden die niet te gebruiken zijn:",
        "  kapot.toml: variables.type-movement = 'pink-ish' is geen kleur.",
    ]
    assert (
        run.err == "samenwerk: Het ingestelde thema mijn-thema bestaat niet, dus geldt samenwerk.\n"
    )


def test_an_unknown_language_is_bad_usage_wherever_it_is_set(
    samenwerk: Samenwerk, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = samenwerk("list", "--lang", "fr", expect=2)
    run.assert_one_sentence()
    assert "--lang: 'fr' is not a language samenwerk speaks; use nl or en." in run.err
    monkeypatch.setenv("SAMENWERK_LANG", "klingon")
    run = samenwerk("list", expect=2)
    assert "$SAMENWERK_LANG: 'klingon'" in run.err
    assert samenwerk("--lang", "nl", "themes").code == 0  # the option wins over the env
    monkeypatch.delenv("SAMENWERK_LANG")
    (config_dir(isolated_env) / "config.toml").write_text('lang = "de"\n', "utf-8")
    run = samenwerk("list", expect=2)
    assert run.err.startswith("samenwerk: lang in the config file: 'de'")
    monkeypatch.setenv("SAMENWERK_LANG", "nl_NL.UTF-8")  # a locale-style value is fine
    assert samenwerk("themes").lines[0].endswith("(in gebruik)")


def test_a_plain_samenwerk_opens_the_workspace_used_last(
    samenwerk: Samenwerk, isolated_env: Path
) -> None:
    samenwerk("new", "Senseo")
    other = samenwerk.cwd / "other"
    samenwerk("init", str(other))
    (config_dir(isolated_env) / "config.toml").write_text(
        f'recent = ["{other}", "{samenwerk.workspace}"]\n', "utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "SAMENWERK_WORKSPACE"}
    done = subprocess.run(
        [sys.executable, "-m", "samenwerk_tui"],
        cwd=samenwerk.cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and str(other) in done.stdout  # no terminal: says which


def test_show_reads_in_local_time_while_json_keeps_utc(
    samenwerk: Samenwerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    samenwerk("new", "Senseo")
    monkeypatch.setenv("TZ", "Asia/Kolkata")  # UTC+05:30 all year, so the test never flips
    text = samenwerk("show", "senseo").out
    data = json.loads(samenwerk("show", "senseo", "--format", "json").out)
    assert data["created"].endswith("Z")
    utc = data["created"]
    hour, minute = int(utc[11:13]), int(utc[14:16])
    local_minutes = (hour * 60 + minute + 330) % (24 * 60)
    assert f"{local_minutes // 60:02d}:{local_minutes % 60:02d} IST" in text


def test_a_login_name_never_signs_a_change_without_saying_so(
    samenwerk: Samenwerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    pid = samenwerk("new", "Senseo").out.strip()
    run = samenwerk("note", pid, "Kick-off went well.")
    assert "No name is set for your changes, so they are signed" in run.err
    assert "(your login name)" in run.err
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Anna de Vries")
    assert samenwerk("note", pid, "Second note.").err == ""
