"""Texts of static/js/pwa.js (update notice, install prompt, outbox list), read in the page with
``SinergiText("pwa")``. ``%(name)s`` placeholders are filled by the script."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    # outbox states and actions
    "waiting": _l("waiting for signal"),
    "login": _l("log in again to send"),
    "refused": _l("refused (%(code)s): %(reason)s"),
    "other": _l("another account"),
    "retry": _l("Send again"),
    "discard": _l("Discard"),
    "save": _l("Save and send"),
    "discardAsk": _l("Discard this item? It will not be sent."),
    "photo": _l("%(num)s photo"),
    "photos": _l("%(num)s photos"),
    "queued": _l("Saved in the outbox — waiting for signal."),
    "sent": _l("Sent: %(num)s"),
    "left": _l("%(num)s waiting."),
    "refusedCount": _l("%(num)s refused."),
    "sentItem": _l("%(label)s sent."),
    "seeResult": _l("See the result"),
    "loginLink": _l("Log in"),
    "logoutAsk": _l(
        "%(num)s item(s) have not been sent yet. Logging out deletes them from this phone. Log out anyway?"
    ),
    # what a waiting item is (the form's data-outbox label) and its main fields
    "label_item": _l("item"),
    "label_timeline": _l("Timeline post"),
    "label_pengaduan": _l("Complaint"),
    "field_text": _l("Text"),
    "field_description": _l("Description"),
    "field_note": _l("Note"),
    "field_title": _l("Title"),
    # the service worker's update notice and the install prompt
    "update": _l("A new version is available"),
    "reload": _l("reload"),
    "install": _l("Install Sinergi on your home screen: opens quickly, works with a weak signal."),
    "installButton": _l("Install"),
    "later": _l("Later"),
    "ios": _l("To install: tap Share, then “Add to Home Screen”."),
    # data saver
    "tapPhoto": _l("Tap to load the photo"),
}
