"""Accounts, agencies, roles, login and the failed-login throttle."""
