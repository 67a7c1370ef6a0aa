"""The app's style sheets as Textual parsed them, kept between runs.

Textual parses every style sheet (ours and its widgets' defaults, some 250 rules) from
text at each start: about 7 ms, a twentieth of what a bare Textual app takes to show its
first frame. What it parses depends only on the text, where it came from, and the theme's
variables, so the parsed rules are kept in the user's cache folder and taken from there
at the next start, as Python keeps compiled modules.

:class:`CachedStylesheet` is the app's ``Stylesheet`` (Textual's, with one method
wrapped): a source it has parsed before, with the same variables, comes from
:class:`StyleCache`; anything else is parsed by Textual as always. The file is written
when the app has parsed something new (the first run, another theme), holding what this
run used. It is machine-local and never trusted blindly: a file of another Textual or
Python, a damaged one, or one that is not the user's own is ignored (and replaced).
Textual's own parse stays the only way rules are made, so a cache can make a start
faster, never different.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import textual
import textual.css.model as css_model
import textual.css.styles as css_styles
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from samenwerk_tui import __version__, cachefile

STYLES_FILE = "styles.pickle"
#: What a parse depends on: the variables (sorted), the text, where it came from, and
#: the rest of Textual's arguments.
Key = tuple[Any, ...]
#: Bump when what is kept changes.
FORMAT = 1


def _stamp() -> tuple[Any, ...]:
    """What the kept rules were made by: this program, Python, and the Textual installed
    (its files' stats: ``textual.__version__`` asks the package metadata, 15 ms)."""
    textual_files = []
    for module in (textual, css_model, css_styles):
        with contextlib.suppress(OSError, TypeError):
            st = os.stat(module.__file__ or "")
            textual_files.append((module.__file__, st.st_mtime_ns, st.st_size))
    return (FORMAT, __version__, sys.version_info[:2], textual_files)


class StyleCache:
    """The parsed sources kept in one file (``path`` None: nothing is kept), by key: the
    variables, the text, and the rest of what Textual parsed it with."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[Key, list[RuleSet]] | None = None
        self._used: dict[Key, list[RuleSet]] = {}
        #: Sources parsed in this run (not found in the file).
        self.parsed = 0

    def get(self, key: Key) -> list[RuleSet] | None:
        rules = self._used.get(key)
        if rules is not None:
            return rules
        if self._stored is None:
            self._stored = self._read()
        rules = self._stored.get(key)
        if rules is not None:
            self._used[key] = rules
        return rules

    def put(self, key: Key, rules: list[RuleSet]) -> None:
        self._used[key] = rules
        self.parsed += 1

    def _read(self) -> dict[Key, list[RuleSet]]:
        if self.path is None:
            return {}
        try:
            with self.path.open("rb") as file:
                st = os.fstat(file.fileno())
                # Only a file of the user's own that nobody else may write is loaded.
                if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                    return {}
                stamp, stored = pickle.load(file)
        except Exception:  # noqa: BLE001 - missing, damaged, foreign: parse as usual
            return {}
        if stamp != _stamp() or type(stored) is not dict:
            return {}
        return stored

    def save(self) -> None:
        """Write what this run used, if it parsed anything new. Best effort, like every
        cache: one that cannot be written is simply not there next time."""
        if self.path is None or not self.parsed:
            return
        try:
            data = pickle.dumps((_stamp(), self._used), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - (a rule that does not pickle)
            return
        if cachefile.replace(self.path, lambda fd: cachefile.write_all(fd, data)):
            self.parsed = 0


class CachedStylesheet(Stylesheet):
    """Textual's ``Stylesheet``, taking sources it parsed in an earlier run from a cache.

    Wraps ``Stylesheet._parse_rules`` (the one place Textual turns a source's text into
    rules) whatever its arguments: they, the text and the variables make the key.
    """

    def __init__(self, cache: StyleCache, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.cache = cache
        self._variables_key = tuple(sorted((variables or {}).items()))

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_key = tuple(sorted(variables.items()))

    def _parse_rules(self, css: str, read_from: Any, *args: Any, **kwargs: Any) -> list[RuleSet]:
        key = (self._variables_key, css, read_from, args, tuple(sorted(kwargs.items())))
        try:
            rules = self.cache.get(key)
        except TypeError:  # (an argument that cannot be a key: parse, keep nothing)
            return super()._parse_rules(css, read_from, *args, **kwargs)
        if rules is None:
            rules = super()._parse_rules(css, read_from, *args, **kwargs)
            if not any(rule.errors for rule in rules):  # (errors are Textual's to report)
                self.cache.put(key, rules)
        return rules
