"""Where the files shipped with the app are: the bundled briefing, the fonts, the icons and the
format reference, in the source tree, an installed wheel or the frozen app.

Two layouts, one lookup. A wheel carries data/, resources/ and docs/format.md inside the package,
as briefing/bundled/ (pyproject.toml maps the top-level folders there). The source tree keeps them
beside the package, and so does the frozen app (packaging/briefing.spec copies them to the top of
its _internal/ folder, where the package is too). Every path below comes from `bundled_root`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The folder inside the installed package that holds the top-level data/, resources/ and docs/.
INSTALLED = "bundled"


def bundled_root() -> Path:
    """The folder holding data/, resources/ and docs/: inside the package once installed from a
    wheel, else the folder the package sits in (the source tree, or the frozen app's)."""
    # Every layout we ship is a folder on disk, so the package's Traversable is a real Path.
    package = Path(str(files(__package__ or "briefing")))
    installed = package / INSTALLED
    return installed if installed.is_dir() else package.parent


def bundled_briefing() -> Path:
    """The briefing shipped with the app, opened when no file is named."""
    return bundled_root() / "data" / "karabakh-2020.yaml"


def format_reference() -> Path:
    """docs/format.md, shown by Help > Format reference."""
    return bundled_root() / "docs" / "format.md"


def icon_file() -> Path:
    """The app's icon, as SVG."""
    return bundled_root() / "resources" / "icons" / "briefing.svg"


def font_file(name: str) -> Path:
    """A font shipped in resources/fonts, by file name."""
    return bundled_root() / "resources" / "fonts" / name
