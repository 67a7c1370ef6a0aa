"""Every sentence of the git layer exists in English and Dutch, with the same placeholders."""

from __future__ import annotations

import re
import string
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import samenwerk_tui
from samenwerk_tui import i18n


def flat(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def catalog(lang: str) -> dict[str, str]:
    path = resources.files("samenwerk_tui.data").joinpath("messages", lang, "git.toml")
    return flat(tomllib.loads(path.read_text("utf-8")))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_dutch_git_catalog_matches_english() -> None:
    english, dutch = catalog("en"), catalog("nl")
    assert set(english) == set(dutch)
    for key, template in english.items():
        assert placeholders(dutch[key]) == placeholders(template), key


def test_every_git_key_used_in_the_code_exists() -> None:
    package = Path(samenwerk_tui.__file__).parent
    sources = [
        *package.joinpath("gitsync").glob("*.py"),
        package / "services" / "sync.py",
        package / "cli" / "commands" / "sync.py",
        package / "cli" / "commands" / "merge_file.py",
    ]
    used = set()
    for source in sources:
        used |= set(re.findall(r"\"(git\.[a-z_]+\.[a-z_]+)\"", source.read_text("utf-8")))
    assert used
    missing = sorted(key for key in used if not i18n.has(key))
    assert not missing
