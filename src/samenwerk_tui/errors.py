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

#: The command line's exit codes (DESIGN §4): success; the command ran and found problems;
#: bad usage or bad input (nothing written).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class SamenwerkError(Exception):
    """Something that went wrong, as a catalog ``key`` and the ``params`` of its sentence."""

    #: What the command line exits with: :data:`EXIT_PROBLEMS`, or :data:`EXIT_USAGE`.
    exit_code: ClassVar[int] = EXIT_PROBLEMS

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params: dict[str, Any] = params
