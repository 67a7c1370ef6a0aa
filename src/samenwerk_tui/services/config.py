"""User configuration and the machine-local folders (never inside the workspace).

Folders come from platformdirs (app name ``samenwerk``), so ``XDG_CONFIG_HOME``,
``XDG_DATA_HOME`` and ``XDG_CACHE_HOME`` are honoured. On macOS config and data share one
folder; the names used inside it (``config.toml``, ``themes/``, ``workspace/``,
``demo-nl/``) never clash.

``config.toml`` is read once at start (:func:`load_config`) and written only when the user
changes a setting (:func:`update_config`): the file on disk is read again, only the
changed keys are set, and it is written atomically in a fixed layout (known keys first in
a fixed order, then every key samenwerk does not know, as it was). A file that cannot be
read is reported in one sentence and left alone until the user changes a setting; then it
is kept beside the new one as ``config.toml.broken``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple

import platformdirs

from samenwerk_tui.store import parser

APP_NAME = "samenwerk"
#: How many recently opened workspaces the config keeps.
RECENT_MAX = 8
#: The top-level keys samenwerk reads and writes, in the order they are written.
KNOWN_KEYS = ("workspace", "lang", "author", "theme", "recent", "keymap", "workspaces")


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

    workspace: str | None = None  # the default workspace (else the last one opened)
    lang: str | None = None
    author: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    #: Workspaces opened in the app, most recent first (absolute paths).
    recent: list[str] = field(default_factory=list)
    #: The list's sort order per workspace (absolute path -> sort id), ``[workspaces]``.
    sort: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # why the file could not be read, if it could not
    #: Top-level keys samenwerk does not know, kept as they were on every write.
    extra: dict[str, Any] = field(default_factory=dict)
    #: Where the config lives (None: :func:`config_file`).
    path: Path | None = None

    @property
    def file(self) -> Path:
        return self.path or config_file()


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives defaults, a broken one says why."""
    path = path or config_file()
    try:
        raw = parser.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, ValueError) as exc:
        return Config(problem=f"{path}: {exc}", path=path)
    return _from_raw(raw, path)


def _from_raw(raw: Mapping[str, Any], path: Path | None) -> Config:
    def text(key: str) -> str | None:
        value = raw.get(key)
        return value if isinstance(value, str) and value.strip() else None

    keymap = raw.get("keymap", {})
    recent = raw.get("recent", [])
    workspaces = raw.get("workspaces", {})
    sort: dict[str, str] = {}
    if isinstance(workspaces, dict):
        for root, settings in workspaces.items():
            if isinstance(settings, dict) and isinstance(settings.get("sort"), str):
                sort[str(root)] = settings["sort"]
    return Config(
        workspace=text("workspace"),
        lang=text("lang"),
        author=text("author"),
        theme=text("theme"),
        keymap={str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {},
        recent=[r for r in recent if isinstance(r, str) and r] if isinstance(recent, list) else [],
        sort=sort,
        extra={k: v for k, v in raw.items() if k not in KNOWN_KEYS},
        path=path,
    )


def _to_raw(config: Config, workspaces: Mapping[str, Any]) -> dict[str, Any]:
    """The file's table: known keys in a fixed order, then the unknown ones as they were.

    ``workspaces`` is the ``[workspaces]`` table as read (other per-workspace keys kept).
    """
    raw: dict[str, Any] = {}
    for key in ("workspace", "lang", "author", "theme"):
        value = getattr(config, key)
        if value:
            raw[key] = value
    if config.recent:
        raw["recent"] = list(config.recent)
    if config.keymap:
        raw["keymap"] = dict(config.keymap)
    tables: dict[str, Any] = {}
    for root, settings in workspaces.items():
        if isinstance(settings, dict):
            kept = {k: v for k, v in settings.items() if k != "sort"}
            if kept:
                tables[root] = kept
    for root, sort in config.sort.items():
        tables.setdefault(root, {})["sort"] = sort
    if tables:
        raw["workspaces"] = {root: tables[root] for root in sorted(tables)}
    raw.update(config.extra)
    return raw


def update_config(config: Config, edit: Callable[[Config], Config]) -> Config:
    """Save the settings ``edit`` changes and return the config as saved.

    The file is read again first and ``edit`` is applied to what is on disk, so an edit
    made in the file since the app started is kept. A file that cannot be read is renamed
    to ``config.toml.broken`` (replacing an older one) before the new file is written, and
    ``edit`` starts from the defaults. Raises ``OSError`` if the file cannot be written;
    the file is unchanged then.
    """
    import tomli_w  # only a change of a setting needs it (start-up time)

    from samenwerk_tui.store.atomic import write_atomic

    path = config.file
    on_disk = load_config(path)
    workspaces: Mapping[str, Any] = {}
    if on_disk.problem is None:
        try:
            found = parser.loads(path.read_text("utf-8")).get("workspaces", {})
            workspaces = found if isinstance(found, dict) else {}
        except FileNotFoundError:
            pass
    base = on_disk if on_disk.problem is None else Config(path=path)
    new = replace(edit(base), problem=None, path=path)
    data = tomli_w.dumps(_to_raw(new, workspaces)).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if on_disk.problem is not None and path.exists():
        os.replace(path, broken_file(path))
    write_atomic(path, data)
    return new


def broken_file(path: Path) -> Path:
    """Where an unreadable config is kept when a new one is written."""
    return path.with_name(path.name + ".broken")


def workspace_key(root: Path) -> str:
    """How a workspace is named in the config: its absolute path."""
    return str(root.expanduser().absolute())


def is_workspace(root: Path) -> bool:
    """Whether ``root`` holds a samenwerk workspace (its ``samenwerk.toml``)."""
    from samenwerk_tui.store.workspace import Workspace

    return Workspace.is_workspace(root)


def resolve_workspace(explicit: str | None, config: Config) -> Path:
    """``-w``, else ``$SAMENWERK_WORKSPACE``, else the config's ``workspace``, else the
    workspace opened last (if it is still there), else ``<data>/workspace``."""
    for candidate in (explicit, os.environ.get("SAMENWERK_WORKSPACE"), config.workspace):
        if candidate:
            return Path(candidate).expanduser()
    for recent in config.recent:
        if is_workspace(Path(recent)):
            return Path(recent)
    return data_dir() / "workspace"


AuthorSource = Literal["config", "git", "login"]


class Author(NamedTuple):
    """The name changes are signed with, and where it came from."""

    name: str
    source: AuthorSource


def find_author(config: Config, workspace: Path | None = None) -> Author:
    """The config's ``author``, else git's name for you (``$GIT_AUTHOR_NAME``, else
    ``git config user.name``), else the login name (``source == "login"``: say so)."""
    if config.author:
        return Author(config.author, "config")
    name = git_user_name(workspace)
    if name:
        return Author(name, "git")
    import getpass

    try:
        return Author(getpass.getuser(), "login")
    except (OSError, KeyError):
        return Author("unknown", "login")


def git_user_name(workspace: Path | None = None) -> str | None:
    """The name git signs commits with here, if one is set."""
    name = os.environ.get("GIT_AUTHOR_NAME", "").strip()
    if name:
        return name
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=workspace if workspace and workspace.is_dir() else None,
            capture_output=True,
            text=True,
            timeout=5,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = result.stdout.strip()
    return name if result.returncode == 0 and name else None


def resolve_author(config: Config, workspace: Path | None = None) -> str:
    """The name of :func:`find_author`."""
    return find_author(config, workspace).name
