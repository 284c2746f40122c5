"""Malformed and hostile files in the real window: an error banner or the briefing, never a crash.

The loader's answers to these files are checked in tests/test_hostile_input.py and
tests/test_cli.py; here the window opens each one and must show either the briefing or a banner
of positioned errors, with no traceback anywhere and no exception escaping a slot (pytest-qt
fails the test on one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from PySide6.QtGui import QColor, QImage

from briefing.links import ItemKind
from briefing.ui.claims import TEXT, ClaimIdRole
from briefing.words import DISPLAY_LIMIT
from tests.conftest import briefing_data, briefing_yaml
from tests.test_hostile_input import BILLION_LAUGHS

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "yaml-test-suite-errors"
GOOD = briefing_yaml()
RTL_EMOJI = "שלום עליכם مرحبا 🛰️🇹🇷 Erdoğan"

# name → file bytes; each must give the banner (the loader refuses it).
REFUSED: dict[str, bytes] = {
    "alias-bomb": BILLION_LAUGHS.encode(),
    "deep-nesting": ("format: briefing/1\ntitle: " + "[" * 200_000 + "]" * 200_000).encode(),
    "binary-garbage": bytes(range(256)) * 64,
    "nul-byte": GOOD.replace("Test briefing", "Test\x00briefing").encode(),
    "latin-1": GOOD.replace("Turkey", "Türkiye").encode("latin-1"),
    "python-apply-tag": GOOD.replace(
        "title: Test briefing", "title: !!python/object/apply:os.system ['touch PWNED']"
    ).encode(),
    "python-object-tag": GOOD.replace(
        "title: Test briefing", "title: !!python/object:builtins.dict {}"
    ).encode(),
    "empty": b"",
    "only-a-bom": b"\xef\xbb\xbf",
}

# name → file bytes; each is a good briefing in an unusual dress and must load.
ACCEPTED: dict[str, bytes] = {
    "utf-16": GOOD.encode("utf-16"),
    "utf-8-bom": b"\xef\xbb\xbf" + GOOD.encode(),
    "crlf": GOOD.replace("\n", "\r\n").encode(),
}

POSITIONED = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): error: \S")


def assert_banner_not_traceback(window, path: Path) -> None:
    assert window.document.briefing is None
    assert window.banner_bar.isVisible(), path.name
    text = window.banner.text()
    assert f"Cannot show {path.name}" in text
    lines = text.splitlines()[1:]
    assert lines, text
    for line in lines:
        if line.startswith("… and"):
            continue
        match = POSITIONED.match(line)
        assert match and match["path"] == str(path), line
    problems = window.problems.row_texts()
    for shown in (text, window.status.text(), *problems):
        assert "Traceback" not in shown and 'File "' not in shown
    assert window.claims.row_count() == 0
    assert window.timeline.shown_event_ids() == set()


def open_in(window, qtbot, path: Path) -> None:
    with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
        window.open_file(path)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not beside the project")
def test_every_malformed_yaml_case_gets_a_banner_in_the_window(open_window, briefing_file, qtbot):
    window = open_window(briefing_file)
    cases = sorted(CORPUS.glob("*.yaml"))
    assert len(cases) > 40
    for case in cases:
        open_in(window, qtbot, case)
        assert_banner_not_traceback(window, case)
    # After all of them, a good file still opens and the banner goes away.
    open_in(window, qtbot, briefing_file)
    assert window.document.briefing is not None
    assert not window.banner_bar.isVisible()
    assert window.claims.row_count() == 4


def test_hostile_files_get_a_banner_and_run_nothing(open_window, briefing_file, qtbot, tmp_path):
    window = open_window(briefing_file)
    for name, data in REFUSED.items():
        path = tmp_path / f"{name}.yaml"
        path.write_bytes(data)
        open_in(window, qtbot, path)
        assert_banner_not_traceback(window, path)
    assert not list(Path.cwd().glob("PWNED")) and not (tmp_path / "PWNED").exists()


def test_a_hostile_save_over_a_good_file_keeps_the_last_good_view(window, qtbot, briefing_file):
    for name, data in REFUSED.items():
        with qtbot.waitSignal(window.document.loadFinished, timeout=10_000):
            briefing_file.write_bytes(data)
        assert window.document.briefing.title == "Test briefing", name
        assert window.claims.row_count() == 4, name
        assert "showing the last good version" in window.banner.text(), name


@pytest.mark.parametrize("name", ACCEPTED)
def test_good_briefings_in_other_encodings_and_line_ends_load(open_window, tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(ACCEPTED[name])
    window = open_window(path)
    assert window.document.briefing.title == "Test briefing"
    assert not window.banner_bar.isVisible()
    assert window.claims.row_count() == 4


def test_a_million_character_title_loads_and_the_window_stays_usable(open_window, tmp_path, qtbot):
    # One unbroken word: Qt lays such a word out in quadratic time, which froze the details
    # panel for over 5 minutes before words.clipped() bounded what a panel lays out.
    title = "x" * 999_992 + " the end"
    data = briefing_data(title=title)
    data["claims"][0]["text"] = title
    data["events"][0]["title"] = title
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=10**7), encoding="utf-8")
    # A load of a megabyte per field is slow on a busy machine; what this test guards is that
    # no panel lays out the whole word, which it checks by the length laid out, not by a clock.
    window = open_window(path, timeout=120_000)
    window.document.select(ItemKind.CLAIM, "c-mou")
    window.document.select(ItemKind.EVENT, "e-mou")
    assert not window.grab().isNull()
    assert len(window.details.text()) < 4 * DISPLAY_LIMIT
    assert window.document.briefing.title == title
    assert len(window.windowTitle()) < 400 and window.windowTitle().startswith("x" * 100)
    assert "(1,000,000 characters in all)" in window.details.text()
    assert window.claims.row_count() == 4


def _ink(image: QImage, background: QColor) -> int:
    """How many sampled pixels differ from the background: 0 for a blank grab."""
    step = 3
    return sum(
        1
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
        if image.pixelColor(x, y) != background
    )


def test_right_to_left_text_and_emoji_show_up_and_render(open_window, tmp_path, qtbot):
    data = briefing_data(title=RTL_EMOJI)
    data["claims"][0]["text"] = RTL_EMOJI
    data["events"][0]["title"] = RTL_EMOJI
    data["sides"][0]["name"] = RTL_EMOJI
    path = tmp_path / "rtl.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    window = open_window(path)

    assert RTL_EMOJI in window.windowTitle()
    proxy = window.claims.proxy
    texts = {proxy.index(r, 0).data(ClaimIdRole): proxy.index(r, TEXT).data() for r in range(4)}
    assert texts["c-mou"] == RTL_EMOJI
    assert RTL_EMOJI in window.timeline.marks.marks.titles
    assert RTL_EMOJI in {a.text() for a in window.filter_bar.sides.menu().actions()}

    window.document.select(ItemKind.CLAIM, "c-mou")
    assert RTL_EMOJI in window.details.text()
    qtbot.waitUntil(lambda: window.details.browser.isVisible())
    viewport = window.details.browser.viewport()
    image = viewport.grab().toImage()
    assert not image.isNull() and image.width() > 50
    background = viewport.palette().color(viewport.backgroundRole())
    assert _ink(image, background) > 50, "the details of an RTL/emoji claim rendered blank"
    # The right-to-left line is laid out right to left: its first letter is on the right.
    block = window.details.browser.document().begin()
    assert block.text() == RTL_EMOJI
    assert block.layout().lineAt(0).naturalTextWidth() > 0
    assert not window.grab().isNull()
