"""Coordination meetings (rapat koordinasi): agenda, attendance, live minutes, actions and the PDF notula."""
