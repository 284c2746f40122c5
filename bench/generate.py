"""Generate a valid synthetic briefing of any size: N events, 3N claims, N/10 sources.

Realistic text, dates of mixed precision, sources and links, all from a seeded generator so the
same arguments always give the same file:

    .venv/bin/python bench/generate.py --events 10000 --out /tmp/big.yaml
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SIDES = [
    ("tr", "Turkey", "#d55e00"),
    ("ru", "Russia", "#2f7fc1"),
    ("az", "Azerbaijan", "#009e73"),
    ("am", "Armenia", "#b8609a"),
]
OUTLETS = [
    "Anadolu Agency",
    "Yeni Şafak",
    "TRT Haber",
    "Daily Sabah",
    "The Moscow Times",
    "Sputnik News—Turkish service",
    "Milliyet",
    "Haber Global",
    "Reuters",
    "Interfax",
]
KINDS = ["press", "official", "social_media", "video", "broadcast", "analysis"]
PLACES = ["Baku", "Fizuli", "Shusha", "Lachin", "Nakhchivan", "Stepanakert", "Agdam", "Kalbajar"]
VERBS = ["deploys", "withdraws", "reinforces", "inspects", "reports on", "announces", "patrols"]
UNITS = [
    "a mechanized battalion",
    "de-mining teams",
    "a liaison team",
    "an engineering company",
    "military police",
    "a helicopter detachment",
    "heavy fires",
    "a commando detachment",
]
WORDS = [
    "the",
    "contingent",
    "monitoring",
    "ceasefire",
    "line",
    "corridor",
    "resettlement",
    "headquarters",
    "mission",
    "command",
    "logistics",
    "convoy",
    "checkpoint",
    "airfield",
    "brigade",
    "reserve",
    "drills",
    "advisers",
]
LIKELIHOODS = [
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
CATEGORIES = ["personnel", "aircraft", "armoured vehicles", "units", "drones"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def fuzzy_date(rng: random.Random) -> tuple[str, str | None]:
    year = rng.randint(1990, 2021)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.70:
        return f"{year}-{month:02d}-{day:02d}", None
    if roll < 0.82:
        return f"{year}-{month:02d}", None
    if roll < 0.88:
        return str(year), None
    if roll < 0.92:
        return f"{year // 10 * 10}s", "during the decade"
    if roll < 0.96:
        return f"{rng.choice(['spring', 'summer', 'autumn', 'winter'])} {year}", None
    return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(day + 6, 28):02d}", "that week"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(events: int, seed: int = 181, claims: int | None = None) -> str:
    """A briefing of `events` events, `claims` claims (3 per event unless given), N/10 sources."""
    rng = random.Random(seed)
    n_sources = max(1, events // 10)
    n_forces = max(len(SIDES), events // 50)
    out = [
        "format: briefing/1",
        f"title: {q(f'Synthetic briefing, {events} events')}",
        "publication: Briefing benchmark",
        "as_of: 2021-01",
        "handling: UNCLASSIFIED // Synthetic test data",
        f"summary: {q(sentence(rng, 40))}",
        "key_judgments:",
        "  - text: Russia's presence is growing.",
        "    claims: [c1, c2]",
        "sides:",
    ]
    for side_id, name, colour in SIDES:
        out += [f"  - id: {side_id}", f"    name: {name}", f'    colour: "{colour}"']
    out.append("actors:")
    for i in range(1, 21):
        out += [f"  - id: a{i}", f"    name: {q(f'Actor {i}')}", f"    side: {SIDES[i % 4][0]}"]
    out.append("sources:")
    for i in range(1, n_sources + 1):
        date, _ = fuzzy_date(rng)
        out += [
            f"  - id: s{i}",
            f"    outlet: {q(rng.choice(OUTLETS))}",
            f"    date: {q(date)}",
            f"    kind: {rng.choice(KINDS)}",
            f"    reliability: {'ABCDEF'[i % 6]}",
        ]
        if i % 3 == 0:
            out.append(f"    url: {q(f'https://example.org/report/{i}')}")
    out.append("events:")
    for i in range(1, events + 1):
        date, date_text = fuzzy_date(rng)
        side, side_name, _ = rng.choice(SIDES)
        action = f"{rng.choice(VERBS)} {rng.choice(UNITS)}"
        title = f"{side_name} {action} near {rng.choice(PLACES)}"
        out += [f"  - id: e{i}", f"    date: {q(date)}"]
        if date_text:
            out.append(f"    date_text: {q(date_text)}")
        out += [
            f"    title: {q(title)}",
            f"    text: {q(sentence(rng, 12))}",
            f"    sides: [{side}]",
            f"    place: {q(rng.choice(PLACES))}",
            f"    sources: [s{rng.randint(1, n_sources)}, s{(i % n_sources) + 1}]",
        ]
    out.append("forces:")
    for i in range(1, n_forces + 1):
        side = SIDES[i % 4][0]
        if i % 7 == 0:
            out += [
                f"  - id: f{i}",
                f"    side: {side}",
                f"    category: {rng.choice(CATEGORIES)}",
                "    qualifier: unknown",
                f"    sources: [s{rng.randint(1, n_sources)}]",
            ]
            continue
        out += [
            f"  - id: f{i}",
            f"    side: {side}",
            f"    category: {rng.choice(CATEGORIES)}",
            f"    value: {rng.randint(1, 5000)}",
            f"    qualifier: {rng.choice(['exact', 'about', 'at_least', 'at_most'])}",
            f"    as_of: {q(fuzzy_date(rng)[0])}",
            f"    sources: [s{rng.randint(1, n_sources)}]",
        ]
    out.append("claims:")
    for i in range(1, (3 * events if claims is None else claims) + 1):
        kind = ("fact", "assessment", "forecast")[i % 3]
        out += [f"  - id: c{i}", f"    text: {q(sentence(rng, 12))}", f"    kind: {kind}"]
        if kind != "fact":
            out.append(f"    likelihood: {rng.choice(LIKELIHOODS)}")
        out += [f"    sources: [s{(i % n_sources) + 1}]", f"    events: [e{(i % events) + 1}]"]
        if i % 10 == 0:
            out.append(f"    forces: [f{(i % n_forces) + 1}]")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=181)
    parser.add_argument("--claims", type=int, help="number of claims (default: 3 per event)")
    args = parser.parse_args()
    Path(args.out).write_text(generate(args.events, args.seed, args.claims), encoding="utf-8")


if __name__ == "__main__":
    main()
