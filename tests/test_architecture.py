"""The model, the loader and `briefing validate` need no Qt: validating stays fast and headless."""

import subprocess
import sys

NO_QT = """
import contextlib, io, sys
import briefing.model, briefing.dates, briefing.loader, briefing.checks, briefing.writer
from briefing.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(["validate", sys.argv[1]])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "pyqtgraph"})
print(status, ",".join(loaded))
"""


def test_validate_imports_no_qt_module(tmp_path):
    from tests.test_loader import BUNDLED

    out = subprocess.run(
        [sys.executable, "-c", NO_QT, str(BUNDLED)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0"], "validate failed or loaded Qt: " + out.stdout
