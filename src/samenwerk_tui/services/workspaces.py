"""Opening another workspace: what a folder is, the demo's folder, the recent workspaces.

The terminal app opens other folders without leaving (the welcome pane, the palette's
workspace switcher); this module says what a typed folder is before anything is created
(only ``init``, ``demo`` and the very first start create a workspace without asking) and
opens a session on it. Nothing here is kept in a workspace: the recent list and each
workspace's sort order live in the user's config.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from samenwerk_tui.services.config import Config, data_dir, is_workspace, workspace_key
from samenwerk_tui.services.session import Session

FolderKind = Literal["workspace", "folder", "missing", "file"]


def folder_kind(root: Path) -> FolderKind:
    """A workspace, a folder that is not one (yet), nothing at all, or a file."""
    if is_workspace(root):
        return "workspace"
    if root.is_dir():
        return "folder"
    if root.exists():
        return "file"
    return "missing"


def typed_folder(text: str) -> Path:
    """The folder a person typed (``~`` expanded, relative to the current folder)."""
    return Path(text.strip()).expanduser().absolute()


def demo_folder(lang: str) -> Path:
    """Where ``samenwerk demo`` keeps the demo in ``lang`` (``<data>/demo-nl``)."""
    return data_dir() / f"demo-{lang}"


def open_demo(lang: str, author: str) -> Session:
    """Create the demo in ``lang`` if it is not there yet and open it (not yet read)."""
    from samenwerk_tui.services.demo import create_demo, demo_language

    lang = demo_language(lang)
    root = demo_folder(lang)
    create_demo(root, lang)
    return Session.open(root, author, create=True, load=False)


def open_folder(root: Path, author: str, *, create: bool) -> Session:
    """Open the workspace at ``root`` (not yet read); ``create`` makes one if needed.

    Raises ``StoreError`` for a folder that is not a workspace when ``create`` is false,
    the sentence naming the branch to check out for a git clone on an empty branch (never
    made a workspace, whatever ``create`` says), and ``OSError`` when the folder cannot be
    made or read.
    """
    if create and not is_workspace(root):
        from samenwerk_tui.services.workspace_git import empty_clone

        empty = empty_clone(root)
        if empty is not None:
            raise empty
    return Session.open(root, author, create=create, load=False)


def recent_workspaces(config: Config, current: Path | None = None) -> list[Path]:
    """The recent workspaces that are still there, most recent first, without ``current``."""
    skip = workspace_key(current) if current is not None else None
    return [Path(r) for r in config.recent if r != skip and is_workspace(Path(r))]


def shown_path(path: Path) -> str:
    """A folder as a person reads it: under the home folder as ``~/werk/praktijk``."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)
