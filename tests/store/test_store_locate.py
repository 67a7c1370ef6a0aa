"""Where in a hand-edited file the problem is: ``codec.locate`` and the decode errors."""

from __future__ import annotations

import pytest

from samenwerk_tui.store import codec

HAND_EDITED = '''\
schema = 1
id = "k3f9qa2mzx7b"
name = "Senseo"
created = 2026-11-26 09:12:00+00:00
updated = 2026-11-26 09:12:00+00:00
summary = """
[classification.goals]
score = 3
[[parties]]
"""

[[parties]]      # the first party
name = "Philips"

[[ parties ]]
role = "co-principal"

[classification]  # set by Anna
primary = "deliver"

[classification."goals"]
comment = "ok"
  score = "high"

[perspectives.ambition]
score = 9

[[notes]]
id = "n1"
created = 2026-11-26 09:12:00+00:00
text = "one"

[[notes]]
id = "n2"
created = 2026-11-26 09:12:00+00:00
text = 2
'''


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (["parties", "1"], (15, 1)),  # the second [[parties]] header
        (["parties", "0", "name"], (13, 1)),
        (["classification", "primary"], (19, 1)),
        (["classification", "goals", "score"], (23, 3)),  # not the line inside the summary
        (["perspectives", "ambition", "score"], (26, 1)),
        (["notes", "1", "text"], (36, 1)),
        (["notes", "1", "author"], (33, 1)),  # missing: the item's header
        (["summary"], (6, 1)),
        (["nothing", "here"], (1, 1)),
    ],
)
def test_locate_finds_nested_paths_in_a_hand_edited_file(
    path: list[str], where: tuple[int, int]
) -> None:
    assert codec.locate(HAND_EDITED, path) == where


def decode_error(text: str) -> codec.FormatError:
    with pytest.raises(codec.FormatError) as info:
        codec.decode(text.encode())
    return info.value


def test_each_wrong_field_is_reported_at_its_line_until_the_file_is_fixed() -> None:
    text = HAND_EDITED
    error = decode_error(text)
    assert (error.key, error.line, error.column) == ("broken.out_of_range", 26, 1)
    assert error.params["field"] == "perspectives.ambition.score"
    text = text.replace("score = 9", "score = 4")
    error = decode_error(text)
    assert (error.key, error.line, error.column) == ("broken.missing", 15, 1)
    assert error.params["name"] == "name"
    text = text.replace("[[ parties ]]\n", '[[ parties ]]\nname = "DE"\n')
    error = decode_error(text)
    assert (error.key, error.line, error.column) == ("broken.wrong_type", 24, 3)
    assert error.params["field"] == "classification.goals.score"
    text = text.replace('score = "high"', "score = 2")
    error = decode_error(text)
    assert (error.key, error.line) == ("broken.wrong_type", 37)
    assert error.params["field"] == "notes.1.text"
    assert codec.decode(text.replace("text = 2", 'text = "two"').encode()).name == "Senseo"


def test_two_notes_with_one_id_are_a_broken_file_not_a_crash_on_save() -> None:
    text = HAND_EDITED.replace("[[ parties ]]\n", '[[ parties ]]\nname = "DE"\n')
    text = text.replace('score = "high"', "score = 2").replace("score = 9", "score = 4")
    text = text.replace("text = 2", 'text = "two"').replace('id = "n2"', 'id = "n1"')
    error = decode_error(text)
    assert (error.key, error.line) == ("error.duplicate_note", 35)


def test_a_name_too_long_is_reported_where_it_is() -> None:
    error = decode_error(HAND_EDITED.replace('"Senseo"', '"' + "x" * 201 + '"'))
    assert (error.key, error.line) == ("error.name_too_long", 3)


def test_git_conflict_markers_are_reported_at_the_first_marker() -> None:
    text = 'schema = 1\n<<<<<<< HEAD\nname = "a"\n=======\nname = "b"\n>>>>>>> theirs\n'
    error = decode_error(text)
    assert (error.key, error.line, error.column) == ("broken.conflict_markers", 2, 1)


def test_a_conflict_inside_one_multiline_string_is_still_a_conflict() -> None:
    text = HAND_EDITED.replace(
        '[[parties]]\n"""', '<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> b\n"""'
    )
    error = decode_error(text)
    assert (error.key, error.line) == ("broken.conflict_markers", 9)


def test_a_markdown_heading_in_a_multiline_string_is_not_a_conflict() -> None:
    text = HAND_EDITED.replace("score = 3\n", "Titel\n=======\n")
    assert decode_error(text).key == "broken.out_of_range"  # the real problem, further down
