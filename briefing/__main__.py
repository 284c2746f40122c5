"""`python -m briefing`: run one command; one that only reads and prints ends its process at once.

Python's tear-down at exit (every module's objects freed one by one, a last collection) took
70 ms after `briefing validate` of a 10,000-event file, and freeing the briefing it loaded
40 ms more; nothing in either matters once the output is flushed. Such a command leaves what
it loaded in `kept` and ends with os._exit, as mypy's does. Only in this entry: in-process
callers of briefing.cli.main keep their interpreter as it was.
"""

import os
import sys

from briefing.cli import ends_at_once, main

kept: list[object] = []
status = main(keep=kept)
if ends_at_once(sys.argv[1:]):
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 1
    os._exit(status)
raise SystemExit(status)
