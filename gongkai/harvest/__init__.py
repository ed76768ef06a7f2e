"""Harvesting published annual reports from government sites (network code; not part of the pure core)."""
