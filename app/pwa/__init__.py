"""Progressive web app: manifest, service worker, offline page and the outbox page."""
