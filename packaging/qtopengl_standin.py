"""PySide6.QtOpenGL in the frozen app: importable, and empty, because Briefing never draws with GL.

pyqtgraph 0.14 imports PySide6.QtOpenGL when it is imported (pyqtgraph/Qt/OpenGLHelpers.py,
graphicsItems/PlotCurveItem.py) but reads its classes only when an item paints through OpenGL
(useOpenGL, PlotCurveItem's paintGL). Briefing never turns that on, so the frozen app ships this
module under that name instead of the 8.9 MB binding (packaging/briefing.spec); QtOpenGLWidgets
and Qt's own OpenGL library stay. Any use of a class says what happened instead of crashing deep
inside pyqtgraph.
"""


def __getattr__(name: str) -> object:
    raise AttributeError(
        f"PySide6.QtOpenGL.{name}: the frozen Briefing app does not carry Qt's OpenGL classes "
        "(it never draws with OpenGL); run Briefing from source to use them"
    )
