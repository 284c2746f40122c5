"""The `briefing` command's entry (`python -m briefing`, the installed script and the frozen app):
run one command; one that only reads and prints ends its process at once.

Python's tear-down at exit (every module's objects freed one by one, a last collection) took
70 ms after `briefing validate` of a 10,000-event file, and freeing the briefing it loaded
40 ms more; nothing in either matters once the output is flushed. Such a command leaves what
it loaded in `kept` and ends with os._exit, as mypy's does. It also runs without the cyclic
collector from its first import: it makes no cycles worth collecting before it ends, and the
collections during its imports cost ~15 ms. Only in this entry: in-process callers of
briefing.cli.main keep their interpreter as it was.
"""

import gc
import os
import sys
from typing import NoReturn

gc.disable()  # before the imports; put back in run() for every other command

from briefing.cli import ends_at_once, main  # noqa: E402 (after gc.disable)


def run() -> NoReturn:
    at_once = ends_at_once(sys.argv[1:])
    if not at_once:
        gc.enable()
    kept: list[object] = []
    status = main(keep=kept)
    if at_once:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                status = status or 1
        os._exit(status)
    raise SystemExit(status)


if __name__ == "__main__":
    run()
