"""User configuration and the machine-local folders (never inside the workspace).

Folders come from platformdirs (app name ``samenwerk``), so ``XDG_CONFIG_HOME``,
``XDG_DATA_HOME`` and ``XDG_CACHE_HOME`` are honoured. On macOS config and data share one
folder; the names used inside it (``config.toml``, ``themes/``, ``workspace/``) never clash.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "samenwerk"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


@dataclass
class Config:
    """The settings a user can put in ``<config>/config.toml``."""

    workspace: str | None = None
    lang: str | None = None
    author: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # why the file could not be read, if it could not


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives defaults, a broken one says why."""
    path = path or config_file()
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, ValueError) as exc:
        return Config(problem=f"{path}: {exc}")

    def text(key: str) -> str | None:
        value = raw.get(key)
        return value if isinstance(value, str) and value.strip() else None

    keymap = raw.get("keymap", {})
    return Config(
        workspace=text("workspace"),
        lang=text("lang"),
        author=text("author"),
        theme=text("theme"),
        keymap={str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {},
    )


def resolve_workspace(explicit: str | None, config: Config) -> Path:
    """``-w``, else ``$SAMENWERK_WORKSPACE``, else the config, else ``<data>/workspace``."""
    for candidate in (explicit, os.environ.get("SAMENWERK_WORKSPACE"), config.workspace):
        if candidate:
            return Path(candidate).expanduser()
    return data_dir() / "workspace"


def resolve_author(config: Config, workspace: Path | None = None) -> str:
    """The config's author, else ``git config user.name``, else the login name."""
    if config.author:
        return config.author
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=workspace if workspace and workspace.is_dir() else None,
            capture_output=True,
            text=True,
            timeout=5,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
        name = result.stdout.strip()
        if result.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
