"""Correcting and removing a note from the command line, and tags typed as they are shown.

``show`` prints each note's id; ``note REF --edit ID TEXT`` corrects it (id and creation
time kept, ``edited`` added) and ``note REF --delete ID --yes`` removes it. A tag typed
with its ``#`` is stored without it and found by ``tag:``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .conftest import Samenwerk, snapshot


def data_of(samenwerk: Samenwerk) -> dict[str, Any]:
    (file,) = (samenwerk.workspace / "partnerships").glob("*.toml")
    return tomllib.loads(file.read_text("utf-8"))


def test_an_advisor_corrects_and_removes_notes_by_the_ids_show_prints(
    samenwerk: Samenwerk,
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Senseo")
    samenwerk("note", "senseo", "Kick-off went wel", "--tag", "kickoff")
    samenwerk("note", "senseo", "Second note")
    # Both notes may carry the same second; notes sort by (created, id), so find them by text.
    by_text = {n["text"]: n for n in data_of(samenwerk)["notes"]}
    first, second = by_text["Kick-off went wel"]["id"], by_text["Second note"]["id"]
    created = by_text["Kick-off went wel"]["created"]

    shown = samenwerk("show", "senseo").out
    assert f"  {first}  " in shown and f"  {second}  " in shown

    fixed = samenwerk("note", "senseo", "--edit", first[:5], "Kick-off went well")
    assert fixed.out.startswith("Saved Senseo")
    (note,) = (n for n in data_of(samenwerk)["notes"] if n["id"] == first)
    assert (note["id"], note["created"], note["text"]) == (first, created, "Kick-off went well")
    assert note["tags"] == ["kickoff"] and "edited" in note
    assert "corrected" in samenwerk("show", "senseo").out

    asked = samenwerk("note", "senseo", "--delete", second, expect=2)
    asked.assert_one_sentence()
    assert "--yes" in asked.err and "Second note" in asked.err
    assert len(data_of(samenwerk)["notes"]) == 2

    deleted = samenwerk("note", "senseo", "--delete", second, "--yes")
    assert deleted.out.startswith(f"Deleted note {second} of Senseo (partnerships/senseo-")
    assert [n["id"] for n in data_of(samenwerk)["notes"]] == [first]


def test_wrong_note_commands_say_one_sentence_and_write_nothing(samenwerk: Samenwerk) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Senseo")
    samenwerk("note", "senseo", "One")
    before = snapshot(samenwerk.workspace)
    for args, words in (
        (("note", "senseo", "--edit", "zzzz", "x"), "no note with id"),
        (("note", "senseo", "--edit", data_of(samenwerk)["notes"][0]["id"]), "Give the text"),
        (("note", "senseo", "--edit", data_of(samenwerk)["notes"][0]["id"], " "), "cannot be"),
        (("note", "senseo", "--delete", "zzzz", "--yes"), "no note with id"),
        (("note", "senseo", "extra text", "--delete", "n", "--yes"), "only the note"),
        (("note", "senseo", "--delete", "n", "extra text", "--yes"), "unrecognized"),
        (("note", "senseo", "--edit", "n", "two", "words"), "as one argument"),
        (("note", "senseo"), "Give the text"),
        (("note", "senseo", "--edit", "a", "--delete", "b"), "not allowed with"),
    ):
        run = samenwerk(*args, expect=2)
        run.assert_one_sentence()
        assert words in run.err, (args, run.err)
    assert snapshot(samenwerk.workspace) == before


def test_the_same_in_dutch(samenwerk: Samenwerk) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Senseo")
    samenwerk("note", "senseo", "Een")
    note_id = data_of(samenwerk)["notes"][0]["id"]
    asked = samenwerk("--lang", "nl", "note", "senseo", "--delete", note_id, expect=2)
    assert "Voeg --yes toe" in asked.err
    done = samenwerk("--lang", "nl", "note", "senseo", "--delete", note_id, "--yes")
    assert done.out.startswith(f"Notitie {note_id} van Senseo")


def test_a_tag_typed_with_its_hash_is_stored_without_it_and_found(
    samenwerk: Samenwerk, tmp_path: Path
) -> None:
    samenwerk("init", str(samenwerk.workspace))
    samenwerk("new", "Zuidas", "--tag", "#zuid", "--tag", "#Kantoren")
    assert data_of(samenwerk)["tags"] == ["kantoren", "zuid"]
    samenwerk("edit", "zuidas", "--tag", "#noord", "--untag", "#kantoren")
    samenwerk("note", "zuidas", "Tagged note", "--tag", "#risico")
    data = data_of(samenwerk)
    assert data["tags"] == ["noord", "zuid"] and data["notes"][0]["tags"] == ["risico"]
    for query in ("tag:zuid", "tag:#zuid", "#zuid"):
        assert "Zuidas" in samenwerk("list", "--filter", query).out, query
    shown = samenwerk("show", "zuidas").out
    assert "Tags: noord, zuid" in shown and "#risico" in shown and "##" not in shown
