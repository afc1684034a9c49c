"""Fixtures of the security tests."""

from tests.complaints.conftest import complaint_input, make_complaint  # noqa: F401  (complaint factories)
from tests.test_migrations import empty_database_url  # noqa: F401  (an empty database on the suite's engine)
