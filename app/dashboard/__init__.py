"""The per-agency home page."""
