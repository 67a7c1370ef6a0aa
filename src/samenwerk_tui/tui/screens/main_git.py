"""The git commands of the main screen: ``s`` sync, ``h`` history, ``r`` resolve or repair.

Mixed into :class:`MainScreen` so the main module stays about the list and the edits. Each
command says through :meth:`git_check` whether it can run now; the footer, the help screen
and the palette follow from that (hidden when it can never run here, greyed while it
cannot run yet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from samenwerk_tui import i18n
from samenwerk_tui.store.workspace import Problem, Record
from samenwerk_tui.tui.list_rows import BROKEN_PREFIX
from samenwerk_tui.tui.safe import content

if TYPE_CHECKING:
    from samenwerk_tui.tui.screens.main import MainScreen

#: Commands that change files (and sync itself): greyed while a sync owns the files.
EDITING = {
    "sync",
    "new_partnership",
    "edit_partnership",
    "set_primary",
    "classify",
    "annotate",
    "delete",
    "undo",
    "resolve",
}
GIT_ACTIONS = {"sync", "history", "resolve"}


class MainGitMixin:
    """Sync, history, resolve and the git part of the status line (``self`` is the screen)."""

    conflict_count = 0  # partnerships with recorded conflicts, and files with markers

    @property
    def _screen(self) -> MainScreen:
        return self  # type: ignore[return-value]

    def selected_problem(self) -> Problem | None:
        key = self._screen.selected_key
        if key is None or not key.startswith(BROKEN_PREFIX):
            return None
        return self._screen.samenwerk.session.problems.get(key[len(BROKEN_PREFIX) :])

    def git_check(self, action: str) -> bool | None:
        """True: can run; None: shown greyed (not now); False: hidden (not here).

        Hidden rather than greyed where possible: at 80 columns the footer has no room
        to spare, so ``s`` shows only in a repository and ``r`` only on a conflict.
        """
        git = self._screen.samenwerk.git
        if action == "sync":
            return bool(git.repo)
        if action == "history":
            if git.repo is False:
                return False
            has_row = self.selected_problem() is not None or self._screen.selected_record()
            return True if git.repo and has_row else None
        if action == "resolve":
            record = self._screen.selected_record()
            if record is not None and record.partnership.conflicts:
                return True
            problem = self.selected_problem()
            return bool(problem is not None and self._repairable(problem))
        return True

    def _repairable(self, problem: Problem) -> bool:
        """Markers, or any broken file git still has both sides of (a union merge)."""
        return problem.is_conflicted or problem.name in self._screen.samenwerk.git.rebuildable

    def git_changed(self) -> None:
        """The changed files or the git state changed: marks, ``is:changed``, status, keys."""
        screen = self._screen
        if not screen.is_mounted:
            return
        changed = set(screen.samenwerk.session.changed_files)
        if changed != screen.list.changed:
            screen.list.changed = changed
            if screen.query_uses_flags:
                screen.apply_filter()
            screen.list.refresh()
        screen.update_status()
        screen.refresh_bindings()

    def git_status(self) -> list[Content]:
        """The git part of the status line: "git: 3 changed", "no git", last sync, conflicts."""
        screen = self._screen
        git = screen.samenwerk.git
        parts: list[Content] = []
        if git.syncing:
            parts.append(content("⟳ " + git.progress, "bold $accent"))
        elif git.repo is False:
            parts.append(Content.styled(i18n.t("tui.git.none"), "$text-muted"))
        elif git.repo:
            count = len(screen.samenwerk.session.changed_files)
            text = i18n.t("tui.git.changed", count=count) if count else i18n.t("tui.git.clean")
            parts.append(Content.styled(text, "$text-warning" if count else "$text-success"))
            if git.last_sync is not None:
                parts.append(
                    Content(i18n.t("tui.git.last_sync", time=git.last_sync.strftime("%H:%M")))
                )
        if git.operation and not git.syncing:
            parts.append(content(git.operation, "bold $text-warning"))
        elif git.elsewhere and not git.syncing:
            parts.append(content("⟳ " + i18n.t("tui.git.elsewhere"), "bold $accent"))
        if self.conflict_count:
            text = i18n.t("tui.git.conflicts", count=self.conflict_count)
            parts.append(Content.styled(text, "bold $text-error"))
        return parts

    # ------------------------------------------------------------------ actions

    def action_sync(self) -> None:
        self._screen.samenwerk.start_sync()

    def action_history(self) -> None:
        from samenwerk_tui.tui.screens.history import HistoryScreen

        record = self._screen.selected_record()
        problem = self.selected_problem()
        if record is not None:
            screen = HistoryScreen(record.name, record.partnership.name)
        elif problem is not None:
            screen = HistoryScreen(problem.name, problem.name)
        else:
            return
        self._screen.app.push_screen(screen)

    def action_resolve(self) -> None:
        record = self._screen.selected_record()
        if record is not None and record.partnership.conflicts:
            self._resolve(record)
            return
        problem = self.selected_problem()
        if problem is not None and self._repairable(problem):
            self._offer_repair(problem)

    def _resolve(self, record: Record) -> None:
        from samenwerk_tui.tui.screens.resolve import ResolveScreen

        self._screen.app.push_screen(ResolveScreen(record.id))

    def _offer_repair(self, problem: Problem) -> None:
        from samenwerk_tui.tui.screens.confirm import ConfirmScreen

        before, _, after = i18n.t("tui.repair.question").partition("{file}")
        question = Content(before) + content(problem.name, "bold") + Content(after)
        app = self._screen.samenwerk

        def answered(yes: bool | None) -> None:
            if yes:
                app.start_repair(problem.name)

        app.push_screen(ConfirmScreen(question, i18n.t("tui.repair.yes")), answered)
