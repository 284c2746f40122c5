"""Benchmark runner: every figure as a ratio to a baseline measured in the same run.

    make bench            (or: .venv/bin/python bench/run.py)
    .venv/bin/python bench/run.py validate frames     (only the figures named so)

Prints one line per figure, `name: value (goal: ...)`, and writes bench/results.json with each
figure's value, baseline, ratio, goal and whether it is met. Absolute times on shared machines
are noisy; a ratio taken in one run is not.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
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
    met: bool | None  # None: not measured (the frozen app not built)
    unit: str
    note: str = ""

    def line(self) -> str:
        if self.note == "not built":
            return f"{self.name}: not built (goal: {self.goal}; run `make package` first)"
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

    path = bench_briefing(work)
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


def child_environment() -> dict[str, str]:
    """The environment of every measured process: offscreen, and free to write its .pyc files,
    so that the warm-up run compiles the project as an install does and no timed run compiles
    it again (with PYTHONDONTWRITEBYTECODE set, each start compiled briefing/ anew: 0.1-0.4 s,
    which the baselines, loaded from the installed packages' .pyc files, never paid)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def probe(*args: str) -> dict:
    """Run one bench/ui_probe.py measurement in a fresh process; its last line is JSON."""
    env = child_environment()
    run = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "ui_probe.py"), *args],
        capture_output=True, text=True, timeout=600, env=env, check=True,
    )  # fmt: skip
    return json.loads(run.stdout.strip().splitlines()[-1])


def wall_time(*args: str) -> float:
    """Seconds from starting a probe process to its exit (start-up probes exit on first paint)."""
    env = child_environment()
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "ui_probe.py"), *args],
        capture_output=True, timeout=120, env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def figure_startup(work: Path) -> Figure:
    bundled = str(ROOT / "data" / "karabakh-2020.yaml")
    # Warm the file cache and compile any stale .pyc files, for both, before timing.
    wall_time("startup-baseline")
    wall_time("startup-app", bundled)
    baselines, values = [], []
    for _ in range(7):
        baselines.append(wall_time("startup-baseline"))
        values.append(wall_time("startup-app", bundled))
    baseline, value = statistics.median(baselines), statistics.median(values)
    ratio = value / baseline
    return Figure(
        "cold_start_first_paint",
        value,
        baseline,
        ratio,
        "<= 1.15 x a bare PySide6 window with one pyqtgraph plot",
        ratio <= 1.15,
        "s",
        "process start to the first paint with the bundled briefing on screen; median of 7",
    )


def hundred_thousand(work: Path) -> Path:
    """The 100,000-event briefing (one claim per event, to stay a loadable size), made once."""
    path = work / "events-100000.yaml"
    if not path.exists():
        path.write_text(generate(100_000, claims=100_000), encoding="utf-8")
    return path


def figure_frames(work: Path) -> Figure:
    small, large = work / "frames-100.yaml", hundred_thousand(work)
    small.write_text(generate(100), encoding="utf-8")
    baselines, values = [], []
    for _ in range(3):
        baselines.append(probe("frames", str(small))["frame_ms"])
        values.append(probe("frames", str(large))["frame_ms"])
    baseline, value = min(baselines), min(values)
    ratio = value / baseline
    return Figure(
        "timeline_frame_100k_events",
        value,
        baseline,
        ratio,
        "<= 1.5 x the time per frame with 100 events",
        ratio <= 1.5,
        "ms",
        "median zoom/pan step plus repaint; 100,000 events (100,000 claims) vs 100 events; "
        "best of 3 runs each",
    )


def figure_stall(work: Path) -> Figure:
    path = work / "stall-10000.yaml"
    path.write_text(generate(10_000), encoding="utf-8")
    result = probe("stall", str(path))
    value = result["max_stall_ms"]
    return Figure(
        "ui_stall_loading_10k_events",
        value,
        100.0,
        value / 100.0,
        "no UI stall over 100 ms while a 10,000-event briefing loads",
        value <= 100.0,
        "ms",
        f"longest gap of a 5 ms UI timer from open to 300 ms after load; load took "
        f"{result['load_s']:.1f} s",
    )


def figure_export(work: Path) -> Figure:
    from briefing.export.pdf import export_pdf
    from briefing.loader import load_path

    bundled = load_path(ROOT / "data" / "karabakh-2020.yaml").briefing
    path = work / "export-1000.yaml"
    path.write_text(generate(1_000), encoding="utf-8")
    large = load_path(path).briefing
    assert bundled is not None and large is not None
    export_pdf(bundled, work / "warm.pdf")  # fonts and Qt start once, outside the timing
    baseline = best_of(3, lambda: timed(lambda: export_pdf(bundled, work / "bundled.pdf")))
    pages: list[int] = []
    value = timed(lambda: pages.append(export_pdf(large, work / "large.pdf")))
    ratio = value / baseline
    return Figure(
        "pdf_export_1000_events",
        value,
        baseline,
        ratio,
        "<= 10 x the export time of the bundled briefing",
        ratio <= 10.0,
        "s",
        f"1,000 events, 3,000 claims: {pages[0]} pages, vs the bundled briefing",
    )


