"""Data files: domain texts and message catalogs in Dutch and English."""
