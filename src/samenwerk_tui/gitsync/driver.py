"""The git merge driver: ``samenwerk merge-file %O %A %B %P``.

git hands over three temporary files and reads ``%A`` back whatever the exit status.
Exit 0 means "merged"; anything else means "conflict, look at %A". So the driver always
writes a valid file and exits 0 when the field-by-field merge works (recorded conflicts
included), and falls back to git's own text merge (markers, exit 1) when it does not,
for instance when one side is not a partnership file at all. Two different partnerships
(git's rename detection paired them) are never text-merged: ours is left as it is, exit 1.
It never raises.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samenwerk_tui import i18n
from samenwerk_tui.gitsync.merge import MergeError, merge_bytes
from samenwerk_tui.gitsync.runner import Git, GitError
from samenwerk_tui.store.atomic import write_atomic


@dataclass(frozen=True)
class DriverOutcome:
    """The exit code for git and, if worth saying, one sentence (catalog key + params)."""

    code: int
    key: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def run_driver(base: Path, ours: Path, theirs: Path, label: str = "") -> DriverOutcome:
    """Merge ``theirs`` into ``ours`` (in place) with ``base`` as the common ancestor."""
    name = label or ours.name
    try:
        base_bytes = base.read_bytes() if base.is_file() else None
        result = merge_bytes(base_bytes, ours.read_bytes(), theirs.read_bytes())
        write_atomic(ours, result.data)
    except MergeError as exc:
        if exc.key == "git.merge.different_ids":
            # git paired two partnerships (one deleted, one created) as a rename. They are
            # never merged with each other: ours stays as it is, and "conflict" hands the
            # path to the sync, which puts both back as two files.
            return DriverOutcome(1, "git.driver.different_ids", {"file": name, **exc.params})
        return text_merge(base, ours, theirs, name, i18n.t(exc.key, **exc.params))
    except Exception as exc:  # noqa: BLE001 - the driver must never crash
        return text_merge(base, ours, theirs, name, type(exc).__name__)
    if result.conflicts:
        return DriverOutcome(
            0, "git.driver.recorded", {"file": name, "count": len(result.conflicts)}
        )
    return DriverOutcome(0)


def text_merge(base: Path, ours: Path, theirs: Path, name: str, reason: str) -> DriverOutcome:
    """git's line merge with conflict markers, written into ``ours``; exit 1."""
    try:
        with tempfile.TemporaryDirectory(prefix="samenwerk-merge-") as tmp:
            base_path = base
            if not base.is_file():
                base_path = Path(tmp) / "empty"
                base_path.write_bytes(b"")
            Git(None).run(
                "merge-file", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs",
                str(ours), str(base_path), str(theirs),
                check=False,
            )  # fmt: skip
    except (OSError, GitError):
        pass
    return DriverOutcome(1, "git.driver.fallback", {"file": name, "reason": reason})
