"""Asked once, on a first start where neither the config nor git knows the user's name.

Notes and classifications carry who made them; a login name such as ``root`` would be a
poor signature, so the app asks. The name is kept in ``config.toml`` (``author``), so it
is asked only once. ``escape`` keeps the login name (in the config too, so it is not asked
again), and says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from samenwerk_tui import i18n
from samenwerk_tui.errors import SamenwerkError
from samenwerk_tui.tui.commands import key_for
from samenwerk_tui.tui.feedback import tell
from samenwerk_tui.tui.safe import content
from samenwerk_tui.tui.screens.forms.base import FormScreen, label, text_input


class AuthorPrompt(FormScreen[str]):
    """One field: your name."""

    title_key = "tui.author.title"

    def compose(self) -> ComposeResult:
        """The form, with the question why above its one field."""
        with Vertical(classes="form-box") as box:
            box.border_title = self.form_title()
            yield Static(Content(i18n.t("tui.author.question")), classes="form-question")
            for name, field in self.fields():
                yield Horizontal(name, field, classes="form-row")
            yield Static(classes="form-error", id="form-error")
            yield Static(self.hint(), classes="form-hint")

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        yield label("tui.author.title"), text_input("", "author")

    def hint(self) -> Content:
        keymap = self.state.keymap
        text = i18n.t(
            "tui.author.hint",
            save=key_for("form.save", keymap),
            cancel=key_for("form.cancel", keymap),
            login=self.state.session.author,
        )
        return content(text, "$text-muted")  # the login name is the system's text

    def values(self) -> str:
        name = self.query_one("#author", Input).value.strip()
        if not name:
            raise SamenwerkError("tui.author.empty")
        return name

    def action_save(self) -> None:
        try:
            name = self.values()
            self.state.set_author(name)
        except SamenwerkError as exc:
            self.show_error(i18n.text_of(exc))
            return
        self.dismiss(True)
        tell(self.app, i18n.t("tui.author.saved", name=name))

    def action_cancel(self) -> None:
        """Keep the login name, on purpose: kept in the config, so it is not asked again."""
        login = self.state.session.author
        try:
            self.state.set_author(login)
        except SamenwerkError as exc:
            tell(self.app, i18n.text_of(exc), "error")
        self.dismiss(False)
        tell(self.app, i18n.t("tui.author.login", name=login), "warning")
