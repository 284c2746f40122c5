"""Briefing: a sourced YAML briefing read as timeline, force chart and claims, exported to PDF."""

__version__ = "0.1.0"
