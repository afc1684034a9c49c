"""Duty roster (piket) per agency and the hand-over note at shift change."""
