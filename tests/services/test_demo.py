"""A new user runs ``samenwerk demo`` and gets eight rich, valid example partnerships,
in the language they work in.

The demo must be safe to run again and again: it never overwrites or duplicates, a
half-made demo gets completed, and a finished one is left byte for byte alone. In Dutch
every name, role, tag, comment and note is Dutch; in English, English.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from samenwerk_tui.domain.model import Partnership
from samenwerk_tui.domain.query import Subject, haystack, parse_query
from samenwerk_tui.domain.types import AgreementType, Stage
from samenwerk_tui.services.demo import create_demo, demo_partnerships
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Workspace

LANGS = ("nl", "en")

#: Domain brief, §4 and Appendix A: answers Q01..Q16 and expected scores T1..T4, by id.
BRIEF = {
    "k3f9qa2mzx7b": (  # Senseo
        "5 5 4 5 5 2 3 1 4 3 2 1 1 1 2 1", (92, 59, 24, 13), "deliver"),
    "p7wc4nd8s2hx": (  # Schiphol cleaning
        "5 4 2 3 3 3 3 2 4 1 2 1 1 2 2 1", (75, 65, 30, 28), "deliver"),
    "r2gz6tb1vq5m": (  # Gezond Rivierdal
        "2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2", (43, 78, 63, 43), "goals"),
    "t5yh8jc3ke0w": (  # Top 500
        "3 2 2 3 2 5 5 4 5 3 2 1 1 2 2 1", (58, 88, 42, 35), "goals"),
    "b9sp1xo4na6d": (  # Science Park
        "4 3 2 4 4 4 5 4 4 2 3 3 2 3 4 3", (56, 69, 41, 50), "goals"),
    "g4om7ue2rj8f": (  # Gezond Opgroeien
        "1 1 1 2 2 4 4 4 2 5 5 5 4 2 2 3", (22, 57, 88, 60), "movement"),
    "v6lq3pz9ci1t": (  # palliative care platform
        "1 1 1 1 1 2 2 2 2 1 3 4 3 5 5 5", (19, 31, 59, 97), "platform"),
    "c8kb0wy5hm3g": (  # underground construction
        "2 2 1 2 3 3 3 2 3 1 3 3 3 4 5 4", (36, 44, 50, 78), "platform"),
}  # fmt: skip
SENSEO, SCHIPHOL, TOP500, SCIENCE_PARK, OPGROEIEN = (
    "k3f9qa2mzx7b", "p7wc4nd8s2hx", "t5yh8jc3ke0w", "b9sp1xo4na6d", "g4om7ue2rj8f",
)  # fmt: skip

#: Appendix A weights (T1..T4), to check the brief's numbers and ours agree.
WEIGHTS = [
    (2, 0, -1, -2), (2, -1, -1, -2), (2, -1, -2, -1), (2, 1, -1, -1),
    (2, 0, -1, 0), (-1, 2, 1, -1), (0, 2, 0, 0), (-1, 2, 0, 0),
    (1, 2, -2, 0), (-1, 0, 2, -1), (0, 0, 2, 0), (-2, -1, 2, 1),
    (-2, -2, 2, 0), (-1, -1, -1, 2), (-1, -1, -1, 2), (-2, -1, 0, 2),
]  # fmt: skip


def reference_scores(answers: list[int]) -> tuple[int, ...]:
    out = []
    for i in range(4):
        raw = sum(w[i] * (a - 3) for w, a in zip(WEIGHTS, answers, strict=True))
        total = sum(abs(w[i]) for w in WEIGHTS)
        x = 50 + 25 * raw / total
        out.append(int(x + 0.5) if x >= 0 else -int(-x + 0.5))
    return tuple(out)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("lang", LANGS)
def test_demo_creates_eight_rich_partnerships_that_load_without_problems(
    tmp_path: Path, lang: str
) -> None:
    root = tmp_path / "demo"
    assert create_demo(root, lang) is True

    workspace = Workspace(root)
    assert workspace.display_name == {"nl": "Samenwerk-demo", "en": "Samenwerk demo"}[lang]
    assert (root / ".gitattributes").is_file() and (root / ".gitignore").is_file()
    loaded = workspace.load_all()
    assert loaded.problems == []
    assert len(loaded.records) == 8
    assert {r.partnership.id for r in loaded.records} == set(BRIEF)

    for record in loaded.records:
        p = record.partnership
        data = workspace.path_of(record.name).read_bytes()
        assert codec.encode(codec.decode(data)) == data, record.name
        assert p.summary and len(p.parties) >= 2 and p.tags

        c = p.classification
        assert c.primary == AgreementType(BRIEF[p.id][2]), p.name
        assert c.rationale and c.by and c.updated is not None
        for agreement_type in AgreementType:
            assert c.score(agreement_type).comment, (p.name, agreement_type)
        assert max(c.scores.values(), key=lambda s: s.score) == c.score(c.primary)

        assert len(p.perspectives) >= 2
        assert all(ps.comment for ps in p.perspectives.values())

        assert 3 <= len(p.notes) <= 4
        assert all(n.text for n in p.notes)
        assert any(n.type is not None for n in p.notes)
        assert any(n.tags for n in p.notes)
        # The history of each case fits together: notes, classification and diagnoses
        # fall between creation and the last change.
        moments = [n.created for n in p.notes] + [a.at for a in p.assessments]
        assert all(p.created <= when <= p.updated for when in moments), p.name
        assert p.updated >= c.updated >= p.created

    authors = {n.author for r in loaded.records for n in r.partnership.notes}
    assert len(authors) >= 3


def demo_document() -> dict[str, Any]:
    text = resources.files("samenwerk_tui.data").joinpath("demo.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_text_of_the_demo_exists_in_dutch_and_english() -> None:
    """Summaries, rationales, comments, roles, notes and tags come in both languages;
    only proper names (a plain string) may be the same in both."""
    missing: list[str] = []

    def both(value: Any, where: str, *, may_be_plain: bool = False) -> None:
        if isinstance(value, dict):
            if set(value) != set(LANGS) or not all(value[lang] for lang in LANGS):
                missing.append(where)
            elif value["nl"] == value["en"] and not may_be_plain:
                missing.append(f"{where} (same text in both)")
        elif not may_be_plain:
            missing.append(where)

    for entry in demo_document()["partnership"]:
        pid = entry["id"]
        both(entry["name"], f"{pid}.name", may_be_plain=True)
        both(entry["summary"], f"{pid}.summary")
        both(entry["tags"], f"{pid}.tags")
        for i, party in enumerate(entry["parties"]):
            both(party["name"], f"{pid}.parties[{i}].name", may_be_plain=True)
            both(party["role"], f"{pid}.parties[{i}].role", may_be_plain=True)
        c = entry["classification"]
        both(c["rationale"], f"{pid}.rationale")
        for t in AgreementType:
            both(c[t.value]["comment"], f"{pid}.{t.value}.comment")
        for name, ps in entry["perspectives"].items():
            both(ps["comment"], f"{pid}.perspectives.{name}")
        for note in entry["notes"]:
            both(note["text"], f"{pid}.notes.{note['id']}.text")
            both(note["tags"], f"{pid}.notes.{note['id']}.tags", may_be_plain=True)
    assert missing == []


def test_dutch_and_english_demos_tell_the_same_cases_in_their_own_words() -> None:
    dutch = {p.id: p for p in demo_partnerships("nl")}
    english = {p.id: p for p in demo_partnerships("en")}
    assert list(dutch) == list(english) == list(BRIEF)
    for pid, nl in dutch.items():
        en = english[pid]
        assert (nl.stage, nl.created, nl.updated, nl.primary) == (
            en.stage,
            en.created,
            en.updated,
            en.primary,
        )
        assert nl.assessments == en.assessments
        assert [n.id for n in nl.notes] == [n.id for n in en.notes]
        assert nl.summary != en.summary and nl.classification.rationale != (
            en.classification.rationale
        )
        assert len(nl.parties) == len(en.parties) and len(nl.tags) == len(en.tags)


def find(partnerships: list[Partnership], text: str) -> set[str]:
    query = parse_query(text)
    return {p.id for p in partnerships if query.matches(Subject(p, haystack(p)))}


def test_tag_zorg_in_dutch_finds_the_care_cases_that_tag_care_finds_in_english() -> None:
    zorg = find(demo_partnerships("nl"), "tag:zorg")
    care = find(demo_partnerships("en"), "tag:care")
    assert zorg == care == {"r2gz6tb1vq5m", "t5yh8jc3ke0w", "v6lq3pz9ci1t"}
    assert find(demo_partnerships("nl"), "label:zorg") == zorg


def test_the_demo_is_written_in_the_language_in_use(tmp_path: Path) -> None:
    from samenwerk_tui import i18n

    i18n.set_language("nl")
    try:
        create_demo(tmp_path / "demo")
    finally:
        i18n.set_language("en")
    names = {r.partnership.name for r in Workspace(tmp_path / "demo").load_all().records}
    assert "Senseo-koffiesysteem" in names and "Senseo coffee system" not in names


@pytest.mark.parametrize("lang", LANGS)
def test_running_the_demo_again_changes_no_byte(tmp_path: Path, lang: str) -> None:
    root = tmp_path / "demo"
    create_demo(root, lang)
    before = snapshot(root)

    assert create_demo(root, lang) is False
    assert snapshot(root) == before


def test_a_demo_in_one_language_is_not_filled_up_with_the_other(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    create_demo(root, "en")
    before = snapshot(root)
    assert create_demo(root, "nl") is False, "the same ids are already there"
    assert snapshot(root) == before


@pytest.mark.parametrize("lang", LANGS)
def test_the_demo_is_the_same_on_every_machine(tmp_path: Path, lang: str) -> None:
    create_demo(tmp_path / "one", lang)
    create_demo(tmp_path / "two", lang)
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    two = {k: v[0] for k, v in snapshot(tmp_path / "two").items()}
    assert one == two
    assert len([k for k in one if k.startswith("partnerships")]) == 8


def test_a_half_made_demo_is_completed_without_touching_what_is_there(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    create_demo(root, "nl")
    folder = root / "partnerships"
    complete = {p.name: p.read_bytes() for p in folder.iterdir()}
    names = sorted(complete)
    for name in names[:3]:
        (folder / name).unlink()
    edited = folder / names[3]
    edited.write_bytes(complete[names[3]].replace(b"stage = ", b"stage=", 1))
    broken = folder / names[4]
    broken.write_bytes(b"<<<<<<< ours\nname = 'x'\n")
    kept = snapshot(root)

    assert create_demo(root, "nl") is True

    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(after) == set(complete)
    for name in names[:3]:
        assert after[name] == complete[name]
    for name in names[3:]:
        assert (after[name], (folder / name).stat().st_mtime_ns) == kept[f"partnerships/{name}"]


def test_the_demo_joins_an_existing_workspace_without_disturbing_it(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    Workspace.init(root, name="My practice")
    own = root / "partnerships" / "own-abcdef.toml"
    own.write_bytes(b"not even toml [")

    assert create_demo(root, "en") is True

    assert own.read_bytes() == b"not even toml ["
    assert Workspace(root).display_name == "My practice"
    loaded = Workspace(root).load_all()
    assert len(loaded.records) == 8
    assert [p.name for p in loaded.problems] == ["own-abcdef.toml"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_demo_diagnosis_stores_the_briefs_answers_and_scores(
    tmp_path: Path, lang: str
) -> None:
    root = tmp_path / "demo"
    create_demo(root, lang)
    for record in Workspace(root).load_all().records:
        p = record.partnership
        answers_text, expected, _ = BRIEF[p.id]
        answers = [int(a) for a in answers_text.split()]
        first = p.assessments[0]
        assert first.answers == {f"q{i:02d}": a for i, a in enumerate(answers, start=1)}
        stored = tuple(first.scores[t.value] for t in AgreementType)
        assert stored == expected, p.name
        assert reference_scores(answers) == expected, p.name
        assert first.by == p.classification.by
        for assessment in p.assessments:
            assert len(assessment.id) == 8 and assessment.id.isalnum()


def test_every_stored_diagnosis_score_is_what_the_formula_gives() -> None:
    for p in demo_partnerships("en"):
        for assessment in p.assessments:
            answers = [assessment.answers[f"q{i:02d}"] for i in range(1, 17)]
            stored = tuple(assessment.scores[t.value] for t in AgreementType)
            assert stored == reference_scores(answers), (p.name, assessment.id)


def leading(scores: tuple[int, ...]) -> int:
    return max(range(4), key=lambda i: scores[i])


def test_two_cases_show_advisors_who_read_the_case_differently() -> None:
    """A colleague's second diagnosis: another leading type, or 20+ points apart."""
    divergent = {}
    for p in demo_partnerships("en"):
        if len(p.assessments) < 2:
            continue
        first, second = p.assessments[0], p.assessments[1]
        assert first.by != second.by, p.name
        a = tuple(first.scores[t.value] for t in AgreementType)
        b = tuple(second.scores[t.value] for t in AgreementType)
        gap = max(abs(x - y) for x, y in zip(a, b, strict=True))
        assert leading(a) != leading(b) or gap >= 20, p.name
        divergent[p.id] = (leading(a), leading(b), gap)
    assert set(divergent) == {SCHIPHOL, OPGROEIEN}
    assert divergent[SCHIPHOL][:2] == (0, 1)  # delivery for one advisor, goals for the other
    assert divergent[OPGROEIEN] == (2, 1, 25)  # movement against goals, 25 points apart


