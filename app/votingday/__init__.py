"""Voting-day TPS status board (hari-H): one-tap check-ins per TPS step, silence made visible (issue 15)."""
