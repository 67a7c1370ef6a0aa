"""Making a workspace a git repository, and keeping the merge driver registered.

git config is not versioned (a cloned repository must not be able to run commands on the
cloner's machine), so ``.gitattributes`` can name the driver ``samenwerk`` but every clone
must define it itself. A driver named but not defined silently falls back to a text merge;
one defined with a command that no longer exists silently keeps only "ours". Hence
:func:`ensure_driver` runs on every open and every sync, with the absolute path of the
Python that is running now (a moved virtualenv rewrites it).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.store.atomic import write_atomic
from samenwerk_tui.store.workspace import GITATTRIBUTES, GITIGNORE, Workspace

DRIVER_NAME = "samenwerk"
DRIVER_LABEL = "samenwerk partnership files (field-by-field merge)"
ATTRIBUTE_LINES = tuple(GITATTRIBUTES.splitlines())
IGNORE_LINES = tuple(line for line in GITIGNORE.splitlines() if line and not line.startswith("#"))
WORKSPACE_PATHS = ("samenwerk.toml", ".gitattributes", ".gitignore", "partnerships")
SETTINGS_PATHS = ("samenwerk.toml", ".gitattributes", ".gitignore")


def _quote(path: str) -> str:
    """Quote a path for the ``sh -c`` git runs the driver through."""
    if any(ch in path for ch in '"$`\\!'):
        return shlex.quote(path)
    return f'"{path}"'


def driver_command(executable: str | None = None) -> str:
    """``"<python>" -m samenwerk_tui merge-file %O %A %B %P`` for the running Python."""
    python = str(Path(executable or sys.executable).absolute())
    return f"{_quote(python)} -m samenwerk_tui merge-file %O %A %B %P"


def is_repo(root: Path) -> bool:
    """True when ``root`` is the top of a git work tree (not merely inside one)."""
    if not (root / ".git").exists():
        return False
    try:
        top = Git(root).out("rev-parse", "--show-toplevel")
    except GitError:
        return False
    return Path(top).resolve() == root.resolve()


def ensure_driver(root: Path, executable: str | None = None) -> bool:
    """Register the merge driver in the repository's own config; True if it changed.

    Idempotent and cheap: reads the two keys and writes only what differs.
    """
    git = Git(root)
    wanted = {
        f"merge.{DRIVER_NAME}.name": DRIVER_LABEL,
        f"merge.{DRIVER_NAME}.driver": driver_command(executable),
    }
    changed = False
    for key, value in wanted.items():
        current = git.run("config", "--local", "--get", key, check=False)
        if current.ok and current.text.rstrip("\n") == value:
            continue
        git.run("config", "--local", "--replace-all", key, value)
        changed = True
    return changed


def ensure_attributes(root: Path) -> bool:
    """Make sure ``.gitattributes`` and ``.gitignore`` hold our lines; True if written.

    Missing lines are appended; the user's own lines are kept as they are.
    """
    written = False
    for name, lines in ((".gitattributes", ATTRIBUTE_LINES), (".gitignore", IGNORE_LINES)):
        path = root / name
        try:
            current = path.read_text("utf-8") if path.exists() else ""
        except (OSError, UnicodeDecodeError):
            continue
        present = {line.strip() for line in current.splitlines()}
        missing = [line for line in lines if line.strip() not in present]
        if not missing:
            continue
        if not current:
            text = GITATTRIBUTES if name == ".gitattributes" else GITIGNORE
        else:
            text = current + ("" if current.endswith("\n") else "\n") + "\n".join(missing) + "\n"
        write_atomic(path, text.encode("utf-8"))
        written = True
    return written


#: What ``.git/info/attributes`` says about our files. That file outranks every
#: ``.gitattributes`` (a colleague's ``partnerships/*.toml merge=union`` included) and is
#: never versioned, so it is written on every open, init and sync.
INFO_ATTRIBUTES = "partnerships/*.toml text eol=lf merge=samenwerk"


def ensure_info_attributes(root: Path) -> bool:
    """Put our attribute line in ``<git dir>/info/attributes``; True if it was written."""
    git = Git(root)
    path = Path(git.out("rev-parse", "--git-path", "info/attributes"))
    if not path.is_absolute():
        path = root / path
    try:
        current = path.read_text("utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        current = ""
    lines = current.splitlines()
    # Ours must be the last line about partnership files: among lines of one file, later wins.
    if lines and lines[-1].strip() == INFO_ATTRIBUTES:
        return False
    kept = [line for line in lines if line.strip() != INFO_ATTRIBUTES]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, ("\n".join([*kept, INFO_ATTRIBUTES]) + "\n").encode("utf-8"))
    return True


def ensure_setup(root: Path, executable: str | None = None) -> None:
    """Everything an open or a sync makes sure of: driver, attribute lines, ignore lines."""
    ensure_driver(root, executable)
    ensure_info_attributes(root)


def init_repo(root: Path) -> None:
    """Make the workspace at ``root`` a git repository on branch ``main``.

    Creates the workspace files if missing, registers the driver, and makes an initial
    commit of the workspace's own files. An existing repository is left as it is apart
    from the driver registration and our attribute lines (nothing is committed then).
    """
    Workspace.init(root)
    git = Git(root)
    fresh = not is_repo(root)
    if fresh:
        git.run("init", "--quiet", "--initial-branch=main", ".")
    ensure_attributes(root)
    ensure_setup(root)
    if not fresh:
        return
    present = [p for p in WORKSPACE_PATHS if (root / p).exists()]
    git.run("add", "--all", "--", *present)
    commit(git, "samenwerk: new workspace", allow_empty=True)


def identity(git: Git, author: str = "") -> tuple[str, ...]:
    """``-c`` settings giving git a name when the laptop has none configured.

    A laptop without ``user.name``/``user.email`` must still be able to save its work;
    the advisor's name (from samenwerk's config or the login) stands in.
    """
    if git.ok("var", "GIT_COMMITTER_IDENT") and git.ok("var", "GIT_AUTHOR_IDENT"):
        return ()
    name = " ".join((author or "samenwerk").split()) or "samenwerk"
    return (f"user.name={name}", "user.email=samenwerk@localhost")


def commit(
    git: Git,
    message: str,
    *,
    allow_empty: bool = False,
    author: str = "",
    only: list[str] | None = None,
) -> None:
    """``git commit`` of what is staged, hooks and signing off.

    ``only`` commits exactly those paths (``git commit --only``): whatever else the user
    staged by hand stays staged and out of the commit. The message then goes through a
    file in the git dir, as stdin carries the path list.
    """
    args = ["commit", "--quiet", "--no-verify", "--cleanup=verbatim"]
    if allow_empty:
        args.append("--allow-empty")
    config = identity(git, author)
    if only is None:
        git.run(*args, "-F", "-", input_bytes=message.encode("utf-8"), config=config)
        return
    message_file = Path(git.out("rev-parse", "--absolute-git-dir")) / "SAMENWERK_COMMIT_MSG"
    write_atomic(message_file, message.encode("utf-8"))
    try:
        paths = b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in only)
        git.run(*args, "-F", str(message_file), "--only", "--pathspec-from-file=-",
                "--pathspec-file-nul", input_bytes=paths, config=config)  # fmt: skip
    finally:
        message_file.unlink(missing_ok=True)
