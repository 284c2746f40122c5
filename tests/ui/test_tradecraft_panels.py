"""The tradecraft of briefing/2 in the window: confidence apart from likelihood, the
Assumptions and Alternatives panels, indicators in Details, and what changed since an earlier
version (File → Compare with…)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from briefing.diff import ChangeKind
from briefing.links import ItemKind, Selection, linked
from briefing.loader import load_text
from briefing.ui.claims import KIND, TEXT, compact_badge
from tests.conftest import tradecraft_briefing_data


def _write(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def tradecraft_file(tmp_path: Path) -> Path:
    """As of November: the drill indicator, seen on 7 December, came after it."""
    return _write(tmp_path / "tradecraft.yaml", tradecraft_briefing_data(as_of="2020-11"))


@pytest.fixture
def window(open_window, tradecraft_file: Path):
    return open_window(tradecraft_file)


def test_claims_pane_shows_confidence_beside_likelihood_not_in_it(window) -> None:
    kind = window.claims.cell_text("c-f16", KIND)
    assert kind == "assessment\nlikely (55–80 %) · moderate confidence"
    assert window.claims.cell_text("c-mou", KIND) == "fact"  # no grades, nothing added


def test_the_kind_cell_shortens_confidence_before_the_kind() -> None:
    def width(text: str) -> int:
        return len(text) * 7

    rest = "likely (55–80 %) · moderate confidence"
    assert compact_badge("assessment", rest, width, 220) == ("assessment", "likely · conf. mod.")
    assert compact_badge("assessment", rest, width, 200) == ("assess.", "likely · conf. mod.")


def test_details_and_key_judgments_show_confidence_with_its_basis(window, qtbot) -> None:
    assert window.judgments.lines()[0].endswith("(C3) · confidence moderate")
    window.document.select(ItemKind.JUDGMENT, "1")
    qtbot.waitUntil(lambda: "Key judgment 1" in window.details.text())
    text = window.details.text()
    assert "Confidence: moderate — One agency report." in text
    assert "Ankara and Moscow keep talking." in text  # the assumption it rests on
    window.document.select(ItemKind.CLAIM, "c-f16")
    qtbot.waitUntil(lambda: "Turkish F-16s" in window.details.text())
    lines = [" ".join(line.split()) for line in window.details.text().splitlines()]
    assert lines[lines.index("Confidence") + 1] == "moderate"  # a row of its own
    assert lines[lines.index("Likelihood") + 1] == "likely (55–80 %)"
    assert not [line for line in lines if "Likelihood" in line and "onfidence" in line]


def test_assumptions_panel_lists_what_rests_on_each(window) -> None:
    assert window.assumptions.lines() == ["Ankara and Moscow keep talking. | key judgment 1; C3"]


def test_selecting_an_assumption_highlights_what_rests_on_it(window, qtbot) -> None:
    view = window.assumptions.view
    view.selectRow(0)
    qtbot.waitUntil(lambda: window.document.selection == Selection(ItemKind.ASSUMPTION, "a-ties"))
    assert window.claims.selected_claim_ids() == {"c-f16"}
    assert window.assumptions.selected_ids() == {"a-ties"}
    assert "Resting on it (2)" in window.details.text()


def test_assumption_links_reach_the_claims_behind_judgments_resting_on_it() -> None:
    data = tradecraft_briefing_data()
    data["key_judgments"][0]["claims"] = ["c-f16", "c-mou"]
    briefing = load_text(yaml.safe_dump(data)).briefing
    assert briefing is not None
    found = linked(briefing, Selection(ItemKind.ASSUMPTION, "a-ties"))
    assert found.claims == {"c-f16", "c-mou"}
    assert found.events == {"e-mou"} and found.sources == {"aa", "edm"}
    assert linked(briefing, Selection(ItemKind.ASSUMPTION, "nope")).claims == frozenset()


def test_alternatives_matrix_sorts_by_discrimination_with_symbols(window) -> None:
    rows = window.alternatives.rows()
    assert rows == [
        ["C3  Turkish F-16s stayed in Azerbaijan.", "1", "+", "\u2212"],
        ["C1  The ministers signed a memorandum.", "0", "0", "+"],
        ["C2  Russia deployed about 1,960 troops.", "0", "\u2212", "\u2212"],
    ]
    text = window.alternatives.hypotheses.toPlainText()
    assert "H1  Turkey counter-balances Russia. — likely (55–80 %)" in text
    assert "seen 7 Dec 2020 — after the as-of date" in text  # the late indicator, flagged


def test_picking_a_matrix_row_selects_its_claim(window, qtbot) -> None:
    view = window.alternatives.view
    view.selectRow(2)  # C2, last by discrimination
    qtbot.waitUntil(lambda: window.document.selection == Selection(ItemKind.CLAIM, "c-troops"))
    assert window.alternatives.selected_claim_ids() == {"c-troops"}


def test_details_of_a_forecast_lists_its_indicators(window, qtbot) -> None:
    window.document.select(ItemKind.CLAIM, "c-open")
    qtbot.waitUntil(lambda: "Indicators (1)" in window.details.text())
    assert "A base agreement goes to parliament. [i-base]: not seen" in window.details.text()


def test_new_docks_are_tabbed_with_the_claims_and_have_shortcuts(window) -> None:
    tabbed = set(window.tabifiedDockWidgets(window.claims_dock))
    assert {window.assumptions_dock, window.alternatives_dock} <= tabbed
    keys = {
        window.assumptions_dock.toggleViewAction().shortcut().toString(),
        window.alternatives_dock.toggleViewAction().shortcut().toString(),
    }
    assert keys == {"Ctrl+8", "Ctrl+9"}
    assert window.focus_action.shortcut().toString() == "Ctrl+Shift+0"  # no clash with Ctrl+9


def _earlier(tmp_path: Path) -> Path:
    old = tradecraft_briefing_data(as_of="2020-11")
    old["claims"] = [c for c in old["claims"] if c["id"] != "c-mou"]
    next(c for c in old["claims"] if c["id"] == "c-f16")["confidence"] = "low"
    old["assumptions"][0]["text"] = "Ankara and Moscow talk."
    return _write(tmp_path / "old.yaml", old)


def test_compare_with_marks_new_and_changed_claims(window, tmp_path, qtbot) -> None:
    assert window.compare_with_file(_earlier(tmp_path))
    assert window.claims.cell_text("c-mou", TEXT).startswith("[new] The ministers")
    assert window.claims.cell_text("c-f16", TEXT).startswith(
        "[changed: confidence up] Turkish F-16s"
    )
    assert not window.claims.cell_text("c-troops", TEXT).startswith("[")
    assert window.assumptions.lines()[0].startswith("[changed] Ankara")
    window.document.select(ItemKind.CLAIM, "c-f16")
    qtbot.waitUntil(lambda: "[changed] since old.yaml" in window.details.text())
    assert "confidence up: low -> moderate" in window.details.text()
    window.stop_comparing()
    assert window.claims.cell_text("c-mou", TEXT).startswith("The ministers")
    assert "[changed]" not in window.details.text()


def test_compare_with_a_broken_file_says_so_and_marks_nothing(window, tmp_path, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: briefing/2\ntitle: [\n", encoding="utf-8")
    assert not window.compare_with_file(broken)
    assert said and said[0].startswith("broken.yaml cannot be compared:")
    assert window.document.changes is None


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing")
def test_compare_with_last_commit_reads_the_file_from_git(open_window, tmp_path, qtbot):
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    path = _earlier(tmp_path)
    git("init", "-q")
    git("add", path.name)
    git("commit", "-qm", "first")
    _write(path, tradecraft_briefing_data(as_of="2020-11"))
    window = open_window(path)
    assert window.compare_with_last_commit()
    assert window.document.earlier_name == "last commit"
    assert window.claims.cell_text("c-mou", TEXT).startswith("[new]")


def test_compare_with_last_commit_outside_git_says_so(window, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    assert not window.compare_with_last_commit()
    assert said and "has no last commit to compare with" in said[0]


def test_a_claim_tooltip_gives_confidence_on_a_line_of_its_own() -> None:
    from briefing.tooltips import claim_tooltip

    data = tradecraft_briefing_data()
    f16 = next(c for c in data["claims"] if c["id"] == "c-f16")
    f16["confidence_basis"] = "Two <b>reports</b>."
    briefing = load_text(yaml.safe_dump(data)).briefing
    assert briefing is not None
    tip = claim_tooltip(briefing, briefing.claims_by_id["c-f16"])
    assert (
        "<i>assessment, likely</i><br>Confidence: moderate — Two &lt;b&gt;reports&lt;/b&gt;." in tip
    )


def test_asking_what_changed_per_claim_is_quick_for_a_large_briefing(qtbot) -> None:
    """Each claims-pane cell asks; sorting asks for every claim. A scan of the whole diff per
    question took 8.7 s for 30,000 claims."""
    import dataclasses
    import time

    from briefing.loader import LoadResult
    from briefing.model import Briefing, Claim, ClaimKind, Confidence
    from briefing.ui.document import Document

    claims = tuple(
        Claim(f"c{n}", f"claim {n}", ClaimKind.ASSESSMENT, confidence=Confidence.MODERATE)
        for n in range(30_000)
    )
    new = Briefing("big", claims=claims)
    old = dataclasses.replace(
        new,
        claims=tuple(
            dataclasses.replace(c, confidence=Confidence.LOW) if n % 10 == 0 else c
            for n, c in enumerate(claims[:29_000])
        ),
    )
    document = Document()
    document.apply(LoadResult("big.yaml", new, ()))
    document.compare_with(old, "old")
    started = time.perf_counter()
    kinds = [document.change_of("claims", claim.id) for claim in claims]
    assert time.perf_counter() - started < 1.0
    assert kinds.count(ChangeKind.ADDED) == 1_000 and kinds.count(ChangeKind.CHANGED) == 2_900


def test_the_matrix_sorts_by_a_hypothesis_and_back(window, qtbot) -> None:
    view = window.alternatives.view
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # H1: consistent, inconsistent, neutral
    assert [row[0][:2] for row in window.alternatives.rows()] == ["C3", "C2", "C1"]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by claim number
    assert [row[0][:2] for row in window.alternatives.rows()] == ["C1", "C2", "C3"]
    window.document.select(ItemKind.CLAIM, "c-f16")
    qtbot.waitUntil(lambda: window.alternatives.selected_claim_ids() == {"c-f16"})


@pytest.mark.slow
def test_the_matrix_of_30000_claims_fills_and_sorts_in_a_second(qtbot) -> None:
    """A sorting proxy asked Python for every comparison: 5.9 s for this matrix."""
    import time

    from briefing.loader import LoadResult
    from briefing.model import Alternative, Briefing, Claim, ClaimKind, Consistency
    from briefing.ui.alternatives import AlternativesPanel
    from briefing.ui.document import Document

    alternatives = tuple(Alternative(f"h{n}", f"H {n}") for n in range(5))
    marks = list(Consistency)
    claims = tuple(
        Claim(
            f"c{n}",
            f"claim {n}",
            ClaimKind.ASSESSMENT,
            consistency=tuple(
                (a.id, marks[(n * 7 + m * n) % 3]) for m, a in enumerate(alternatives)
            ),
        )
        for n in range(30_000)
    )
    document = Document()
    panel = AlternativesPanel(document)
    qtbot.addWidget(panel)
    document.apply(
        LoadResult("big.yaml", Briefing("big", claims=claims, alternatives=alternatives), ())
    )
    started = time.perf_counter()
    panel.refresh()
    panel.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert time.perf_counter() - started < 3.0  # 5.9 s before, 0.4 s alone here
    assert panel.model.rowCount() == 30_000


def test_opening_another_file_stops_comparing(window, tmp_path, qtbot, briefings) -> None:
    assert window.compare_with_file(_earlier(tmp_path))
    other = briefings.write(tmp_path / "other.yaml")
    with qtbot.waitSignal(window.document.loadFinished):
        window.open_file(other)
    assert window.document.changes is None and window.document.earlier_name == ""
    assert not window.stop_comparing_action.isEnabled()
    assert not window.claims.cell_text("c-mou", TEXT).startswith("[")


def test_a_reload_keeps_comparing_and_marks_anew(window, tmp_path, qtbot, tradecraft_file):
    assert window.compare_with_file(_earlier(tmp_path))
    data = tradecraft_briefing_data(as_of="2020-11")
    next(c for c in data["claims"] if c["id"] == "c-troops")["text"] = "Russia sent 2,000."
    _write(tradecraft_file, data)
    with qtbot.waitSignal(window.document.loadFinished):
        window.document.reload()
    qtbot.waitUntil(lambda: window.claims.cell_text("c-troops", TEXT).startswith("[changed]"))


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing")
def test_a_file_git_has_not_committed_has_no_last_commit(tmp_path) -> None:
    from briefing.revisions import RevisionError, last_commit

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, capture_output=True)
    path = _earlier(tmp_path)
    with pytest.raises(RevisionError, match=r"old\.yaml has no last commit to compare with"):
        last_commit(path)
