"""The status line under the panes: counts, broken files, git, conflicts, the workspace.

It owns how the line reads; the screen hands it plain values through its ``var``\\ s
(data flows down) and it redraws whenever one changes: ``3/3 partnerships · sorted by
name · git: 1 changed · last sync 10:42 · Fixture workspace``.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from samenwerk_tui import i18n
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.state import GitState


class Counts(NamedTuple):
    """What the list shows: readable partnerships shown of all, broken files, conflicts."""

    shown: int = 0
    total: int = 0
    broken: int = 0
    conflicts: int = 0  # partnerships with recorded conflicts, and files with markers


class StatusLine(Static):
    """One line of status; ``loaded`` False shows that the workspace is being read."""

    loaded: var[bool] = var(False, init=False)
    #: While loading: files read so far and files to read (0, 0: not known yet).
    progress: var[tuple[int, int]] = var((0, 0), init=False)
    counts: var[Counts] = var(Counts(), init=False)
    git: var[GitState] = var(GitState(), init=False)
    filter_error: var[str] = var("", init=False)
    workspace: var[str] = var("", init=False)
    sort: var[str] = var("name", init=False)

    def on_mount(self) -> None:
        self._redraw()

    def watch_loaded(self) -> None:
        self._redraw()

    def watch_progress(self) -> None:
        self._redraw()

    def watch_counts(self) -> None:
        self._redraw()

    def watch_git(self) -> None:
        self._redraw()

    def watch_filter_error(self, error: str) -> None:
        # A sentence saying what is wrong with the filter is longer than 80 columns: the
        # line grows to show it whole, and is one line again once the filter reads.
        self.set_class(bool(error), "-filter-error")
        self._redraw()

    def watch_workspace(self) -> None:
        self._redraw()

    def watch_sort(self) -> None:
        self._redraw()

    def redraw(self, *, sort: str) -> None:
        """Draw the line again (after a language switch), sorted by ``sort``."""
        self.set_reactive(StatusLine.sort, sort)
        self._redraw()

    def _redraw(self) -> None:
        if self.is_mounted:
            # One line, its size set by the stylesheet: no layout of the screen needed
            # (it would cost every filter keystroke a reflow); only while it shows a
            # filter error its height follows the sentence.
            self.update(self.line(), layout=bool(self.filter_error))

    def line(self) -> Content:
        """The whole line as it is drawn."""
        if not self.loaded:
            done, total = self.progress
            if total:
                return Content(i18n.t("tui.loading.progress", done=done, count=total))
            return Content(i18n.t("tui.status.loading"))
        counts = self.counts
        parts = [Content(i18n.t("tui.status.shown", shown=counts.shown, total=counts.total))]
        if self.filter_error:  # first: it is what the user is looking at
            parts.append(Content.styled(self.filter_error, "$warning"))
        sort = i18n.t("tui.sort.status", sort=i18n.t(f"tui.sort.{self.sort}"))
        parts.append(Content.styled(sort, "$text-muted"))
        if counts.broken:
            parts.append(Content.styled(i18n.t("tui.status.broken", count=counts.broken), "$error"))
        parts += self.git_parts()
        if counts.conflicts:
            text = i18n.t("tui.git.conflicts", count=counts.conflicts)
            parts.append(Content.styled(text, "bold $text-error"))
        parts.append(content(self.workspace, "$text-muted"))
        return Content(" · ").join(parts)

    def git_parts(self) -> list[Content]:
        """The git part: the running sync's step, "no git", "git: 3 changed", last sync."""
        git = self.git
        if git.syncing:
            return [content("⟳ " + git.progress, "bold $accent")]
        if git.repo is False:
            return [Content.styled(i18n.t("tui.git.none"), "$text-muted")]
        if not git.repo:
            return []
        count = len(git.changed)
        text = i18n.t("tui.git.changed", count=count) if count else i18n.t("tui.git.clean")
        parts = [Content.styled(text, "$text-warning" if count else "$text-success")]
        if git.last_sync is not None:
            parts.append(Content(i18n.t("tui.git.last_sync", time=git.last_sync.strftime("%H:%M"))))
        if git.operation:
            parts.append(content(git.operation, "bold $text-warning"))
        elif git.elsewhere:
            parts.append(content("⟳ " + i18n.t("tui.git.elsewhere"), "bold $accent"))
        return parts
