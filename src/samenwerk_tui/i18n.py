"""Message catalogs and domain texts in Dutch and English.

Every sentence a user reads comes from the files in ``data/messages/<lang>/``
(one file per area: ``core.toml``, ``cli.toml``, ``tui.toml``, ``git.toml``; their tables
are flattened to dotted keys such as ``error.empty_name``) or from the domain text files
``data/types.toml``, ``data/stages.toml`` and ``data/perspectives.toml``. Adding a
language means adding files, not touching commands. Missing keys fall back to English,
then to the key itself.

A sentence that counts something has two forms in the catalog, a table with ``one`` and
``other`` (``done = { one = "1 bestand", other = "{count} bestanden" }``); :func:`t`
picks the form by the parameter ``count``, or by the parameter the table's ``by`` names.
Dutch and English share the rule: ``one`` for exactly 1, ``other`` for every other number.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from samenwerk_tui import i18n_cache

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


def unknown_language(
    explicit: str | None = None, configured: str | None = None
) -> tuple[str, str] | None:
    """The language the user asked for, if samenwerk does not speak it: (where, value).

    Looks where :func:`detect_language` looks, in the same order, and stops at the first
    place that names a language: ``"option"`` (``--lang``), ``"env"``
    (``$SAMENWERK_LANG``) or ``"config"``. The locale is not the user's choice for
    samenwerk, so a locale samenwerk does not speak quietly gives English instead.
    """
    places = (("option", explicit), ("env", os.environ.get("SAMENWERK_LANG")))
    for where, candidate in (*places, ("config", configured)):
        if candidate and candidate.strip():
            return None if normalize_language(candidate) else (where, candidate)
    return None


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


def parse_shipped(text: str) -> dict[str, Any]:
    """A TOML file shipped with samenwerk (a catalog, a domain text), parsed.

    With the fast parser (``toml_rs``, strict TOML 1.0) when there is one: about ten times
    quicker than ``tomllib``, and the catalogs are read at every start. These files are
    ours and fixed; ``tests/data/test_shipped_toml.py`` checks that both parsers read each
    of them alike. Files a user writes (config, themes) go through
    ``samenwerk_tui.store.parser.loads``, which leaves a broken one to ``tomllib`` to say
    where and why.
    """
    try:
        import toml_rs
    except ImportError:  # pragma: no cover - a platform without its wheel
        import tomllib

        return tomllib.loads(text)
    return toml_rs.loads(text, toml_version="1.0.0")


@cache
def _load_data(name: str) -> dict[str, Any]:
    root = _data_root()
    source = root.joinpath(name)

    def parse() -> dict[str, Any]:
        return parse_shipped(source.read_text("utf-8"))

    data: dict[str, Any] = i18n_cache.parsed(("data", name), root, [source], parse)
    return data


@cache
def catalog(lang: str) -> dict[str, Any]:
    """The flattened message catalog of ``lang`` (empty if it does not exist).

    Kept between runs once parsed (:mod:`samenwerk_tui.i18n_cache`).
    """
    root = _data_root()
    folder = root.joinpath("messages", lang)
    if not folder.is_dir():
        return {}
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)

    def parse() -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for item in files:
            merged.update(_flatten(parse_shipped(item.read_text("utf-8"))))
        return merged

    messages: dict[str, Any] = i18n_cache.parsed(("messages", lang), root, files, parse)
    return messages


def _template(messages: dict[str, Any], key: str, params: dict[str, Any]) -> Any:
    """The template of ``key`` in ``messages``; for a plural table, the form that fits."""
    found = messages.get(key)
    if found is not None:
        return found
    other = messages.get(f"{key}.other")
    if other is None:
        return None
    selector = messages.get(f"{key}.by", "count")
    if params.get(selector) == 1:
        return messages.get(f"{key}.one", other)
    return other


def t(key: str, /, **params: Any) -> str:
    """The sentence ``key`` in the current language, filled with ``params``.

    A plural entry (``one``/``other``) gives the form that fits its count parameter.
    """
    template = _template(catalog(_current), key, params)
    if template is None:
        template = _template(catalog(DEFAULT_LANGUAGE), key, params)
    if template is None:
        template = key
    if not isinstance(template, str):
        return key
    if not params:
        return template
    if "expected" in params:
        # Kinds of value ("whole_number") are named in the catalog's [kind] table.
        kind = params["expected"]
        params = {**params, "expected": t(f"kind.{kind}") if has(f"kind.{kind}") else kind}
    if ":n}" in template:  # numbers grouped the language's way: 10.000, 10,000
        params = {k: _Number(v) if type(v) is int else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class _Number(int):
    """A count that a catalog formats with ``{name:n}``: its thousands grouped as the
    language in use writes them (Dutch 10.000, English 10,000)."""

    def __format__(self, spec: str) -> str:
        if spec != "n":
            return int.__format__(self, spec)
        grouped = f"{int(self):,}"
        return grouped.replace(",", ".") if _current == "nl" else grouped


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
    """Whether the catalog holds ``key`` (a plain sentence or a plural table)."""
    messages = catalog(DEFAULT_LANGUAGE)
    return key in messages or f"{key}.other" in messages


def domain_text(kind: str, ident: str, field: str, lang: str | None = None) -> Any:
    """A field of a domain text: ``domain_text("types", "deliver", "name")``.

    ``kind`` is ``types``, ``stages``, ``perspectives`` (or another data file with one
    table per id and a sub-table per language, such as ``guidance``). Lists (signals, pitfalls…)
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


def type_label(ident: str, lang: str | None = None) -> str:
    """The type's one-word name for narrow places (``Leveren``, ``Delivery``)."""
    return str(domain_text("types", ident, "label", lang) or type_name(ident, lang))


def phase_advice(type_id: str, stage_id: str, lang: str | None = None) -> dict[str, Any]:
    """The advice for one type in one phase (``data/advice.toml``): ``now``,
    ``questions``, ``warnings`` and ``document``; English where a language lacks a cell,
    an empty dict for a phase without advice (``closed``)."""
    data = _load_data("advice.toml")
    cell = data.get(type_id, {}).get(stage_id, {})
    found = cell.get(lang or _current) or cell.get(DEFAULT_LANGUAGE) or {}
    return dict(found)


def stage_name(ident: str, lang: str | None = None) -> str:
    return str(domain_text("stages", ident, "name", lang))


def perspective_name(ident: str, lang: str | None = None) -> str:
    return str(domain_text("perspectives", ident, "name", lang))


def data_file(name: str) -> dict[str, Any]:
    """A parsed data file of the package (``diagnosis.toml``, ``advice.toml``…).

    A file that is not there gives an empty table: texts still being written show as
    absent, not as a crash.
    """
    try:
        return _load_data(name)
    except (FileNotFoundError, NotADirectoryError):
        return {}
