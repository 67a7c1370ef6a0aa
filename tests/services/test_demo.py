"""A new user runs ``samenwerk demo`` and gets eight rich, valid example partnerships.

The demo must be safe to run again and again: it never overwrites or duplicates, a
half-made demo gets completed, and a finished one is left byte for byte alone.
"""

from __future__ import annotations

from pathlib import Path

from samenwerk_tui.domain.types import AgreementType
from samenwerk_tui.services.demo import create_demo, demo_partnerships
from samenwerk_tui.store import codec
from samenwerk_tui.store.workspace import Workspace

#: Domain brief, §4 and Appendix A: answers Q01..Q16 and expected scores T1..T4.
BRIEF = {
    "Senseo coffee system": (
        "5 5 4 5 5 2 3 1 4 3 2 1 1 1 2 1", (92, 59, 24, 13), "deliver"),
    "Terminal cleaning Schiphol": (
        "5 4 2 3 3 3 3 2 4 1 2 1 1 2 2 1", (75, 65, 30, 28), "deliver"),
    "Gezond Rivierdal": (
        "2 2 2 3 3 5 5 5 4 4 4 3 3 2 2 2", (43, 78, 63, 43), "goals"),
    "Aanpak Top 500 Grootstad": (
        "3 2 2 3 2 5 5 4 5 3 2 1 1 2 2 1", (58, 88, 42, 35), "goals"),
    "Science Park Oost": (
        "4 3 2 4 4 4 5 4 4 2 3 3 2 3 4 3", (56, 69, 41, 50), "goals"),
    "Gezond Opgroeien Grootstad": (
        "1 1 1 2 2 4 4 4 2 5 5 5 4 2 2 3", (22, 57, 88, 60), "movement"),
    "Leerplatform Palliatieve Zorg Regio Rivierdal": (
        "1 1 1 1 1 2 2 2 2 1 3 4 3 5 5 5", (19, 31, 59, 97), "platform"),
    "Kennisplatform Ondergronds Bouwen": (
        "2 2 1 2 3 3 3 2 3 1 3 3 3 4 5 4", (36, 44, 50, 78), "platform"),
}  # fmt: skip

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


def test_demo_creates_eight_rich_partnerships_that_load_without_problems(
    tmp_path: Path,
) -> None:
    root = tmp_path / "demo"
    assert create_demo(root) is True

    workspace = Workspace(root)
    assert workspace.display_name == "Samenwerk demo"
    assert (root / ".gitattributes").is_file() and (root / ".gitignore").is_file()
    loaded = workspace.load_all()
    assert loaded.problems == []
    assert len(loaded.records) == 8
    assert {r.partnership.name for r in loaded.records} == set(BRIEF)

    for record in loaded.records:
        p = record.partnership
        data = workspace.path_of(record.name).read_bytes()
        assert codec.encode(codec.decode(data)) == data, record.name
        assert p.summary and len(p.parties) >= 2 and p.tags

        c = p.classification
        assert c.primary == AgreementType(BRIEF[p.name][2]), p.name
        assert c.rationale and c.by and c.updated is not None
        for agreement_type in AgreementType:
            assert c.score(agreement_type).comment, (p.name, agreement_type)
        assert max(c.scores.values(), key=lambda s: s.score) == c.score(c.primary)

        assert len(p.perspectives) >= 2
        assert all(ps.comment for ps in p.perspectives.values())

        assert 3 <= len(p.notes) <= 4
        assert all(n.created.year == 2026 and n.text for n in p.notes)
        assert any(n.type is not None for n in p.notes)
        assert any(n.tags for n in p.notes)
        assert p.updated >= max(n.created for n in p.notes)
        assert p.updated >= c.updated >= p.created

    authors = {n.author for r in loaded.records for n in r.partnership.notes}
    assert len(authors) >= 3


def test_running_the_demo_again_changes_no_byte(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    create_demo(root)
    before = snapshot(root)

    assert create_demo(root) is False
    assert snapshot(root) == before


def test_the_demo_is_the_same_on_every_machine(tmp_path: Path) -> None:
    create_demo(tmp_path / "one")
    create_demo(tmp_path / "two")
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    two = {k: v[0] for k, v in snapshot(tmp_path / "two").items()}
    assert one == two
    assert len([k for k in one if k.startswith("partnerships")]) == 8


def test_a_half_made_demo_is_completed_without_touching_what_is_there(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    create_demo(root)
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

    assert create_demo(root) is True

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

    assert create_demo(root) is True

    assert own.read_bytes() == b"not even toml ["
    assert Workspace(root).display_name == "My practice"
    loaded = Workspace(root).load_all()
    assert len(loaded.records) == 8
    assert [p.name for p in loaded.problems] == ["own-abcdef.toml"]


def test_each_demo_diagnosis_stores_the_briefs_answers_and_scores(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    create_demo(root)
    for record in Workspace(root).load_all().records:
        p = record.partnership
        answers_text, expected, _ = BRIEF[p.name]
        answers = [int(a) for a in answers_text.split()]
        assert len(p.assessments) == 1
        assessment = p.assessments[0]
        assert assessment.answers == {f"q{i:02d}": a for i, a in enumerate(answers, start=1)}
        stored = tuple(assessment.scores[t.value] for t in AgreementType)
        assert stored == expected, p.name
        assert reference_scores(answers) == expected, p.name
        assert len(assessment.id) == 8 and assessment.id.isalnum()


def test_demo_ids_are_fixed_and_well_formed() -> None:
    first = demo_partnerships()
    second = demo_partnerships()
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id[:6] for p in first}) == 8
    ids = [n.id for p in first for n in p.notes] + [a.id for p in first for a in p.assessments]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 8 and i.isascii() and i.isalnum() and i == i.lower() for i in ids)
