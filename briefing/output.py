"""Where an output may go, and writing it whole or not at all; every writer of the app uses this.

The rule, for the PDF, STIX and CSV exports, `briefing import`, `open --screenshot` and the
window's export:
- refused, with one line: the input itself (the same file after following links, or another
  hard link to it; only `briefing migrate` may rewrite its input, through `allow_input`), a
  directory, a device, a FIFO, a socket, a read-only file or folder (no
  write bit for the owner: root ignores permissions, so the mode bits are read, not
  `os.access`), and a symbolic link: not followed, since `/dev/stdout` is one (folders on the
  way may be links);
- the content goes to a temporary file with a short name in the target's folder (so any name
  the file system accepts works, 255 bytes included), is synced, and is renamed over the target
  with `os.replace`; a failure removes it and leaves the target as it was;
- a replaced file keeps its permission bits (and, for root, its owner); a new file follows the
  umask like any other;
- every failure is an `OutputError` whose text reads `cannot write NAME: reason`, NAME as the
  user gave it, never the temporary's ("No space left on device" on a full disk).

No Qt here: the STIX and CSV exports and the importer write without it.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from briefing.problems import shown

StrPath = str | os.PathLike[str]
Content = bytes | Callable[[BinaryIO], object]
"""What to write: the bytes, or a function that writes them to an open binary file."""

_NOT_REGULAR = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputError(OSError):
    """An output that is refused or cannot be written; str() is the one line to show."""

    def __init__(self, code: int, reason: str, name: str) -> None:
        super().__init__(code, reason, name)

    def __str__(self) -> str:
        return (
            f"cannot write {shown(self.filename) if self.filename else repr('')}: {self.strerror}"
        )


def _refuse(name: str, code: int, reason: str | None = None) -> OutputError:
    return OutputError(code, reason or os.strerror(code), name)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _input_stats(inputs: Iterable[StrPath]) -> list[os.stat_result]:
    found = []
    for path in inputs:
        with suppress(OSError, ValueError):  # an input that is gone cannot be overwritten
            found.append(os.stat(path))
    return found


def check_output(
    path: StrPath, inputs: Iterable[StrPath] = (), allow_input: bool = False
) -> tuple[Path, os.stat_result | None]:
    """The file to write and what is there now (None: nothing), or OutputError.

    Cheap: callers check before long work (drawing a PDF) so a refusal comes at once.
    `allow_input` is for `briefing migrate` alone, which rewrites its input in place.
    """
    name = os.fspath(path)
    if not name:
        raise _refuse(name, errno.ENOENT, "no file name given")
    if "\0" in name:
        raise _refuse(name, errno.EINVAL, "the name holds a NUL character")
    if os.path.basename(name) in ("", ".", ".."):
        raise _refuse(name, errno.EISDIR)
    try:
        existing: os.stat_result | None = os.lstat(name)
    except FileNotFoundError:
        existing = None
    except OSError as exc:  # a file used as a folder, an unreadable folder, a name too long
        raise _refuse(name, exc.errno or errno.EIO, exc.strerror) from None
    if existing is not None:
        followed = existing
        with suppress(OSError):  # through links, the way the input was read
            followed = os.stat(name)
        if not allow_input and any(_same_file(followed, seen) for seen in _input_stats(inputs)):
            raise _refuse(name, errno.EINVAL, "it is the input; choose another name")
        if stat.S_ISLNK(existing.st_mode):
            # Refused, not followed: /dev/stdout and /proc/self/fd/N are links too, and
            # replacing whatever they lead to (or the link) is never what was meant.
            raise _refuse(name, errno.ELOOP, "it is a symbolic link; name the file itself")
        if stat.S_ISDIR(existing.st_mode):
            raise _refuse(name, errno.EISDIR)
        for test, kind in _NOT_REGULAR:
            if test(existing.st_mode):
                raise _refuse(name, errno.EINVAL, f"it is {kind}, not a regular file")
        if not existing.st_mode & stat.S_IWUSR:
            raise _refuse(name, errno.EACCES, "the file is read-only")
    try:
        folder = os.stat(os.path.dirname(name) or os.curdir)
    except OSError as exc:
        raise _refuse(name, exc.errno or errno.EIO, exc.strerror) from None
    if not stat.S_ISDIR(folder.st_mode):
        raise _refuse(name, errno.ENOTDIR)
    if not folder.st_mode & stat.S_IWUSR:
        raise _refuse(name, errno.EACCES)
    return Path(name), existing


def _write_temporary(target: Path, content: Content, keep: os.stat_result | None) -> Path:
    """Content in a new file beside `target`, synced, with the mode of the file it replaces."""
    # A short name of its own, not derived from the target's: a 255-byte target name works.
    temporary = target.with_name(f".briefing-{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                content(handle)
            handle.flush()
            if keep is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(keep.st_mode))
                if os.geteuid() == 0:  # root replacing someone's file: it stays theirs
                    os.fchown(handle.fileno(), keep.st_uid, keep.st_gid)
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_files(
    files: Mapping[StrPath, Content], inputs: Iterable[StrPath] = (), allow_input: bool = False
) -> None:
    """Write every file or none: each checked, all temporaries written, then one rename each.

    Raises OutputError, with no temporary left behind and every target as it was; an error
    other than OSError from a content function passes through, also leaving nothing.
    """
    inputs = list(inputs)
    planned: list[tuple[str, Path, os.stat_result | None, Content]] = []
    for path, content in files.items():
        name = os.fspath(path)
        target, existing = check_output(name, inputs, allow_input)
        if any(target == other for _, other, _, _ in planned):
            raise _refuse(name, errno.EINVAL, "named twice among the outputs")
        planned.append((name, target, existing, content))
    written: list[Path] = []
    current = ""  # the output at work, for the message
    try:
        for current, target, existing, content in planned:  # noqa: B007
            written.append(_write_temporary(target, content, existing))
        for temporary, (current, target, _existing, _content) in zip(  # noqa: B007
            written, planned, strict=True
        ):
            os.replace(temporary, target)
    except OutputError:
        raise
    except OSError as exc:  # name the file the user asked for, not the hidden temporary
        raise _refuse(current, exc.errno or errno.EIO, exc.strerror or str(exc)) from None
    finally:
        for temporary in written:
            temporary.unlink(missing_ok=True)


def write_file(
    path: StrPath, content: Content, inputs: Iterable[StrPath] = (), allow_input: bool = False
) -> None:
    """Write one file whole or not at all; see `write_files`."""
    write_files({path: content}, inputs, allow_input)
