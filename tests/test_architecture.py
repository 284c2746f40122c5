"""The model, the loader and `briefing validate` need no Qt: validating stays fast and headless."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NO_QT = """
import contextlib, io, sys
import briefing.model, briefing.dates, briefing.loader, briefing.checks, briefing.writer
import briefing.words, briefing.tooltips, briefing.filters, briefing.links, briefing.derived
import briefing.loading, briefing.timeline_layout
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(["validate", sys.argv[1]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"})
print(status, ",".join(loaded))
"""


def test_validate_imports_no_qt_module(tmp_path):
    from tests.test_loader import BUNDLED

    out = subprocess.run(
        [sys.executable, "-c", NO_QT, str(BUNDLED)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0"], "validate failed or loaded Qt: " + out.stdout


PAPER_WITHOUT_WIDGETS = """
import sys
from briefing.export.pdf import export_pdf
from briefing.loader import load_path
export_pdf(load_path(sys.argv[1]).briefing, sys.argv[2])
print(",".join(sorted(m for m in sys.modules if m in {"PySide6.QtWidgets", "pyqtgraph"})))
"""


def test_pdf_export_loads_no_widgets_and_no_plotting_library(tmp_path):
    """Paper draws with QtGui alone: the export runs where no widget toolkit could start."""
    from tests.test_loader import BUNDLED

    out = subprocess.run(
        [sys.executable, "-c", PAPER_WITHOUT_WIDGETS, str(BUNDLED), str(tmp_path / "b.pdf")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip() == "", "the PDF export loaded " + out.stdout


def test_every_module_of_the_window_package_uses_qt():
    """ui/ holds only Qt code: what needs no Qt lives beside the model, where the PDF and the
    CLI can use it without importing the window's package."""
    import ast

    ui = ROOT / "briefing" / "ui"
    without_qt = []
    for path in sorted(ui.glob("*.py")):
        if path.name == "__init__.py":
            continue
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        if "PySide6" not in imported:
            without_qt.append(path.name)
    assert without_qt == []


def test_import_contracts_are_kept():
    """import-linter's contracts in pyproject.toml: the Qt-free core, the chart vocabulary and
    paper stay apart from the window."""
    out = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout[-2000:]
    assert "0 broken" in out.stdout


WARNING_TEST = """
import warnings
def test_warns():
    warnings.warn("left behind", DeprecationWarning)
"""


def test_a_python_warning_fails_a_test(tmp_path):
    """pyproject.toml's filterwarnings = error holds: a test that warns fails."""
    (tmp_path / "test_warns.py").write_text(WARNING_TEST)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1, out.stdout[-2000:]
    assert "1 failed" in out.stdout


VALIDATE_ONLY = """
import contextlib, io, sys
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(["validate", sys.argv[1]])
unused = {"briefing.output", "briefing.resources", "secrets", "tempfile", "traceback"}
print(status, ",".join(sorted(unused & set(sys.modules))))
"""


def test_validate_imports_nothing_it_does_not_use():
    """`briefing validate` writes no file and needs no bundled data: what only writing needs
    (random names for temporary files) and the resource lookup stay unimported."""
    from tests.test_loader import BUNDLED

    out = subprocess.run(
        [sys.executable, "-c", VALIDATE_ONLY, str(BUNDLED)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["0"], "validate failed or imported " + out.stdout


CLEAN_VALIDATE = """
import contextlib, io, sys
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(["validate", sys.argv[1]])
print(status, ",".join(sorted(m for m in sys.modules if m.split(".")[0] in {"yaml", "difflib"})))
"""


def test_validating_a_clean_file_imports_no_pyyaml(tmp_path):
    """A file with no problem is read by the fast path alone (yaml-rs): PyYAML, which only the
    exact path and the positions of problems need, and the near-miss hints stay unimported."""
    from bench.generate import generate

    clean = tmp_path / "clean.yaml"
    clean.write_text(generate(20, 1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CLEAN_VALIDATE, str(clean)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["0"], "validate failed or imported " + out.stdout
