"""Generate a workspace of N realistic partnerships for benchmarks.

Each file is about 1.8 kB: four parties, five notes, a full classification (the shape
issue 14 measured).

Usage: python benchmarks/generate.py DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from samenwerk_tui.domain.model import (
    Classification,
    Note,
    Partnership,
    Party,
    Perspective,
    TypeScore,
)
from samenwerk_tui.domain.types import AgreementType, PerspectiveName, Stage
from samenwerk_tui.store.codec import encode
from samenwerk_tui.store.workspace import Workspace

WORDS = (  # noqa: SIM905 - one readable line of words
    "zorg regio jeugd energie kennis platform school gemeente netwerk programma project "
    "alliantie welzijn sport wijk haven innovatie data mobiliteit water cultuur veiligheid"
).split()
ORGS = [
    "Gemeente Rivierdal", "GGD Regio", "Ziekenhuis Oost", "Philips", "Douwe Egberts",
    "Hogeschool Noord", "Woonstichting Thuis", "Politie", "Provincie", "Sportclub Vooruit",
]  # fmt: skip


def make(rng: random.Random, i: int) -> Partnership:
    base = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(500_000))
    types = list(AgreementType)
    primary = rng.choice([*types, None])
    scores = {
        t: TypeScore(rng.randrange(6), f"{rng.choice(WORDS)} {rng.choice(WORDS)}") for t in types
    }
    name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i}"
    notes = tuple(
        Note(
            id=f"n{i % 10_000_000:07d}"[:8].ljust(8, "0")[:7] + str(k),
            created=base + timedelta(days=k),
            author=rng.choice(["Anna de Vries", "Bram Jansen", "Chantal Bos"]),
            text=" ".join(rng.choice(WORDS) for _ in range(5)),
            type=rng.choice([*types, None]),
            tags=(rng.choice(WORDS),),
        )
        for k in range(5)
    )
    return Partnership(
        id=f"{i:06d}{rng.randrange(36**6):06x}"[:12].replace("-", "a"),
        name=name,
        created=base,
        updated=base + timedelta(days=3),
        stage=rng.choice(list(Stage)),
        tags=tuple(sorted({rng.choice(WORDS), rng.choice(WORDS)})),
        summary=" ".join(rng.choice(WORDS) for _ in range(12)),
        parties=tuple(
            Party(rng.choice(ORGS), rng.choice(["trekker", "partner", ""])) for _ in range(4)
        ),
        classification=Classification(
            primary=primary,
            rationale="Gegenereerd.",
            updated=base,
            by="Anna de Vries",
            scores=scores,
        ),
        perspectives={PerspectiveName.AMBITION: Perspective(rng.randrange(1, 6), "ok")},
        notes=notes,
    )


def generate(root: Path, count: int, seed: int = 1) -> Workspace:
    """Write ``count`` partnerships; plain writes (no fsync) keep generation quick."""
    rng = random.Random(seed)
    ws = Workspace.init(root)
    for i in range(count):
        p = make(rng, i)
        ws.path_of(ws.file_name_for(p)).write_bytes(encode(p))
    return ws


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.dir, args.count, args.seed)


if __name__ == "__main__":
    main()
