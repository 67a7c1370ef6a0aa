"""The user's config: saved only when a setting changes, in a fixed layout, keeping what
samenwerk does not know; an unreadable file is reported, left alone, and kept aside on the
first change; which workspace opens; who signs the changes."""

from __future__ import annotations

import getpass
import os
from dataclasses import replace
from pathlib import Path

import pytest

from samenwerk_tui.services.config import (
    Config,
    broken_file,
    config_file,
    data_dir,
    find_author,
    load_config,
    resolve_workspace,
    update_config,
    workspace_key,
)
from samenwerk_tui.store.workspace import Workspace


def test_a_setting_is_saved_in_a_fixed_layout_keeping_what_samenwerk_does_not_know() -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        '# my notes\nfuture_option = 3\ntheme = "nord"\n[keymap]\n"main.new" = "ctrl+n"\n'
        '[plugins]\nname = "x"\n[workspaces."/w/a"]\nsort = "stage"\ncolour = "red"\n',
        "utf-8",
    )
    config = load_config()
    assert config.theme == "nord" and config.keymap == {"main.new": "ctrl+n"}
    assert config.sort == {"/w/a": "stage"}

    saved = update_config(config, lambda c: replace(c, lang="nl", theme="samenwerk-light"))

    assert saved.lang == "nl" and saved.theme == "samenwerk-light"
    assert path.read_text("utf-8") == (
        'lang = "nl"\n'
        'theme = "samenwerk-light"\n'
        "future_option = 3\n"
        "\n"
        "[keymap]\n"
        '"main.new" = "ctrl+n"\n'
        "\n"
        '[workspaces."/w/a"]\n'
        'colour = "red"\n'
        'sort = "stage"\n'
        "\n"
        "[plugins]\n"
        'name = "x"\n'
    )
    before = path.read_bytes()
    update_config(load_config(), lambda c: c)  # nothing changed: the same bytes again
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp files left


def test_an_edit_of_the_file_while_the_app_runs_is_kept_when_a_setting_is_saved() -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('author = "Anna"\n', "utf-8")
    in_the_app = load_config()
    path.write_text('author = "Anna de Vries"\n[keymap]\n"main.sync" = "S"\n', "utf-8")

    update_config(in_the_app, lambda c: replace(c, theme="samenwerk-contrast"))

    again = load_config()
    assert again.author == "Anna de Vries"
    assert again.keymap == {"main.sync": "S"}
    assert again.theme == "samenwerk-contrast"


def test_an_unreadable_config_is_left_alone_until_a_setting_changes_then_kept_aside() -> None:
    path = config_file()
    path.parent.mkdir(parents=True)
    path.write_text('lang = "nl\n', "utf-8")
    config = load_config()
    assert config.problem is not None and str(path) in config.problem
    assert config.lang is None  # the defaults apply
    assert path.read_text("utf-8") == 'lang = "nl\n'  # reading never writes

    saved = update_config(config, lambda c: replace(c, theme="samenwerk-light"))

    assert saved.problem is None
    assert broken_file(path).read_text("utf-8") == 'lang = "nl\n'
    assert path.read_text("utf-8") == 'theme = "samenwerk-light"\n'


def test_recent_workspaces_and_each_workspace_s_sort_order_round_trip(tmp_path: Path) -> None:
    a, b = workspace_key(tmp_path / "a"), workspace_key(tmp_path / "b")
    saved = update_config(
        Config(), lambda c: replace(c, recent=[b, a], sort={a: "updated", b: "attention"})
    )
    again = load_config()
    assert again.recent == saved.recent == [b, a]
    assert again.sort == {a: "updated", b: "attention"}


def test_the_workspace_opened_is_the_option_then_env_then_default_then_the_last_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    last, older = tmp_path / "last", tmp_path / "older"
    Workspace.init(older)
    config = Config(recent=[str(last), str(older)])
    # The last one used is gone: the one before it opens.
    assert resolve_workspace(None, config) == older
    Workspace.init(last)
    assert resolve_workspace(None, config) == last
    assert resolve_workspace(None, replace(config, workspace="~/pinned")) == (
        Path.home() / "pinned"
    )
    monkeypatch.setenv("SAMENWERK_WORKSPACE", str(tmp_path / "env"))
    assert resolve_workspace(None, config) == tmp_path / "env"
    assert resolve_workspace(str(tmp_path / "option"), config) == tmp_path / "option"
    monkeypatch.delenv("SAMENWERK_WORKSPACE")
    assert resolve_workspace(None, Config()) == data_dir() / "workspace"


def test_changes_are_signed_by_the_config_s_author_else_git_s_name_else_a_said_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find_author(Config(author="Anna de Vries")).source == "config"
    found = find_author(Config(), tmp_path)
    assert (found.name, found.source) == ("Test Advisor", "git")  # $GIT_AUTHOR_NAME
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    (Path(os.environ["HOME"]) / ".gitconfig").write_text("[user]\n\tname = Bram Jansen\n", "utf-8")
    assert find_author(Config(), tmp_path) == find_author(Config())
    assert find_author(Config(), tmp_path).name == "Bram Jansen"
    (Path(os.environ["HOME"]) / ".gitconfig").unlink()
    login = find_author(Config(), tmp_path)
    assert (login.name, login.source) == (getpass.getuser(), "login")
