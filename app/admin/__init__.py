"""Account administration for admins, inside their own scope."""
