"""Notifications: the in-app list with an unread count, Web Push subscriptions and per-user settings."""
