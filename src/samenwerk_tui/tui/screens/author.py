"""Asked once, on a first start where neither the config nor git knows the user's name.

Notes and classifications carry who made them; a login name such as ``root`` would be a
poor signature, so the app asks. The name is kept in ``config.toml`` (``author``), so it
is asked only once. ``escape`` keeps the login name, and says so.
"""

from __future__ import annotations

from collections.abc import Iterator

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

    def fields(self) -> Iterator[tuple[Widget, Widget]]:
        question = Static(Content(i18n.t("tui.author.question")), classes="form-question")
        yield Static(""), question
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
        self.dismiss(False)
        tell(self.app, i18n.t("tui.author.login", name=self.state.session.author), "warning")
