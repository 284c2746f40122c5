"""Which characters the PDF prints, and from which fonts, with the machine's fonts hidden.

Each export runs `briefing export` in a process of its own whose fontconfig has an empty
configuration, so Qt sees no system font: what prints comes from resources/fonts alone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from tests.export.test_pdf import ROOT, needs_poppler, pdf_text

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig></fontconfig>
"""

REGION = {
    "turkish": "İbrahim Kalın, Recep Tayyip Erdoğan, Yeni Şafak",
    "azerbaijani": "Azərbaycan Respublikası, Şuşa",
    "russian": "Российский миротворческий контингент",
    "armenian": "Հայաստանի Հանրապետություն",
    "georgian": "საქართველოს თავდაცვის სამინისტრო",
    "arabic": "قره باغ آذربایجان",
}


def export_without_system_fonts(source: Path, out: Path) -> subprocess.CompletedProcess:
    config = source.parent / "empty-fonts.conf"
    config.write_text(EMPTY_FONTCONFIG)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "FONTCONFIG_PATH")}
    env.update(FONTCONFIG_FILE=str(config), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name without its subset tag, emb column) of every font in the file."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    return [(row.split()[0].split("+")[-1], row.split()[-5]) for row in rows]


def readable(text: str) -> str:
    """pdftotext's text with Arabic presentation forms folded to letters, bidi marks dropped."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if unicodedata.category(c) != "Cf")


@needs_poppler
def test_the_regions_scripts_print_from_the_shipped_fonts(briefings, tmp_path):
    data = briefings.data(title=REGION["turkish"], summary=REGION["azerbaijani"])
    data["events"][0]["title"] = REGION["russian"]
    data["events"][1]["text"] = REGION["armenian"]
    data["claims"][0]["text"] = REGION["georgian"]
    data["claims"][1]["text"] = REGION["arabic"]
    # notes print in italic: DejaVu's oblique faces have no Arabic, the fallback has
    data["sources"][0]["note"] = " ".join(REGION.values())
    source = briefings.write(tmp_path / "region.yaml", **data)
    out = tmp_path / "region.pdf"
    done = export_without_system_fonts(source, out)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    fonts = pdf_fonts(out)
    assert fonts
    for name, embedded in fonts:
        assert embedded == "yes", name
        assert name.startswith(("DejaVuSans", "NotoSansArabic")), name
    text = readable(pdf_text(out))
    for script, words in REGION.items():
        for word in words.replace(",", "").split():
            # every word twice: where the field prints, and in the italic note
            assert text.count(word) >= 2, (script, word)


@needs_poppler
def test_characters_no_font_has_are_named_once_per_field(briefings, tmp_path):
    data = briefings.data()
    data["events"][3]["title"] = "Drones paraded 한국 한국"
    data["claims"][2]["note"] = "Seen on video 🪖"
    source = briefings.write(tmp_path / "boxes.yaml", **data)
    out = tmp_path / "boxes.pdf"
    done = export_without_system_fonts(source, out)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"{source}: warning: events[3].title: cannot print 한국 (no font has them)",
        f"{source}: warning: claims[2].note: cannot print 🪖 (no font has them)",
    ]
    assert re.search(r": \d+ pages$", done.stderr.strip())
    assert out.read_bytes().startswith(b"%PDF-")
