"""Cross-cutting pages: health check, language switch, template helpers."""
