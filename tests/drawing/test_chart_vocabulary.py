"""The chart vocabulary lives once, in briefing/drawing, and needs no widgets."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing

PACKAGE = Path(briefing.__file__).parent


# The modules that draw charts. loading.py's `pack` (pickled pieces) and export/charts.py's
# `pack` (rows into pages) share a name, not a job, so the whole folders are not compared.
SCREEN = ("ui/timeline.py", "ui/forces.py", "ui/colours.py", "ui/theme.py")
PAPER = ("export/charts.py", "export/pdf.py")


def _top_level_names(paths: list[Path]) -> dict[str, str]:
    """Functions and classes defined at the top level of these modules, with their file."""
    names: dict[str, str] = {}
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.setdefault(node.name, path.name)
    return names


def test_no_function_or_class_is_defined_both_for_the_screen_and_for_paper() -> None:
    screen = _top_level_names([PACKAGE / name for name in SCREEN])
    paper = _top_level_names([PACKAGE / name for name in PAPER])
    twice = {name: (screen[name], paper[name]) for name in screen.keys() & paper.keys()}
    assert twice == {}, f"defined under both ui/ and export/: {twice}"


def test_the_vocabulary_is_defined_in_drawing_and_nowhere_else() -> None:
    drawing = _top_level_names(sorted((PACKAGE / "drawing").glob("*.py")))
    elsewhere = _top_level_names(
        [*(PACKAGE / "ui").glob("*.py"), *(PACKAGE / "export").glob("*.py")]
    )
    assert {"side_colours", "event_lanes", "paint_figure_mark", "date_ticks"} <= drawing.keys()
    assert drawing.keys() & elsewhere.keys() == set()


def test_drawing_needs_at_most_qtgui() -> None:
    imported: set[str] = set()
    for path in (PACKAGE / "drawing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    qt = {name for name in imported if name.startswith(("PySide6", "pyqtgraph", "shiboken6"))}
    assert qt <= {"PySide6.QtCore", "PySide6.QtGui"}, qt
    assert not any(name.startswith(("briefing.ui", "briefing.export")) for name in imported)
