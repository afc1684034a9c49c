"""The timeline's services, one import for callers: ``from app.timeline import services``.

- ``posting``: ``post_entry``, ``post_with_photos``, ``add_followup``;
- ``incidents``: ``change_status``, ``assign``, ``acknowledge``, ``promote``;
- ``photos``: storing a post's photos (``store``, ``store_uploads``, ``discard``, ``PhotoFile``);
- ``event_time``: the phone's time of a post or step, checked against the server's;
- ``common``: ``EntryError`` (the domain error), the audit record and the live announcement.
"""

from app.timeline.models import EntryPhoto
from app.timeline.services.common import CHANNEL, MAX_TEXT, EntryError
from app.timeline.services.event_time import EventTime
from app.timeline.services.incidents import acknowledge, assign, change_status, promote
from app.timeline.services.photos import PhotoFile
from app.timeline.services.posting import add_followup, post_entry, post_with_photos

__all__ = [
    "CHANNEL",
    "MAX_TEXT",
    "EntryError",
    "EntryPhoto",  # tests/security reach the photo rows through here
    "EventTime",
    "PhotoFile",
    "acknowledge",
    "add_followup",
    "assign",
    "change_status",
    "post_entry",
    "post_with_photos",
    "promote",
]
