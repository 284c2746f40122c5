"""The Alternatives panel's matrix as read on a laptop: the whole claim and its indicators in
the claim cell's tooltip, while the cell itself is cut to its column."""

from __future__ import annotations

from PySide6.QtCore import Qt

from briefing.ui.alternatives import CLAIM


def test_a_forecast_in_the_matrix_gives_its_whole_text_and_indicators_in_its_tooltip(
    open_window, tmp_path, briefings
) -> None:
    data = briefings.tradecraft_data()
    forecast = next(c for c in data["claims"] if c["id"] == "c-open")
    forecast["text"] = "A <b>long</b> forecast " + "that runs on and on " * 20
    forecast["consistency"] = {"h-balance": "consistent"}
    window = open_window(briefings.write(tmp_path / "long.yaml", **data))
    model = window.alternatives.model
    row = model.row_of("c-open")
    assert row is not None
    index = model.index(row, CLAIM)
    assert window.alternatives.view.textElideMode() == Qt.TextElideMode.ElideRight
    assert not window.alternatives.view.wordWrap()
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "A &lt;b&gt;long&lt;/b&gt; forecast that runs on" in tip  # briefing text stays text
    assert tip.count("runs on and on") == 20  # the whole text, not cut as in the cell
    assert "<br>indicator: A base agreement goes to parliament. (not seen)" in tip