def test_the_cases_the_article_does_not_classify_say_so() -> None:
    for lang, phrase, borderline in (
        ("nl", "Eén mogelijke typering", "grensgeval"),
        ("en", "One possible reading", "borderline case"),
    ):
        cases = {p.id: p for p in demo_partnerships(lang)}
        for pid in (TOP500, SCIENCE_PARK):
            assert cases[pid].classification.rationale.startswith(phrase), (lang, pid)
        assert borderline in cases[SCHIPHOL].classification.rationale, lang
        assert not any(
            cases[pid].classification.rationale.startswith(phrase)
            for pid in set(cases) - {TOP500, SCIENCE_PARK}
        )


def test_the_demo_fits_the_history_of_each_case() -> None:
    cases = {p.id: p for p in demo_partnerships("nl")}
    senseo = cases[SENSEO]
    # Senseo was launched in February 2001: the case is dated from its own time.
    moments = [senseo.created, senseo.updated, *(n.created for n in senseo.notes)]
    assert all(1998 <= when.year <= 2001 for when in moments)
    assert senseo.updated.isoformat() < "2001-02"
    # Gezond Opgroeien signs its manifesto and agrees a monitor: that is agreeing.
    assert cases[OPGROEIEN].stage is Stage.AGREE
    # Current names of Dutch institutions.
    parties = {x.name for p in cases.values() for x in p.parties}
    assert "Zorg- en Veiligheidshuis Grootstad" in parties
    assert not any(name.startswith("Veiligheidshuis") for name in parties)
    # Invented internal notes sit under placeholder names, not real companies.
    schiphol = cases[SCHIPHOL]
    assert not any("Schiphol" in x.name for x in schiphol.parties)
    assert not any("Schiphol" in n.text for n in schiphol.notes)


def test_demo_ids_are_fixed_and_well_formed() -> None:
    first = demo_partnerships("nl")
    second = demo_partnerships("en")
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id[:6] for p in first}) == 8
    ids = [n.id for p in first for n in p.notes] + [a.id for p in first for a in p.assessments]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 8 and i.isascii() and i.isalnum() and i == i.lower() for i in ids)
