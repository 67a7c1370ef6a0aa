"""Only ``init``, ``demo`` and the first run make a workspace; a folder the user named
(``-w``, ``$SAMENWERK_WORKSPACE``) is never made one by accident."""

from __future__ import annotations

from .conftest import Samenwerk


def test_a_named_folder_that_is_no_workspace_is_refused_with_the_way_to_make_one(
    nowhere: Samenwerk,
) -> None:
    # Opening the app on it without a terminal (the app would ask in one), and the
    # commands that would write: one sentence naming `samenwerk init PATH`, exit 1.
    for args in ((), ("new", "Senseo"), ("list",), ("export",)):
        refused = nowhere(*args, expect=1)
        refused.assert_one_sentence()
        assert refused.err == (
            f"samenwerk: There is no workspace at {nowhere.workspace}; "
            f"create one with: samenwerk init {nowhere.workspace}\n"
        )
    assert not nowhere.workspace.exists()
    nowhere.workspace.mkdir(parents=True)  # an existing folder is not made one either
    nowhere(expect=1).assert_one_sentence()
    assert list(nowhere.workspace.iterdir()) == []
    nowhere("init", str(nowhere.workspace))
    assert "Senseo" not in nowhere("list").out
    nowhere("new", "Senseo")
    assert "Senseo" in nowhere("list").out
