"""The main window: menus, actions, docks and settings; wires the panels to the document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QTabBar,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import briefing
from briefing.links import ItemKind
from briefing.model import Briefing
from briefing.resources import format_reference, icon_file
from briefing.ui.claims import ClaimsPane
from briefing.ui.details import DetailsPanel
from briefing.ui.document import Document
from briefing.ui.filter_bar import FilterBar
from briefing.ui.forces import ForceChart
from briefing.ui.item_menu import copy_selection
from briefing.ui.judgments import JudgmentsPanel
from briefing.ui.problems_panel import EDITOR_SETTING, ProblemsPanel, problem_summary
from briefing.ui.settings import app_settings, read_list, with_recent
from briefing.ui.theme import Theme, banner_style, palette_for, wants_dark
from briefing.ui.timeline import TimelinePanel
from briefing.ui.watcher import FileWatcher
from briefing.words import clipped

if TYPE_CHECKING:
    from briefing.ui.alternatives import AlternativesPanel
    from briefing.ui.assumptions import AssumptionsPanel
    from briefing.ui.export_dialog import WindowExports
    from briefing.ui.sources import SourcesPanel

YAML_SUFFIXES = (".yaml", ".yml")
MAX_BANNER_LINES = 50
GAPS_SETTING = "timeline/shortenGaps"  # the timeline shortens long empty stretches of time
TITLE_LIMIT = 200  # characters of the briefing's title in the window's title bar
# The version of the dock layout a saved window state was made for. A state saved for another
# set of docks is not restored (the default layout is used) so that an old state cannot hide or
# squeeze a new panel. 2: the key judgments panel, claims beside the timeline. 3: assumptions
# and alternatives, tabbed with Details. 4: sources, assumptions and alternatives tabbed with
# the claims (five tabs in the Details place were too narrow to read).
LAYOUT_VERSION = 4
JUDGMENT_ROWS = 5  # key judgments the default layout has room for without scrolling
# The docks tabbed behind the claims in the default layout: lists of analytic items like the
# claims, they need the wide left area (the matrix of claims × hypotheses above all).
CLAIMS_TABS = ("sources_dock", "assumptions_dock", "alternatives_dock")


def _sources_panel(document: Document) -> QWidget:
    from briefing.ui.sources import SourcesPanel

    return SourcesPanel(document)


def _assumptions_panel(document: Document) -> QWidget:
    from briefing.ui.assumptions import AssumptionsPanel

    return AssumptionsPanel(document)


def _alternatives_panel(document: Document) -> QWidget:
    from briefing.ui.alternatives import AlternativesPanel

    return AlternativesPanel(document)


# The panels behind the claims' tab at start-up, made (and their modules imported) when first
# shown or asked for: the first window paints without them (bench/ui_probe.py startup-app,
# with File → Export made on first use too: 1.34x to 1.24x the bare window's CPU time, median
# of 11). Each catches up with the document (briefing, filter, selection, comparison) as it is
# made. By attribute: its maker.
LATER_PANELS: dict[str, Callable[[Document], QWidget]] = {
    "sources": _sources_panel,
    "assumptions": _assumptions_panel,
    "alternatives": _alternatives_panel,
}


def app_icon() -> QIcon:
    return QIcon(str(icon_file()))


def about_text() -> str:
    return (
        f"Briefing {briefing.__version__}\n\n"
        "Reads a sourced YAML briefing as a linked timeline, force comparison and claims pane, "
        "and exports it to PDF. Works offline; never opens a link."
    )


def banner_text(document: Document) -> tuple[str, str]:
    """The banner's heading and its problem lines, FILE:LINE:COL: ... each."""
    errors = document.errors
    if not errors:
        return "", ""
    name = Path(document.path or "").name
    total = document.error_count
    count = f"{total:,} error{'s' if total != 1 else ''}"
    if document.is_stale:
        heading = f"{name} has {count}; showing the last good version until the file is fixed."
    else:
        heading = f"Cannot show {name}: {count}."
    lines = [str(p) for p in errors[:MAX_BANNER_LINES]]
    if total > MAX_BANNER_LINES:
        lines.append(f"… and {total - MAX_BANNER_LINES:,} more")
    return heading, "\n".join(lines)


