"""The WhatsApp text of a timeline entry (issue 16 point 5): what the desk pastes into its groups instead of
retyping — the kind, category and status, the place, the event time, the text and the link to the entry.

Never restricted content: an entry shown to some agencies only has no share text at all (None), whoever looks at
it, because a WhatsApp group is outside every agency rule. No author, phone or photo goes into the text either
(the reporter's safety; the link leads those entitled to the rest). Always Indonesian: the groups are the desk's.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from sqlmodel import Session

from app.i18n import id_time, local
from app.timeline.models import Entry
from app.timeline.queries import CardData, card_data
from app.timeline.vocab import category_label

TEXT_LIMIT = 700  # characters of the entry's text; the link leads to the rest


def entry_link(entry: Entry) -> str:
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}/{'kerawanan' if entry.is_incident else 'linimasa'}/{entry.id}"


def share_text(session: Session, entry: Entry, cd: CardData | None = None) -> str | None:
    """The entry as WhatsApp text (bold with ``*``, short lines), or None when it is restricted."""
    if entry.visible_agency_list:
        return None
    cd = cd or card_data(session, [entry])
    with force_locale("id"):
        head = str(entry.kind.label).upper()
        if entry.is_incident and entry.category:
            head += f" — {category_label(entry.category)}"
        lines = [f"*{head}*"]
        place = ", ".join(cd.place(entry))
        if place:
            lines.append(place)
        when = local(entry.occurred_at, entry.region_code)
        lines.append(f"{when.strftime('%d-%m-%Y')} pukul {id_time(entry.occurred_at, entry.region_code)}")
        if entry.is_incident:
            facts = [f"Status: {entry.status.label}"] if entry.status else []
            if entry.severity:
                facts.append(f"Tingkat: {entry.severity.label}")
            if entry.handling_agency:
                facts.append(f"Penanganan: {entry.handling_agency.label}")
            lines.append(" · ".join(facts))
        text = " ".join((entry.text or "").split())
        if text:
            lines += ["", text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"]
        lines += ["", f"Selengkapnya di Sinergi: {entry_link(entry)}"]
    return "\n".join(line for line in lines if line is not None).strip() + "\n"
