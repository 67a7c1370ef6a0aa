"""Workspace folder <-> model: codec, atomic writes, loading."""