class ErrorBanner(QFrame):
    """Shown while the file on disk has errors; lists each with its position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBannerFrame")
        self.setAccessibleName("Errors in the briefing file")
        self.heading = QLabel()
        self.heading.setObjectName("errorBannerHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        # A long file name must not make the window wider than the screen: the heading wraps
        # at spaces and is cut at the banner's edge; the problem lines below scroll sideways.
        self.heading.setWordWrap(True)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("errorBannerText")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # A line wider than the banner scrolls sideways; the scrollbar then takes room of its own.
        self.problems.horizontalScrollBar().rangeChanged.connect(self._fit_height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.problems)

    def show_problems(self, heading: str, text: str) -> None:
        self.heading.setText(heading)
        self.problems.setPlainText(text)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for up to six problem lines in full, plus the sideways scrollbar when
        a line is wider than the banner, so the scrollbar never covers the last line."""
        lines = max(1, min(self.problems.blockCount(), 6))
        margin = self.problems.document().documentMargin()
        height = self.problems.fontMetrics().lineSpacing() * lines + round(2 * margin)
        height += 2 * self.problems.frameWidth()
        bar = self.problems.horizontalScrollBar()
        if bar.maximum() > bar.minimum():
            height += bar.sizeHint().height()
        self.problems.setFixedHeight(height)

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.problems.toPlainText()}"


