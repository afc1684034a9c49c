"""The demo voting day reads like a real one (domain review §7)."""

from __future__ import annotations

from app.timeline.seed_data import INCIDENTS, POSTS

# "mengarahkan pemilih" (steering voters) too: a re-walk of issue 11 found it at 17.15, after the polls closed.
VOTING_WORDS = ("antre", "pemberian surat suara", "untuk pemilih", "dipersilakan memilih", "mengarahkan pemilih")


def test_afternoon_incidents_are_about_counting_not_voting():
    """Voting closes at 13.00 local time (PKPU 17/2024): no incident after it speaks of voters waiting for or
    being given ballots."""
    for row in INCIDENTS:
        hhmm, text, note = row[0], row[7], row[11]
        if hhmm >= "13.00":
            for word in VOTING_WORDS:
                assert word not in text.lower(), (hhmm, word)
                assert word not in note.lower(), (hhmm, word)


def test_turnout_post_does_not_repeat_a_figure_readiness_computes():
    """The turnout figure is the readiness module's; the timeline post must not contradict it with its own."""
    post = next(p for p in POSTS if "Partisipasi" in p[3])
    assert "79,80%" not in post[3]
