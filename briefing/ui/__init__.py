"""The viewer: a main window with a linked timeline, force chart and claims pane."""
