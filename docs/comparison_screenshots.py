"""Screenshots of a comparison with an earlier version, for the docs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/comparison_screenshots.py OUT_FOLDER

tradecraft.png: data/example-tradecraft.yaml compared with an edited copy, the Alternatives tab
above the Assumptions tab (kept as docs/screenshot-tradecraft.png). karabakh.png: the bundled
briefing compared with a copy in which an event, a figure, a claim and a source were added,
removed and changed, the claims above the sources (kept as docs/screenshot-comparison.png).
"""

import copy
import sys
from pathlib import Path

import yaml
from PySide6.QtGui import QImage, QPainter

from briefing.ui.app import application, settle
from briefing.ui.main_window import MainWindow

OUT = Path(sys.argv[1])
app = application()


def dump(path, data):
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def window_on(path, earlier):
    w = MainWindow()
    w.resize(1366, 768)
    w.show()
    w.open_file_now(str(path))
    settle(300)
    assert w.compare_with_file(str(earlier))
    settle(300)
    return w


def grab(w, raise_dock):
    raise_dock.raise_()
    settle(300)
    w.timeline.reset_view()
    settle(100)
    return w.grab().toImage()


def stack(images, out):
    h = sum(i.height() for i in images)
    result = QImage(images[0].width(), h, QImage.Format.Format_RGB32)
    p = QPainter(result)
    y = 0
    for i in images:
        p.drawImage(0, y, i)
        y += i.height()
    p.end()
    result.save(str(out))


# 1. the tradecraft example against an earlier version
tc = yaml.safe_load(Path("data/example-tradecraft.yaml").read_text())
old = copy.deepcopy(tc)
old["claims"] = [c for c in old["claims"] if c["id"] != "c-centre"]
old["claims"][0]["likelihood"] = "roughly even chance"
old["claims"].append(
    {
        "id": "c-talks",
        "text": "Ankara and Moscow agreed a joint patrol schedule.",
        "kind": "fact",
        "sources": ["edm"],
    }
)
old["key_judgments"][0]["confidence"] = "low"
old["alternatives"][1]["likelihood"] = "roughly even chance"
old["indicators"] = [i for i in old["indicators"] if i["id"] != "i-drill"]
earlier = dump(OUT / "earlier.yaml", old)
w = window_on(Path("data/example-tradecraft.yaml").resolve(), earlier)
stack([grab(w, w.alternatives_dock), grab(w, w.assumptions_dock)], OUT / "tradecraft.png")

# 2. Karabakh: an event, a figure, a claim, a source added, removed and changed
k = yaml.safe_load(Path("data/karabakh-2020.yaml").read_text())
now, old = copy.deepcopy(k), copy.deepcopy(k)
now["sources"].append(
    {
        "id": "s-new",
        "outlet": "Hurriyet Daily News",
        "date": "2020-12-10",
        "kind": "press",
        "reliability": "C",
    }
)
now["events"].append(
    {
        "id": "e-new",
        "date": "2020-12-10",
        "title": "Joint centre staffed",
        "sides": [k["sides"][0]["id"]],
        "sources": ["s-new"],
    }
)
now["forces"].append(
    {
        "id": "f-new",
        "side": k["sides"][0]["id"],
        "category": k["forces"][0]["category"],
        "value": 120,
        "qualifier": "about",
        "sources": ["s-new"],
    }
)
now["claims"].append(
    {
        "id": "c-new",
        "text": "The joint centre has 60 staff from each side.",
        "kind": "fact",
        "sources": ["s-new"],
    }
)
old["sources"].append({"id": "s-gone", "outlet": "Sabah", "kind": "press", "reliability": "D"})
old["events"].append(
    {
        "id": "e-gone",
        "date": "2020-11-20",
        "title": "Talks in Sochi",
        "sides": [k["sides"][1]["id"]],
        "sources": ["s-gone"],
    }
)
old["forces"].append(
    {
        "id": "f-gone",
        "side": k["sides"][0]["id"],
        "category": k["forces"][0]["category"],
        "value": 50,
        "qualifier": "exact",
        "sources": ["s-gone"],
    }
)
old["claims"].append(
    {"id": "c-gone", "text": "Talks in Sochi failed.", "kind": "fact", "sources": ["s-gone"]}
)
old["events"][6]["title"] = "Russian troops move in"
old["forces"][0]["value"] = 1500
c = next(c for c in old["claims"] if c.get("likelihood"))
c["likelihood"] = "almost certain" if c["likelihood"] != "almost certain" else "likely"
old["sources"][1]["outlet"] = old["sources"][1]["outlet"] + " (web)"
old["key_judgments"][1]["text"] = old["key_judgments"][1]["text"] + " (draft)"
current = dump(OUT / "karabakh-now.yaml", now)
earlier = dump(OUT / "karabakh-old.yaml", old)
w = window_on(current, earlier)
print(w.statusBar().currentMessage())
stack([grab(w, w.claims_dock), grab(w, w.sources_dock)], OUT / "karabakh.png")
