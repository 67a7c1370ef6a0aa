"""Message catalogs and domain texts in Dutch and English.

Every sentence a user reads comes from the files in ``data/messages/<lang>/``
(one file per area: ``core.toml``, ``cli.toml``, ``tui.toml``, ``git.toml``; their tables
are flattened to dotted keys such as ``error.empty_name``) or from the domain text files
``data/types.toml``, ``data/stages.toml`` and ``data/perspectives.toml``. Adding a
language means adding files, not touching commands. Missing keys fall back to English,
then to the key itself.
"""

from __future__ import annotations

import locale
import os
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Protocol

LANGUAGES = ("en", "nl")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


def set_language(lang: str) -> str:
    """Select the language for :func:`t`; unknown codes fall back to English."""
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def language() -> str:
    return _current


def normalize_language(value: str | None) -> str | None:
    """``"nl_NL.UTF-8"`` -> ``"nl"``; None for codes we do not ship."""
    if not value:
        return None
    code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else None


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """``--lang``, else ``$SAMENWERK_LANG``, else the config, else the locale, else English."""
    for candidate in (explicit, os.environ.get("SAMENWERK_LANG"), configured):
        code = normalize_language(candidate)
        if code:
            return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = normalize_language(os.environ.get(var))
        if code:
            return code
    try:
        code = normalize_language(locale.getlocale()[0])
    except ValueError:
        code = None
    return code or DEFAULT_LANGUAGE


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{full}."))
        else:
            out[full] = value
    return out


@cache
def _data_root() -> Any:
    """The ``data`` folder: a plain path when installed as files (the usual case).

    ``importlib.resources`` costs about 15 ms to import, a noticeable part of start-up,
    so it is used only when the package is not on the file system (a zip, say).
    """
    folder = Path(__file__).parent / "data"
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("samenwerk_tui.data")


@cache
def _load_data(name: str) -> dict[str, Any]:
    text = _data_root().joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


@cache
def catalog(lang: str) -> dict[str, Any]:
    """The flattened message catalog of ``lang`` (empty if it does not exist)."""
    folder = _data_root().joinpath("messages", lang)
    merged: dict[str, Any] = {}
    if not folder.is_dir():
        return merged
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if item.name.endswith(".toml"):
            merged.update(_flatten(tomllib.loads(item.read_text("utf-8"))))
    return merged


def t(key: str, /, **params: Any) -> str:
    """The sentence ``key`` in the current language, filled with ``params``."""
    template = catalog(_current).get(key)
    if template is None:
        template = catalog(DEFAULT_LANGUAGE).get(key, key)
    if not isinstance(template, str):
        return key
    if not params:
        return template
    if "expected" in params:
        # Kinds of value ("whole_number") are named in the catalog's [kind] table.
        kind = params["expected"]
        params = {**params, "expected": t(f"kind.{kind}") if has(f"kind.{kind}") else kind}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class Keyed(Protocol):
    """Anything that names its sentence by catalog key: every error, a broken file's reason."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...


def text_of(item: Keyed) -> str:
    """The one sentence an error (or a file problem) stands for: its key filled with its params.

    The only place an error becomes words, for both front ends.
    """
    return t(item.key, **item.params)


def has(key: str) -> bool:
    return key in catalog(DEFAULT_LANGUAGE)


def domain_text(kind: str, ident: str, field: str, lang: str | None = None) -> Any:
    """A field of a domain text: ``domain_text("types", "deliver", "name")``.

    ``kind`` is ``types``, ``stages`` or ``perspectives``. Lists (signals, pitfalls…)
    come back as lists of strings.
    """
    data = _load_data(f"{kind}.toml")
    entry = data.get(ident, {})
    code = lang or _current
    value = entry.get(code, {}).get(field)
    if value is None:
        value = entry.get(DEFAULT_LANGUAGE, {}).get(field, ident if field == "name" else "")
    return value


def type_name(ident: str, lang: str | None = None) -> str:
    return str(domain_text("types", ident, "name", lang))


def stage_name(ident: str, lang: str | None = None) -> str:
    return str(domain_text("stages", ident, "name", lang))


def perspective_name(ident: str, lang: str | None = None) -> str:
    return str(domain_text("perspectives", ident, "name", lang))
