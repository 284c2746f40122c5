"""Follows the open briefing on disk and says, once per burst of saves, that it changed.

Editors save in different ways: some write the file in place, others write a new file and rename
it over the old one, which drops a QFileSystemWatcher's watch on the old file. So the watcher
also watches the folder, adds the path again whenever it (re)appears, and waits ~200 ms after the
last change before it speaks, so that a save in several steps reloads once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from briefing.files import Signature, file_signature

DEBOUNCE_MS = 200


def _is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


class FileWatcher(QObject):
    changed = Signal(str)  # the path, after the file settled

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._watcher.directoryChanged.connect(self._on_directory_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._settled)
        self._path: str | None = None
        self._signature: Signature = None
        self._file_touched = False

    @property
    def path(self) -> str | None:
        return self._path

    def watch(self, path: str | None) -> None:
        """Follow this file (None: follow nothing)."""
        self.stop()
        if path is None:
            return
        self._path = str(Path(path).absolute())
        self._signature = file_signature(self._path)
        self._watcher.addPath(str(Path(self._path).parent))
        self._rewatch_file()

    def stop(self) -> None:
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._timer.stop()
        self._path = None

    def _rewatch_file(self) -> None:
        # Only a regular file is watched: a pipe or device put in its place is never opened here.
        path = self._path
        if path and _is_regular_file(path) and path not in self._watcher.files():
            self._watcher.addPath(path)

    @Slot(str)
    def _on_file_changed(self, _path: str) -> None:
        self._file_touched = True
        self._rewatch_file()
        self._timer.start()

    @Slot(str)
    def _on_directory_changed(self, _path: str) -> None:
        # Some other file in the folder, or ours renamed into place: look when it settles.
        self._rewatch_file()
        self._timer.start()

    @Slot()
    def _settled(self) -> None:
        if self._path is None:
            return
        self._rewatch_file()
        signature = file_signature(self._path)
        touched, self._file_touched = self._file_touched, False
        if signature is None:
            return  # gone for now; the folder watch brings it back when it reappears
        if signature == self._signature and not touched:
            return
        self._signature = signature
        self.changed.emit(self._path)
