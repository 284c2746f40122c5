"""Entry point of the frozen app: the same `briefing` command as the installed package."""

from briefing.__main__ import run

run()
