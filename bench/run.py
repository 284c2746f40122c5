"""Benchmark runner: every figure as a ratio to a baseline measured in the same run.

    make bench            (or: .venv/bin/python bench/run.py)

Prints one line per figure, `name: value (goal: ...)`, and writes bench/results.json with each
figure's value, baseline, ratio, goal and whether it is met. Absolute times on shared machines
are noisy; a ratio taken in one run is not.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402

RESULTS = ROOT / "bench" / "results.json"
PYTHON = sys.executable


@dataclass
class Figure:
    name: str
    value: float
    baseline: float
    ratio: float
    goal: str
    met: bool
    unit: str
    note: str = ""

    def line(self) -> str:
        verdict = "met" if self.met else "NOT met"
        note = f"; {self.note}" if self.note else ""
        return (
            f"{self.name}: {self.value:.3f} {self.unit} vs baseline {self.baseline:.3f} {self.unit}"
            f" = {self.ratio:.3f}x (goal: {self.goal}; {verdict}){note}"
        )


def best_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of a few runs: robust to one slow outlier on a noisy machine."""
    return statistics.median(measure() for _ in range(runs))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def figure_load(work: Path) -> Figure:
    import yaml

    from briefing.loader import load_path

    path = work / "load-10000.yaml"
    path.write_text(generate(10_000), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    size_mb = path.stat().st_size / 1e6
    baselines, values = [], []
    for _ in range(3):  # interleaved, so both see the same machine
        baselines.append(timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader)))
        result = None

        def load() -> None:
            nonlocal result
            result = load_path(path)

        values.append(timed(load))
        assert result is not None and result.ok and not result.problems
    baseline, value = statistics.median(baselines), statistics.median(values)
    ratio = value / baseline
    return Figure(
        "load_10k_events",
        value,
        baseline,
        ratio,
        "<= 0.10 x PyYAML C loader parse",
        ratio <= 0.10,
        "s",
        f"{size_mb:.1f} MB, 10,000 events, 30,000 claims, 1,000 sources; load includes validation",
    )


FIGURES: list[Callable[[Path], Figure]] = [figure_load]


def main() -> int:
    figures = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        for measure in FIGURES:
            figure = measure(Path(tmp))
            print(figure.line(), flush=True)
            figures.append(figure)
    report = {
        "machine": {
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
            "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        },
        "figures": {f.name: asdict(f) for f in figures},
    }
    tmp_out = RESULTS.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp_out, RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
