"""Use cases: what the command line and the TUI can do with a workspace."""