def process_time(*command: str) -> float:
    """Seconds from starting a process to its exit; it must succeed."""
    start = time.perf_counter()
    subprocess.run(
        list(command), capture_output=True, timeout=600, check=True, cwd=ROOT,
        env=child_environment(),
    )  # fmt: skip
    return time.perf_counter() - start


def median_of_pairs(pairs: int, baseline: Callable[[], float], value: Callable[[], float]):
    """Baseline and value taken in turns, so both see the same machine; the median of each."""
    baseline(), value()  # warm the file cache and any stale .pyc files first
    baselines, values = [], []
    for _ in range(pairs):
        baselines.append(baseline())
        values.append(value())
    return statistics.median(baselines), statistics.median(values)


def bench_briefing(work: Path) -> Path:
    """The 10,000-event bench briefing (what load_10k_events reads), written once."""
    path = work / "load-10000.yaml"
    if not path.exists():
        path.write_text(generate(10_000), encoding="utf-8")
    return path


def figure_validate_process(work: Path) -> Figure:
    path = bench_briefing(work)
    parse = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
    baseline, value = median_of_pairs(
        5,
        lambda: process_time(PYTHON, "-c", parse, str(path)),
        lambda: process_time(PYTHON, "-m", "briefing", "validate", "-q", str(path)),
    )
    ratio = value / baseline
    return Figure(
        "validate_process_10k_events",
        value,
        baseline,
        ratio,
        "<= 0.08 x a process that only parses it with PyYAML's C loader",
        ratio <= 0.08,
        "s",
        "`briefing validate` of the 10,000-event briefing, whole process; median of 5 pairs",
    )


def figure_screenshot_process(work: Path) -> Figure:
    big = bench_briefing(work)
    bundled = ROOT / "data" / "karabakh-2020.yaml"
    env = child_environment()

    def screenshot(path: Path) -> float:
        out = work / f"shot-{path.stem}.png"
        start = time.perf_counter()
        command = [PYTHON, "-m", "briefing", "open", str(path), "--screenshot", str(out)]
        subprocess.run(command, capture_output=True, timeout=600, env=env, check=True, cwd=ROOT)
        return time.perf_counter() - start

    baseline, value = median_of_pairs(5, lambda: screenshot(bundled), lambda: screenshot(big))
    ratio = value / baseline
    return Figure(
        "cold_screenshot_10k_events",
        value,
        baseline,
        ratio,
        "<= 1.3 x the same for the bundled briefing",
        ratio <= 1.3,
        "s",
        "`briefing open FILE --screenshot`, whole process, 10,000 events vs the bundled "
        "briefing; median of 5 pairs",
    )


def frozen_size_mb() -> float | None:
    """The frozen app's size on disk (dist/briefing-*/), or None when it is not built."""
    folders = [p for p in sorted((ROOT / "dist").glob("briefing-*")) if p.is_dir()]
    if not folders:
        return None
    files = (p for p in folders[-1].rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def figure_frozen_size(work: Path) -> Figure:
    size = frozen_size_mb()
    goal = "<= 150 MB on disk"
    if size is None:
        return Figure("frozen_app_size", 0.0, 150.0, 0.0, goal, None, "MB", "not built")
    return Figure(
        "frozen_app_size", size, 150.0, size / 150.0, goal, size <= 150.0, "MB",
        "dist/briefing-VERSION/ (make package)",
    )  # fmt: skip


def figure_memory(work: Path) -> Figure:
    result = probe("memory", str(hundred_thousand(work)))
    value = result["peak_mib"]
    return Figure(
        "peak_memory_100k_events",
        value,
        1024.0,
        value / 1024.0,
        "reported, and under 1 GiB with 100,000 events open",
        value < 1024.0,
        "MiB",
        "peak resident memory (VmHWM) of the window with 100,000 events and 100,000 claims",
    )


FIGURES: list[Callable[[Path], Figure]] = [
    figure_load,
    figure_validate_process,
    figure_screenshot_process,
    figure_startup,
    figure_frames,
    figure_stall,
    figure_export,
    figure_memory,
    figure_frozen_size,
]


def main(names: list[str]) -> int:
    """Every figure, or those whose function names hold one of `names` (figures not run this
    time keep their last entry in results.json)."""
    chosen = [f for f in FIGURES if not names or any(n in f.__name__ for n in names)]
    if not chosen:
        print(f"run.py: no figure matches {' '.join(names)}", file=sys.stderr)
        return 2
    figures = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        for measure in chosen:
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
    if names and RESULTS.exists():
        report["figures"] = {**json.loads(RESULTS.read_text())["figures"], **report["figures"]}
    tmp_out = RESULTS.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp_out, RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
