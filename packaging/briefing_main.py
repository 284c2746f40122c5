"""Entry point of the frozen app: the same `briefing` command as the installed package."""

from briefing.cli import main

raise SystemExit(main())
