"""The one line a changing command prints after saving."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from samenwerk_tui import i18n
from samenwerk_tui.cli.context import Context
from samenwerk_tui.domain.text import safe_text

if TYPE_CHECKING:
    from samenwerk_tui.services.session import Change
    from samenwerk_tui.store.workspace import Record


def report_saved(ctx: Context, before: Record, change: Change) -> None:
    """Say what was saved where, or that nothing changed (then nothing was written)."""
    from samenwerk_tui.store.workspace import PARTNERSHIPS_DIR

    file = f"{PARTNERSHIPS_DIR}/{change.file}"
    name = change.name
    saved = change.record
    if saved is not None and saved.digest == before.digest:
        ctx.emit(safe_text(i18n.t("cli.unchanged", name=name, file=file)))
        return
    key = "cli.saved_reapplied" if change.reapplied else "cli.saved"
    ctx.emit(safe_text(i18n.t(key, name=name, file=file)))
    warn_operation(ctx)


def warn_operation(ctx: Context) -> None:
    """A rebase (merge, cherry-pick…) the user has open: its ``--abort`` would take this
    save with it, and "Saved" alone would not say so (the app says it on its status line)."""
    from samenwerk_tui.services.workspace_git import operation_name

    operation = operation_name(ctx.workspace_path)
    if operation is not None:
        sentence = i18n.t("cli.saved_during_operation", operation=operation)
        sys.stderr.write(f"samenwerk: {safe_text(sentence)}\n")
