"""Escalation of unacknowledged incidents: to the agency's piket, its head, then the desk head."""
