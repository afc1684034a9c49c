"""gunicorn settings for `make run`: one gevent worker serves pages and the live SSE streams.

gevent lets one process hold hundreds of open streams (technical.md §1); SQLite writes are serialised per
process inside the app, and CPU-heavy work (PDF, photos) runs in gevent's thread pool.
"""

import os

worker_class = "gevent"
workers = int(os.environ.get("SINERGI_WORKERS", "1"))
worker_connections = int(os.environ.get("SINERGI_WORKER_CONNECTIONS", "2000"))
# Streams never end by themselves: do not wait 30 s for them on restart; htmx reconnects.
graceful_timeout = 5
timeout = 60
keepalive = 5
accesslog = os.environ.get("SINERGI_ACCESS_LOG", "-") or None  # empty: no access log (tests, benchmarks)