class MainWindow(QMainWindow):
    def __init__(
        self,
        document: Document | None = None,
        settings: QSettings | None = None,
        restore: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Briefing")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)
        self.document = document or Document(self)
        self.settings = settings or app_settings()
        self.watcher = FileWatcher(self)
        self._exports: WindowExports | None = None
        self._panels: dict[str, QWidget] = {}  # the LATER_PANELS made so far
        self.theme = Theme.SYSTEM

        self.judgments = JudgmentsPanel(self.document)
        self.timeline = TimelinePanel(self.document)
        self.forces = ForceChart(self.document)
        self.claims = ClaimsPane(self.document)
        self.details = DetailsPanel(self.document)
        self.problems = ProblemsPanel(self.settings)
        self.problems.failed.connect(lambda reason: self.statusBar().showMessage(reason, 10_000))
        self.filter_bar = FilterBar(self.document)
        self.banner = ErrorBanner()

        self._build_toolbars()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self.status = QLabel()
        self.status.setObjectName("statusText")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)
        # While a file loads: a busy bar, then the share of the briefing taken in so far.
        self.load_progress = QProgressBar()
        self.load_progress.setObjectName("loadProgress")
        self.load_progress.setAccessibleName("Loading the briefing")
        self.load_progress.setMaximumWidth(220)
        self.load_progress.setMaximumHeight(16)
        self.statusBar().addPermanentWidget(self.load_progress)
        self.load_progress.hide()
        self.document.loadStarted.connect(self._on_load_started)
        self.document.loadProgress.connect(self._on_load_progress)
        self.document.loadFinished.connect(self._on_load_finished)

        self.document.briefingChanged.connect(self._on_briefing_changed)
        self.document.problemsChanged.connect(self._on_problems_changed)
        self.document.filterChanged.connect(self._update_status)
        self.document.selectionChanged.connect(self._fit_timeline_to_source)
        self.document.historyChanged.connect(self._update_history_actions)
        self.watcher.changed.connect(self._on_file_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_system_scheme_changed)

        self.resize(self._fitting(QSize(1500, 950)))
        self.default_layout()
        if restore:
            self._restore_settings()
        self.resize(self._fitting(self.size()))
        self.set_theme(self.theme)
        self._on_problems_changed()
        self._update_status()

    # --- building ------------------------------------------------------------------------
    def _build_toolbars(self) -> None:
        bar = QToolBar("Search and filters")
        bar.setObjectName("filterToolBar")
        bar.setMovable(False)
        # In a scroll area that scrolls sideways only when the screen is narrower than the bar
        # (under 1,024 px): the window then still fits the screen.
        holder = QScrollArea()
        holder.setObjectName("filterBarScroller")
        holder.setWidget(self.filter_bar)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        holder.setMinimumWidth(200)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        holder.setFixedHeight(self.filter_bar.sizeHint().height())
        bar.addWidget(holder)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.banner_bar = QToolBar("Errors")
        self.banner_bar.setObjectName("errorBanner")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.toggleViewAction().setVisible(False)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.banner_bar.addWidget(self.banner)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner_bar)
        self.banner_bar.hide()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea):
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        # No central widget: the docks share the whole window and can all be moved or hidden.
        placeholder = QWidget()
        placeholder.setMaximumSize(0, 0)
        self.setCentralWidget(placeholder)
        top, bottom = Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        self.judgments_dock = self._dock("Key judgments", "judgmentsDock", self.judgments, top)
        self.timeline_dock = self._dock("Timeline", "timelineDock", self.timeline, bottom)
        self.claims_dock = self._dock("Sourced claims", "claimsDock", self.claims, bottom)
        self.forces_dock = self._dock("Force comparison", "forceDock", self.forces, bottom)
        self.details_dock = self._dock("Details", "detailsDock", self.details, bottom)
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems, bottom)
        # Until first shown or asked for, an empty widget holds their place (LATER_PANELS).
        self.sources_dock = self._dock("Sources", "sourcesDock", QWidget(), bottom)
        self.assumptions_dock = self._dock("Assumptions", "assumptionsDock", QWidget(), bottom)
        self.alternatives_dock = self._dock("Alternatives", "alternativesDock", QWidget(), bottom)
        for name in LATER_PANELS:
            getattr(self, f"{name}_dock").visibilityChanged.connect(
                lambda shown, name=name: self._panel(name) if shown else None
            )
        # In the order F6 walks them, and Ctrl+1… toggles them.
        self.panel_docks = (
            self.judgments_dock,
            self.timeline_dock,
            self.claims_dock,
            self.forces_dock,
            self.details_dock,
            self.problems_dock,
            self.sources_dock,
            self.assumptions_dock,
            self.alternatives_dock,
        )
        for dock in self.panel_docks:
            dock.setProperty("panelFocused", False)
        # The sources table measures its columns only on screen: a tab behind another is
        # measured when its tab is chosen (after Qt has moved it into place).
        self.sources_dock.visibilityChanged.connect(self._fit_sources_later)

    def _fit_sources_later(self, _shown: bool) -> None:
        if "sources" in self._panels:
            self.document.later(self.sources_dock, self.sources.fit_if_unfitted)

    def _panel(self, name: str) -> QWidget:
        """One of LATER_PANELS, made and put in its dock the first time it is asked for."""
        panel = self._panels.get(name)
        if panel is None:
            panel = self._panels[name] = LATER_PANELS[name](self.document)
            dock = getattr(self, f"{name}_dock")
            holder = dock.widget()
            dock.setWidget(panel)
            holder.deleteLater()
            if dock.isVisible():
                panel.show()  # a widget put in a shown dock is not shown with it
        return panel

    @property
    def sources(self) -> SourcesPanel:
        return self._panel("sources")  # type: ignore[return-value]

    @property
    def assumptions(self) -> AssumptionsPanel:
        return self._panel("assumptions")  # type: ignore[return-value]

    @property
    def alternatives(self) -> AlternativesPanel:
        return self._panel("alternatives")  # type: ignore[return-value]

    def panel_in(self, dock: QDockWidget) -> QWidget:
        """The panel a dock holds, made now if it is one of LATER_PANELS not made yet."""
        for name in LATER_PANELS:
            if dock is getattr(self, f"{name}_dock"):
                return self._panel(name)
        widget = dock.widget()
        assert widget is not None
        return widget

    @property
    def exports(self) -> WindowExports:
        """File → Export and Import, made (and its module imported) on first use."""
        if self._exports is None:
            from briefing.ui.export_dialog import WindowExports

            self._exports = WindowExports(self)
        return self._exports

    def default_layout(self) -> None:
        """The panels where a laptop screen shows most: the key judgments across the top; the
        claims on the left, one a line, as tall as the window allows, with the other lists of
        analytic items (sources, assumptions, alternatives) as tabs behind them; the timeline
        on the right, over the force chart and Details. Sizes follow the window's size."""
        top, bottom = Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        # Out of the window first, then placed once each: re-tabbing docks that are already
        # tabbed leaves Qt's old tab bars drawn over the panels.
        for dock in self.panel_docks:
            dock.setFloating(False)
            self.removeDockWidget(dock)
        self.addDockWidget(top, self.judgments_dock)
        self.addDockWidget(bottom, self.claims_dock)
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        self.splitDockWidget(self.claims_dock, self.timeline_dock, horizontal)
        self.splitDockWidget(self.timeline_dock, self.forces_dock, vertical)
        self.splitDockWidget(self.forces_dock, self.details_dock, horizontal)
        for dock in CLAIMS_TABS:
            self.tabifyDockWidget(self.claims_dock, getattr(self, dock))
        self.tabifyDockWidget(self.details_dock, self.problems_dock)
        for dock in self.panel_docks:
            dock.show()
        self.claims_dock.raise_()
        self.details_dock.raise_()
        width, height = self.width(), self.height()
        judgments = self.judgments.height_for_rows(JUDGMENT_ROWS) + 8  # with the dock title
        rest = max(height - judgments - 90, 200)  # less menus, tool bar and status bar
        self.resizeDocks([self.judgments_dock, self.claims_dock], [judgments, rest], vertical)
        left = round(width * 0.56)
        self.resizeDocks([self.claims_dock, self.timeline_dock], [left, width - left], horizontal)
        timeline = round(rest * 0.55)
        self.resizeDocks(
            [self.timeline_dock, self.forces_dock], [timeline, rest - timeline], vertical
        )
        # Details as wide as its tabs' titles need, with room for a count of problems.
        right = width - left
        titles = (self.details_dock.windowTitle(), f"Problems ({problem_summary(0, 99)})")
        details = min(max(round(right * 0.45), tab_strip_width(titles) + 8), round(right * 0.6))
        self.resizeDocks(
            [self.forces_dock, self.details_dock], [right - details, details], horizontal
        )

    def _fitting(self, size: QSize) -> QSize:
        """The size, made small enough for the window and its frame to fit the screen's
        available room (at any scale factor)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return size
        room = screen.availableGeometry().size()
        frame = self.frameGeometry().size() - self.geometry().size()
        if not self.isVisible():  # not framed yet: leave room for a usual title bar and border
            frame = frame.expandedTo(QSize(16, 40))
        return size.boundedTo(room - frame).expandedTo(QSize(200, 150))

    # --- focus: F6 walks the panels; the focused one is marked -----------------------------
    def shown_panel_docks(self) -> list[QDockWidget]:
        """The panels F6 goes through: those shown (a tab behind another is not)."""
        return [d for d in self.panel_docks if d.isVisible() and not d.visibleRegion().isEmpty()]

    def focused_panel_dock(self) -> QDockWidget | None:
        widget = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, QDockWidget) and widget in self.panel_docks:
                return widget
            widget = widget.parentWidget()
        return None

    def focus_next_panel(self, step: int = 1) -> None:
        docks = self.shown_panel_docks()
        if not docks:
            return
        current = self.focused_panel_dock()
        if current in docks:
            target = docks[(docks.index(current) + step) % len(docks)]
        else:
            target = docks[0] if step > 0 else docks[-1]
        target.raise_()
        focus_target(self.panel_in(target)).setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_previous_panel(self) -> None:
        self.focus_next_panel(-1)

    def _on_focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        focused = self.focused_panel_dock()
        for dock in self.panel_docks:
            marked = dock is focused
            if dock.property("panelFocused") != marked:
                dock.setProperty("panelFocused", marked)
                dock.setStyleSheet(focus_style() if marked else "")

    def is_behind_tab(self, dock: QDockWidget) -> bool:
        """Shown, but under another panel's tab."""
        return (
            dock.isVisible()
            and bool(self.tabifiedDockWidgets(dock))
            and dock.visibleRegion().isEmpty()
        )

    def show_panel(self, dock: QDockWidget, shown: bool) -> None:
        """View → a panel, or its Ctrl+number: a panel behind another tab comes to the front
        (and stays shown); otherwise it is shown or hidden. A panel shown takes the keyboard."""
        if not shown and self.is_behind_tab(dock):
            shown = True
            dock.toggleViewAction().setChecked(True)
        dock.setVisible(shown)
        if shown:
            dock.raise_()
            focus_target(self.panel_in(dock)).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def reset_layout(self) -> None:
        self.default_layout()
        self.settings.remove("windowState")

    def _action(self, text: str, name: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("&Open…", "openAction", self.choose_file, keys.Open)
        self.reload_action = self._action(
            "&Reload", "reloadAction", self.document.reload, keys.Refresh
        )
        self.export_action = self._action(
            "&Export PDF…", "exportPdfAction", self.export_pdf, "Ctrl+E"
        )
        self.export_as_action = self._action(
            "Export &as… (Word, STIX, CSV)",
            "exportAsAction",
            lambda: self.exports.export_as(),
            "Ctrl+Shift+E",
        )
        self.import_action = self._action(
            "&Import… (TimelineJS, CSV)",
            "importAction",
            lambda: self.exports.import_timeline(),
            "Ctrl+I",
        )
        self.quit_action = self._action("&Quit", "quitAction", self.close, keys.Quit)
        self.compare_action = self._action(
            "&Compare with…", "compareWithAction", self.choose_earlier_version
        )
        self.compare_commit_action = self._action(
            "Compare with last &commit", "compareWithCommitAction", self.compare_with_last_commit
        )
        self.stop_comparing_action = self._action(
            "&Stop comparing", "stopComparingAction", self.stop_comparing
        )
        self.stop_comparing_action.setEnabled(False)
        self.document.briefingChanged.connect(  # another file opened: no longer comparing
            lambda: self.stop_comparing_action.setEnabled(bool(self.document.earlier_name))
        )
        self.editor_command_action = self._action(
            "&Editor command…", "editorCommandAction", self.choose_editor_command
        )
        self.find_action = self._action("&Find…", "findAction", self.focus_search, keys.Find)
        self.copy_action = self._action(
            "&Copy with citation",
            "copyAction",
            lambda: copy_selection(self.document, with_citation=True),
            keys.Copy,
        )
        self.copy_text_action = self._action(
            "Copy &text",
            "copyTextAction",
            lambda: copy_selection(self.document, with_citation=False),
            "Ctrl+Shift+C",
        )
        self.reset_filters_action = self._action(
            "&Reset filters", "resetFiltersAction", self.filter_bar.clear, "Ctrl+Shift+R"
        )
        self.clear_selection_action = self._action(
            "Clear &selection", "clearSelectionAction", self.document.clear_selection, "Esc"
        )
        self.zoom_in_action = self._action(
            "Zoom timeline &in", "zoomInAction", lambda: self.timeline.zoom(0.5), keys.ZoomIn
        )
        self.zoom_out_action = self._action(
            "Zoom timeline &out", "zoomOutAction", lambda: self.timeline.zoom(2.0), keys.ZoomOut
        )
        self.fit_action = self._action(
            "Show &whole timeline", "fitTimelineAction", self.timeline.fit_all, "Ctrl+0"
        )
        self.focus_action = self._action(
            "Show &busiest period",
            "defaultTimelineAction",
            self.timeline.reset_view,
            "Ctrl+Shift+0",  # Ctrl+9 shows the alternatives
        )
        self.format_action = self._action(
            "&Format reference",
            "formatReferenceAction",
            self.show_format_reference,
            keys.HelpContents,
        )
        self.about_action = self._action("&About Briefing", "aboutAction", self.show_about)
        self.next_panel_action = self._action(
            "&Next panel", "nextPanelAction", lambda: self.focus_next_panel(1), "F6"
        )
        self.previous_panel_action = self._action(
            "Pre&vious panel", "previousPanelAction", self.focus_previous_panel, "Shift+F6"
        )
        self.reset_layout_action = self._action(
            "Reset &layout", "resetLayoutAction", self.reset_layout
        )
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[Theme, QAction] = {}
        for theme, label in (
            (Theme.SYSTEM, "Follow &system"),
            (Theme.LIGHT, "&Light"),
            (Theme.DARK, "&Dark"),
        ):
            action = QAction(label, self)
            action.setObjectName(f"theme{theme.value.capitalize()}Action")
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.theme_group.addAction(action)
            self.theme_actions[theme] = action
        self.toggle_theme_action = self._action(
            "&Toggle light/dark", "toggleThemeAction", self.toggle_theme, "Ctrl+Shift+D"
        )
        self._build_history_actions()

    def _build_history_actions(self) -> None:
        keys = QKeySequence.StandardKey
        document = self.document
        self.back_action = self._action("&Back", "backAction", document.go_back, keys.Back)
        self.forward_action = self._action(
            "&Forward", "forwardAction", document.go_forward, keys.Forward
        )
        self.undo_filter_action = self._action(
            "&Undo filter change", "undoFilterAction", document.undo_filter, keys.Undo
        )
        self.redo_filter_action = self._action(
            "R&edo filter change", "redoFilterAction", document.redo_filter
        )
        # Ctrl+Shift+Z everywhere, and the platform's own Redo keys (Ctrl+Y on Windows).
        redo = QKeySequence.keyBindings(keys.Redo)
        ctrl_shift_z = QKeySequence("Ctrl+Shift+Z")
        if ctrl_shift_z not in redo:
            redo.insert(0, ctrl_shift_z)
        self.redo_filter_action.setShortcuts(redo)
        self._update_history_actions()

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.document.can_go_back())
        self.forward_action.setEnabled(self.document.can_go_forward())
        self.undo_filter_action.setEnabled(self.document.can_undo_filter())
        self.redo_filter_action.setEnabled(self.document.can_redo_filter())

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.reload_action)
        file_menu.addSeparator()
        for action in (
            self.compare_action,
            self.compare_commit_action,
            self.stop_comparing_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menus.addMenu("&Edit")
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.copy_text_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.undo_filter_action)
        edit_menu.addAction(self.redo_filter_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.back_action)
        edit_menu.addAction(self.forward_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.reset_filters_action)
        edit_menu.addAction(self.clear_selection_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.editor_command_action)

        view_menu = menus.addMenu("&View")
        view_menu.setObjectName("viewMenu")
        for number, dock in enumerate(
            (
                self.timeline_dock,
                self.forces_dock,
                self.claims_dock,
                self.details_dock,
                self.problems_dock,
                self.judgments_dock,
                self.sources_dock,
                self.assumptions_dock,
                self.alternatives_dock,
            ),
            start=1,
        ):
            toggle = dock.toggleViewAction()
            toggle.setObjectName(f"{dock.objectName()}Toggle")
            toggle.setShortcut(QKeySequence(f"Ctrl+{number}"))
            # Qt's own slot would hide a panel that is shown but behind another tab; ours
            # brings it to the front instead (the only connection is Qt's, dropped here).
            toggle.triggered.disconnect()
            toggle.triggered.connect(lambda checked, d=dock: self.show_panel(d, checked))
            view_menu.addAction(toggle)
        view_menu.addSeparator()
        view_menu.addAction(self.next_panel_action)
        view_menu.addAction(self.previous_panel_action)
        view_menu.addAction(self.reset_layout_action)
        view_menu.addSeparator()
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.focus_action,
        ):
            view_menu.addAction(action)
        view_menu.addAction(self._gaps_action())
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addAction(self.toggle_theme_action)

        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self.format_action)
        help_menu.addAction(self.about_action)

    def _gaps_action(self) -> QAction:
        """View → Shorten long gaps: the timeline shortens long empty stretches as the PDF
        does, unless the analyst turns it off; the choice is remembered."""
        shortened = str(self.settings.value(GAPS_SETTING, "true")).lower() != "false"
        self.timeline.set_gaps_shortened(shortened)
        self.gaps_action = QAction("Shorten long &gaps in time", self)
        self.gaps_action.setObjectName("shortenGapsAction")
        self.gaps_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.gaps_action.setCheckable(True)
        self.gaps_action.setChecked(shortened)
        self.gaps_action.toggled.connect(self._set_gaps_shortened)
        self.addAction(self.gaps_action)
        return self.gaps_action

    def _set_gaps_shortened(self, shortened: bool) -> None:
        self.timeline.set_gaps_shortened(shortened)
        self.settings.setValue(GAPS_SETTING, shortened)

    # --- files ---------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> None:
        path = str(Path(path).absolute())
        self.document.open(path)
        self.watcher.watch(path)
        self.settings.setValue("recentFiles", with_recent(self.recent_files(), path))

    def open_file_now(self, path: str | Path, remember: bool = False) -> None:
        """Open on this thread (for screenshots, and small files at start-up): the window is
        filled when this returns."""
        path = str(Path(path).absolute())
        self.document.open_now(path)
        self.watcher.watch(path)
        if remember:
            self.settings.setValue("recentFiles", with_recent(self.recent_files(), path))

    def recent_files(self) -> list[str]:
        return read_list(self.settings, "recentFiles")

    def choose_file(self) -> None:
        start = str(Path(self.document.path).parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, "Open briefing", start, "Briefings (*.yaml *.yml);;All files (*)"
        )
        if path:
            self.open_file(path)

    # --- what changed --------------------------------------------------------------------
    def choose_earlier_version(self) -> None:
        start = str(Path(self.document.path).parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, "Compare with", start, "Briefings (*.yaml *.yml);;All files (*)"
        )
        if path:
            self.compare_with_file(path)

    def compare_with_file(self, path: str | Path) -> bool:
        """Mark what changed since the briefing in `path`; False (and why, in a message box)
        when it cannot be read."""
        from briefing.revisions import RevisionError, earlier_file  # git and files: on demand

        try:
            earlier = earlier_file(path)
        except RevisionError as error:
            QMessageBox.warning(self, "Compare with", str(error))
            return False
        self._compare(earlier, Path(path).name)
        return True

    def compare_with_last_commit(self) -> bool:
        from briefing.revisions import RevisionError, last_commit  # runs git: on demand

        path = self.document.path
        try:
            if not path:
                raise RevisionError("no briefing file is open")
            earlier = last_commit(path)
        except RevisionError as error:
            QMessageBox.warning(self, "Compare with last commit", str(error))
            return False
        self._compare(earlier, "last commit")
        return True

    def _compare(self, earlier: Briefing, name: str) -> None:
        self.document.compare_with(earlier, name)
        self.stop_comparing_action.setEnabled(True)
        changes = self.document.changes
        counts = changes.counts() if changes is not None else {}
        said = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
        self.statusBar().showMessage(f"Compared with {name}: {said or 'no changes'}", 8000)

    def stop_comparing(self) -> None:
        self.document.compare_with(None)
        self.stop_comparing_action.setEnabled(False)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for number, path in enumerate(recent, start=1):
            name = Path(path).name.replace("&", "&&")  # a literal "&" in a name, not a shortcut
            label = f"&{number} {name}" if number < 10 else name
            action = self.recent_menu.addAction(label)
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _on_file_changed(self, _path: str) -> None:
        self.document.reload()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_briefing(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_briefing(event.mimeData().urls())
        if path:
            event.acceptProposedAction()
            self.open_file(path)

    # --- export --------------------------------------------------------------------------
    def export_pdf(self) -> None:
        """Ctrl+E: page size, then the PDF drawn off the UI thread (ui/export_dialog.py)."""
        self.exports.export_pdf()

    def choose_editor_command(self) -> None:
        """The preference Problems use to open the file: a template, or empty for $EDITOR."""
        current = str(self.settings.value(EDITOR_SETTING, "") or "")
        text, ok = QInputDialog.getText(
            self,
            "Editor command",
            "Command that opens a file at a line, with {file}, {line} and {col}\n"
            "(for example: code -g {file}:{line}:{col}). Empty: $VISUAL or $EDITOR.",
            text=current,
        )
        if ok:
            self.settings.setValue(EDITOR_SETTING, text.strip())

    # --- help ----------------------------------------------------------------------------
    def show_format_reference(self) -> None:
        dialog = format_dialog(self)
        dialog.show()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle("About Briefing")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(about_text())
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.exec()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    # --- theme ---------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.theme_actions[theme].setChecked(True)
        dark = wants_dark(theme)
        palette = palette_for(dark)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette)
        self.setPalette(palette)
        self.banner.setStyleSheet(banner_style(dark))
        for panel in (self.timeline, self.forces, self.claims):
            panel.apply_palette(palette)
        self.settings.setValue("theme", theme.value)

    def toggle_theme(self) -> None:
        self.set_theme(Theme.LIGHT if wants_dark(self.theme) else Theme.DARK)

    def is_dark(self) -> bool:
        return wants_dark(self.theme)

    def _on_system_scheme_changed(self, *_args: object) -> None:
        if self.theme is Theme.SYSTEM:
            self.set_theme(Theme.SYSTEM)

    # --- what the document says ----------------------------------------------------------
    def _on_briefing_changed(self) -> None:
        self.document.later(self, self._show_briefing)  # in a turn of its own

    def _show_briefing(self) -> None:
        current = self.document.briefing
        name = Path(self.document.path).name if self.document.path else ""
        title = clipped(" ".join(current.title.split()), TITLE_LIMIT) if current else ""
        self.setWindowTitle(f"{title} — {name} — Briefing" if current else "Briefing")
        self._update_status()

    def _fit_timeline_to_source(self) -> None:
        """A selected source: the timeline shows every event that cites it."""
        selection, current = self.document.selection, self.document.briefing
        if selection is None or selection.kind is not ItemKind.SOURCE or current is None:
            return
        events = [current.events_by_id[e] for e in self.document.linked.events]
        if events:
            first = min(e.date.start for e in events)
            last = max(e.date.end for e in events)
            pad = max((last - first) * 0.05, dt.timedelta(days=3))
            self.timeline.show_dates(first - pad, last + pad)

    def _on_problems_changed(self) -> None:
        heading, text = banner_text(self.document)
        self.banner.show_problems(heading, text)
        self.banner_bar.setVisible(bool(heading))
        self.problems.show_problems(self.document.problems, self.document.unlisted)
        summary = self._problem_summary()
        self.problems_dock.setWindowTitle(f"Problems ({summary})" if summary else "Problems")
        self._update_status()

    def _on_load_started(self) -> None:
        self.load_progress.setRange(0, 0)  # busy until the loader can count
        self.load_progress.show()
        name = Path(self.document.path).name if self.document.path else ""
        self.statusBar().showMessage(f"Loading {name}…")

    def _on_load_progress(self, percent: int) -> None:
        if self.document.is_loading:
            self.load_progress.setRange(0, 100)
            self.load_progress.setValue(percent)

    def _on_load_finished(self) -> None:
        if not self.document.is_loading:  # else a newer load is under way
            self.load_progress.hide()
            self.statusBar().clearMessage()

    def _update_status(self) -> None:
        current = self.document.briefing
        if current is None:
            summary = self._problem_summary()  # the same count as the Problems panel's title
            self.status.setText(f"{summary} (View → Problems)" if summary else "No briefing loaded")
            return
        shown = self.document.visible
        parts = [
            f"{len(shown.events)}/{len(current.events)} events",
            f"{len(shown.forces)}/{len(current.forces)} figures",
            f"{len(shown.claims)}/{len(current.claims)} claims",
        ]
        unsourced = self.document.derived.unsourced
        if unsourced:
            parts.append(f"{unsourced} unsourced")
        summary = self._problem_summary()
        if summary:  # while the file is broken: its errors too, as the Problems panel counts
            parts.append(f"{summary} (View → Problems)")
        self.status.setText(" · ".join(parts))

    def _problem_summary(self) -> str:
        return problem_summary(self.document.error_count, self.document.warning_count)

    # --- settings ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)  # refused when made for other docks
        try:
            self.theme = Theme(str(self.settings.value("theme", Theme.SYSTEM.value)))
        except ValueError:
            self.theme = Theme.SYSTEM

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState(LAYOUT_VERSION))
        self.settings.setValue("theme", self.theme.value)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self._exports is not None:
            self._exports.stop()
        self.watcher.stop()
        super().closeEvent(event)


