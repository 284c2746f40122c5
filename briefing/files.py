"""Reading a file the user named: regular files only, at most a limit; never waits on a pipe.

Opening a named pipe (FIFO) for reading blocks until something writes to it, and a device such
as /dev/zero never ends; either would hang `validate`, `import` or the window. The file is
opened without blocking and refused unless it is a regular file, before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def not_a_file(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe (FIFO), not a file; refused"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "it is a device, not a file; refused"
    return "it is not a regular file; refused"


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file; OSError, with strerror saying why, otherwise."""
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        reason = not_a_file(os.fstat(descriptor).st_mode)
        if reason is not None:
            raise OSError(errno.EINVAL, reason, str(path))
        os.set_blocking(descriptor, True)
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        return handle.read(limit + 1)


Signature = tuple[int, int, int, int] | None


def file_signature(path: str) -> Signature:
    """What tells one version of a file from another: inode, size, modification time and type.

    The type counts: a file replaced by a named pipe or a device is a change, which the loader
    then refuses with a message instead of waiting on it.
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, stat.S_IFMT(status.st_mode))
