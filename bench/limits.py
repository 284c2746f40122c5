"""Time and peak memory of the inputs in issue #12's class 3, each a `briefing` command run alone.

    .venv/bin/python bench/limits.py [--events 60000] [--rows 1000000]

Inputs (written to a temporary folder): 5 MB of `- {}` events; a generated briefing, clean and
with one typo; a CSV of 100,000 rows whose side names all have one slug; a CSV of ROWS rows.
Prints `name: seconds, peak MiB, exit code` per command; the typo should cost about what the
clean file does, and nothing should grow faster than its input.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # dropped from a slug


def write_inputs(folder: Path, events: int, rows: int) -> dict[str, list[str]]:
    empties = folder / "empties.yaml"
    empties.write_text("format: briefing/1\ntitle: t\nevents:\n" + "- {}\n" * 1_000_000)
    clean = folder / "big.yaml"
    clean.write_text(generate(events, 181), encoding="utf-8")
    typo = folder / "typo.yaml"
    typo.write_text(
        clean.read_text(encoding="utf-8").replace("reliability: B", "reliability: Z", 1),
        encoding="utf-8",
    )
    same = folder / "same-slug.csv"
    with same.open("w", encoding="utf-8") as out:
        out.write("date,title,side\n")
        for n in range(100_000):
            out.write(f"2020-01-01,Event {n},{f'a {n}'.translate(ARABIC_DIGITS)}\n")
    many = folder / "rows.csv"
    with many.open("w", encoding="utf-8") as out:
        out.write("date,title,side,source\n")
        for n in range(rows):
            out.write(f"2020-{n % 12 + 1:02d}-{n % 28 + 1:02d},Event {n},Side {n % 4},")
            out.write(f"https://e.org/{n % 1000}\n")
    return {
        "5 MB of - {}": ["validate", str(empties)],
        f"clean, {events} events": ["validate", str(clean)],
        f"one typo, {events} events": ["validate", str(typo)],
        "100,000 sides, one slug": ["import", str(same), "-o", str(folder / "o1.yaml")],
        f"{rows:,}-row CSV": ["import", str(many), "-o", str(folder / "o2.yaml")],
    }


def measure(args: list[str]) -> tuple[float, float, int]:
    """Seconds, peak MiB (of this child alone, by /proc's VmHWM) and exit code."""
    script = (
        "import re, sys; from briefing.cli import main; code = main(sys.argv[1:]);"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1];"
        "print(int(hwm) // 1024, file=sys.stderr); sys.exit(code)"
    )
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT
    )
    seconds = time.perf_counter() - start
    peak = float(run.stderr.strip().splitlines()[-1]) if run.stderr.strip() else float("nan")
    return seconds, peak, run.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=60_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as folder:
        for name, args in write_inputs(Path(folder), options.events, options.rows).items():
            seconds, peak, code = measure(args)
            print(f"{name}: {seconds:.1f} s, {peak:.0f} MiB peak, exit {code}", flush=True)


if __name__ == "__main__":
    main()
