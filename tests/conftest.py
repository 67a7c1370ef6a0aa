"""Shared fixtures: every test runs with its own home, config, data and cache folders."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from samenwerk_tui import i18n, i18n_cache

# No wall-clock deadline (a loaded 2-core CI machine is slow, not wrong); in CI the
# examples are derandomized so main never turns red on a fresh random draw.
settings.register_profile("samenwerk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", parent=settings.get_profile("samenwerk"), derandomize=True, database=None
)
settings.load_profile("ci" if os.environ.get("CI") else "samenwerk")

#: Names and texts that have broken lesser tools: markup, escapes, bidi, NFD, emoji.
HOSTILE_NAMES = [
    "[/x] partner",
    "[bold]Evil[/bold] co",
    "\x1b]52;c;ZXZpbA==\x07[bold]x[/] [link=https://e.vil]y[/link]",
    "A\x1b[2J cleared",
    "../../etc/passwd",
    "CON",
    "Zoe\u0308 NFD",
    "Rivier\u202edal bidi",
    "🤝 Samen 👩‍👩‍👧",
    "C1 \x9d52;evil",
]


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point HOME, XDG folders and git identity at a fresh temporary home, in UTC."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("SAMENWERK_WORKSPACE", raising=False)
    monkeypatch.setenv("SAMENWERK_LANG", "en")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    for var, value in {
        "GIT_AUTHOR_NAME": "Test Advisor",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test Advisor",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }.items():
        monkeypatch.setenv(var, value)
    i18n.set_language("en")
    i18n_cache.keep_in(None)  # (a command run in-process points it at its cache folder)
    # Local time is shown on screen: every test sees UTC unless it sets a zone itself.
    zone = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield home
    if zone is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = zone
    time.tzset()
    i18n.set_language("en")


@pytest.fixture
def hostile_names() -> list[str]:
    return list(HOSTILE_NAMES)
