"""Which paths a sync publishes, and staging exactly those.

A sync publishes the workspace and nothing else: ``samenwerk.toml``, ``.gitattributes``,
``.gitignore`` and the partnership files named as the store names them
(``partnerships/<slug>-<id6>.toml``). Everything goes through explicit path lists, never
``git add .``: a ``secret.env`` the user staged by hand stays staged and unpublished, an
editor's ``.senseo-k3f9qa.toml.swp`` is never added, and a partnership file that some
``.gitignore`` (or the user's global excludes) hides is added all the same (``--force``),
with the rule named so the user can remove it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from samenwerk_tui.gitsync.runner import Git
from samenwerk_tui.gitsync.setup import SETTINGS_PATHS
from samenwerk_tui.store.atomic import entry_kind
from samenwerk_tui.store.workspace import FILE_NAME, PARTNERSHIPS_DIR

#: The id of git's empty tree, to diff against before the first commit.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def is_partnership_path(path: str) -> bool:
    """``partnerships/<slug>-<id6>.toml``, exactly as the store names its files."""
    folder, _, name = path.rpartition("/")
    return folder == PARTNERSHIPS_DIR and FILE_NAME.fullmatch(name) is not None


def is_ours(path: str) -> bool:
    """A path the sync publishes."""
    return path in SETTINGS_PATHS or is_partnership_path(path)


def _nul_list(data: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in data.split(b"\0") if p]


def our_paths(git: Git, root: Path) -> list[str]:
    """Our paths that exist on disk or that git knows (so deletions are staged too)."""
    found = {p for p in SETTINGS_PATHS if (root / p).is_file()}
    try:
        entries = list(os.scandir(root / PARTNERSHIPS_DIR))
    except OSError:
        entries = []
    for entry in entries:
        path = f"{PARTNERSHIPS_DIR}/{entry.name}"
        if is_partnership_path(path) and entry.is_file(follow_symlinks=False):
            found.add(path)
    known = git.run("ls-files", "-z", "--", PARTNERSHIPS_DIR, *SETTINGS_PATHS).stdout
    found |= {p for p in _nul_list(known) if is_ours(p) and not _not_a_file(root / p)}
    return sorted(found)


def _not_a_file(path: Path) -> bool:
    """A folder or a link stands where one of our files was: git would stage the folder's
    contents (or the link) in its place, so it is left alone and the store names it."""
    try:
        return entry_kind(os.lstat(path).st_mode) is not None
    except OSError:
        return False  # gone: the deletion is staged


def stage(git: Git, paths: list[str]) -> None:
    """``git add --all --force`` exactly ``paths`` (ignore rules cannot hide our files)."""
    if paths:
        git.run("add", "--all", "--force", "--pathspec-from-file=-", "--pathspec-file-nul",
                input_bytes=_nul(paths))  # fmt: skip


def _nul(paths: list[str]) -> bytes:
    return b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths)


def has_head(git: Git) -> bool:
    return git.ok("rev-parse", "-q", "--verify", "HEAD")


@dataclass(frozen=True)
class IndexChange:
    """One path whose staged version differs from HEAD."""

    status: str  # A, M, D, T
    path: str
    mode: str  # the staged mode ("000000" when the path is staged as deleted)
    blob: str  # the staged blob id


def staged_changes(git: Git) -> list[IndexChange]:
    """Every staged difference from HEAD (from the empty tree before the first commit)."""
    base = "HEAD" if has_head(git) else EMPTY_TREE
    out = git.run("diff-index", "--cached", "-z", "--no-renames", base).stdout
    parts = out.split(b"\0")
    changes: list[IndexChange] = []
    for meta, path in zip(parts[0::2], parts[1::2], strict=False):
        fields = meta.decode().lstrip(":").split()
        if len(fields) < 5:
            continue
        _old_mode, new_mode, _old_blob, new_blob, status = fields[:5]
        name = path.decode("utf-8", "surrogateescape")
        changes.append(IndexChange(status[:1], name, new_mode, new_blob))
    return changes


def foreign_staged(git: Git) -> list[IndexChange]:
    """What the user staged by hand outside the workspace's own paths."""
    return [c for c in staged_changes(git) if not is_ours(c.path) and c.status != "U"]


def unstage(git: Git, paths: list[str]) -> None:
    """Put the index entries of ``paths`` back to HEAD's (work-tree files are not touched)."""
    if not paths:
        return
    if has_head(git):
        git.run("reset", "-q", "HEAD", "--pathspec-from-file=-", "--pathspec-file-nul",
                input_bytes=_nul(paths), check=False)  # fmt: skip
    else:
        git.run("rm", "--cached", "-q", "--ignore-unmatch", "--pathspec-from-file=-",
                "--pathspec-file-nul", input_bytes=_nul(paths))  # fmt: skip


def restage(git: Git, changes: list[IndexChange]) -> None:
    """Stage exactly what :func:`foreign_staged` saw, after a merge had to unstage it."""
    if not changes:
        return
    zero = "0" * 40
    lines = [
        f"0 {zero}\t{c.path}" if c.status == "D" else f"{c.mode} {c.blob}\t{c.path}"
        for c in changes
    ]
    data = "".join(f"{line}\0" for line in lines).encode("utf-8", "surrogateescape")
    git.run("update-index", "-z", "--index-info", input_bytes=data)


def ignore_rule(git: Git, path: str) -> str | None:
    """The ignore rule that hides ``path`` (``file:line:pattern``), or None."""
    # check-ignore refuses literal pathspecs; our file names hold no pattern characters.
    plain = Git(git.root, env={**git.extra_env, "GIT_LITERAL_PATHSPECS": "0"})
    found = plain.run("check-ignore", "-v", "--no-index", "--", path, check=False)
    if not found.ok or "\t" not in found.text:
        return None
    return found.text.split("\t", 1)[0].strip()
