"""Exactly-once state changes: a client-generated Idempotency-Key makes a resent request a replay."""
