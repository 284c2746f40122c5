"""Write files whole or not at all: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path


def _temporary_beside(path: Path, data: bytes) -> Path:
    """Write data to a new hidden file next to path; the umask applies as for any new file."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def write_files(files: Mapping[str | Path, bytes]) -> None:
    """Write every file or none: all temporaries first, then one os.replace each.

    Raises OSError (unwritable or missing folder, full disk) with no file left behind.
    """
    written: list[tuple[Path, Path]] = []
    target = Path()
    try:
        for path, data in files.items():
            target = Path(path)
            written.append((_temporary_beside(target, data), target))
        for temp, target in written:  # target names the file in any error
            os.replace(temp, target)
    except OSError as exc:
        # Name the file the user asked for, not the hidden temporary.
        raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from exc
    finally:
        for temp, _target in written:
            temp.unlink(missing_ok=True)


def write_file(path: str | Path, data: bytes) -> None:
    """Write one file whole or not at all; raises OSError and leaves nothing behind on failure."""
    write_files({path: data})
