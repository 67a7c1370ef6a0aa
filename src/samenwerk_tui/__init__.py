"""samenwerk: a keyboard-driven workbench for advisors of multi-party collaborations."""

__version__ = "0.1.0"
