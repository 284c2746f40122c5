"""The wheel, installed outside the source tree, carries everything the app ships: it exports a
PDF with the bundled fonts, opens the bundled briefing and shows the format reference and icon.

The wheel is built offline with the venv's own setuptools (`--no-build-isolation`) from a copy of
the tree, and installed with `--no-deps` into a fresh venv; the project's dependencies come from
the running venv's site-packages through a .pth file. That file adds a folder to sys.path without
running the .pth files inside it, so the running venv's editable `briefing` stays out of sight.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from briefing.resources import bundled_briefing, bundled_root, font_file, format_reference
from tests.export.test_pdf_fonts import EMPTY_FONTCONFIG, pdf_fonts

ROOT = Path(__file__).resolve().parent.parent
# What a build needs from the tree: the metadata, the package and the folders mapped into it.
PIP = (sys.executable, "-m", "pip")
BUILD_INPUTS = ("pyproject.toml", "README.md", "briefing", "data", "resources", "docs")

# Run inside the installed venv: where briefing and its files are, and what the window shows.
PROBE = """
import json, sys, tempfile
from pathlib import Path

import briefing
from briefing.resources import bundled_briefing, bundled_root, format_reference
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from briefing.ui.main_window import MainWindow, app_icon

app = QApplication([])
with tempfile.TemporaryDirectory() as folder:
    settings = QSettings(str(Path(folder) / "briefing.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, restore=False)
    window.open_file_now(bundled_briefing())
    document = window.document
    json.dump({
        "package": briefing.__file__,
        "root": str(bundled_root()),
        "bundled": str(bundled_briefing()),
        "title": document.briefing.title if document.briefing else None,
        "errors": [str(problem) for problem in document.errors],
        "reference": format_reference().read_text(encoding="utf-8")[:2000],
        "icon": not app_icon().isNull(),
    }, sys.stdout)
    window.watcher.stop()
"""


def shipped_files() -> list[str]:
    """Every file the app finds through briefing/resources.py, relative to `bundled_root()`."""
    root = bundled_root()
    named = [bundled_briefing(), format_reference(), *(root / "resources").rglob("*")]
    return sorted(str(path.relative_to(root)) for path in named if path.is_file())


def test_the_source_tree_finds_its_files_beside_the_package():
    assert bundled_root() == ROOT
    assert bundled_briefing() == ROOT / "data" / "karabakh-2020.yaml"
    assert font_file("DejaVuSans.ttf").is_file()
    assert "resources/icons/briefing.svg" in shipped_files()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A wheel of the tree, installed into a fresh venv; its python, its briefing and a cwd."""
    base = tmp_path_factory.mktemp("wheel")
    tree = base / "tree"
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            tree.mkdir(exist_ok=True)
            shutil.copy2(source, tree / name)
    built = subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(base / "dist"),
            str(tree),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, (
        "cannot build the wheel (the test extra brings setuptools>=77 into the venv):\n"
        + built.stderr[-3000:]
    )
    [wheel] = (base / "dist").glob("briefing-*.whl")

    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [*PIP, "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    ask = [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    site = Path(subprocess.run(ask, capture_output=True, text=True, check=True).stdout.strip())
    ours = dict.fromkeys(sysconfig.get_path(kind) for kind in ("purelib", "platlib"))
    (site / "briefing-test-dependencies.pth").write_text("".join(f"{p}\n" for p in ours))

    cwd = base / "elsewhere"
    cwd.mkdir()
    return {"wheel": wheel, "python": python, "bin": python.parent, "cwd": cwd, "site": site}


def run_installed(installed: dict[str, Path], *args: str) -> subprocess.CompletedProcess:
    """A command of the installed venv, from a folder outside the tree, with no PYTHONPATH (so the
    tree's `briefing` cannot be imported) and no system fonts (so only bundled ones can print)."""
    config = installed["cwd"] / "empty-fonts.conf"
    config.write_text(EMPTY_FONTCONFIG)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "DISPLAY", "FONTCONFIG_PATH", "VIRTUAL_ENV")
    }
    env.update(FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        args, capture_output=True, text=True, cwd=installed["cwd"], env=env, timeout=120
    )


@pytest.mark.slow
def test_the_wheel_holds_every_module_of_the_tree(installed):
    with zipfile.ZipFile(installed["wheel"]) as wheel:
        held = {name for name in wheel.namelist() if name.endswith(".py")}
    tree = {str(p.relative_to(ROOT).as_posix()) for p in (ROOT / "briefing").rglob("*.py")}
    assert tree - held == set()


@pytest.mark.slow
def test_the_installed_app_opens_the_bundled_briefing_with_its_files(installed):
    probe = run_installed(installed, str(installed["python"]), "-c", PROBE)
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout)
    site = installed["site"]
    assert Path(seen["package"]).is_relative_to(site)  # not the source tree's package
    root = Path(seen["root"])
    assert root == site / "briefing" / "bundled"
    assert [name for name in shipped_files() if not (root / name).is_file()] == []
    assert seen["title"] and seen["errors"] == []
    assert "briefing/1" in seen["reference"]
    assert seen["icon"]

    validated = run_installed(
        installed, str(installed["bin"] / "briefing"), "validate", seen["bundled"]
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr

    shot = installed["cwd"] / "window.png"
    opened = run_installed(
        installed, str(installed["bin"] / "briefing"), "open", "--screenshot", str(shot)
    )
    assert opened.returncode == 0, opened.stderr
    assert shot.stat().st_size > 0


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils missing")
def test_the_installed_app_exports_a_pdf_in_the_bundled_fonts(installed):
    out = installed["cwd"] / "karabakh.pdf"
    probe = "from briefing.resources import bundled_briefing; print(bundled_briefing())"
    source = run_installed(installed, str(installed["python"]), "-c", probe).stdout.strip()
    done = run_installed(
        installed, str(installed["bin"] / "briefing"), "export", source, "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    fonts = pdf_fonts(out)
    assert ("DejaVuSans", "yes") in fonts
    assert all(emb == "yes" for _, emb in fonts), fonts
