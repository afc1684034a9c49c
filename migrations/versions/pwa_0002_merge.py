"""merge the feature heads (complaints, timeline, pwa) so the branch has one head

The lead may replace this with the repository's own merge revision when integrating.

Revision ID: pwa_0002_merge
Revises: complaints_0001, timeline_0001, pwa_0001
"""
from collections.abc import Sequence

revision: str = "pwa_0002_merge"
down_revision: str | Sequence[str] | None = ("complaints_0001", "timeline_0001", "pwa_0001")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
