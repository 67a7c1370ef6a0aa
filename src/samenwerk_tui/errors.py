"""The one error family of samenwerk: every failure a user reads is a :class:`SamenwerkError`.

An error carries a catalog key and the parameters that fill it in, never a finished
sentence, so the same error reads right in Dutch and English and in either front end.
:func:`samenwerk_tui.i18n.text_of` is the one place that turns it into words; the CLI
catches this base class (and exits with its :attr:`~SamenwerkError.exit_code`), the TUI
shows the sentence in a form, a notification or the status line.

This module imports nothing, so every layer may derive from it (the domain included).
"""

from __future__ import annotations

from typing import Any, ClassVar


class SamenwerkError(Exception):
    """Something that went wrong, as a catalog ``key`` and the ``params`` of its sentence."""

    #: What the command line exits with (DESIGN §4): 1 found problems, 2 bad usage or input.
    exit_code: ClassVar[int] = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params: dict[str, Any] = params