def tab_strip_width(titles: tuple[str, ...]) -> int:
    """The width a row of dock tabs needs to show these titles whole, in this style."""
    bar = QTabBar()
    for title in titles:
        bar.addTab(title)
    return sum(bar.tabSizeHint(i).width() for i in range(bar.count()))


def focus_target(panel: QWidget) -> QWidget:
    """Where the keyboard goes when F6 reaches a panel: the panel itself when it takes focus
    (or names a widget that does), else its first child the Tab key could reach."""
    if panel.focusProxy() is not None or panel.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return panel
    for child in panel.findChildren(QWidget):
        if child.isVisible() and child.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return child
    return panel


def focus_style() -> str:
    """The title of the panel that has the keyboard focus, in the highlight colour."""
    return (
        "QDockWidget { color: palette(highlighted-text); }"
        " QDockWidget::title { background: palette(highlight); padding-left: 4px; }"
    )


def _dropped_briefing(urls: list[QUrl]) -> str | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith(YAML_SUFFIXES):
            return url.toLocalFile()
    return None


def format_dialog(parent: QWidget | None = None) -> QDialog:
    """The format reference, read from docs/format.md, in a read-only browser; links stay put."""
    dialog = QDialog(parent)
    dialog.setObjectName("formatReferenceDialog")
    dialog.setWindowTitle("Briefing format reference")
    dialog.resize(820, 760)
    browser = QTextBrowser(dialog)
    browser.setObjectName("formatReferenceText")
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    try:
        browser.setMarkdown(format_reference().read_text(encoding="utf-8"))
    except OSError as exc:
        browser.setPlainText(f"The format reference could not be read: {exc}")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    return dialog
