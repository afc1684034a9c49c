"""The one way to tell an htmx partial request from a page request, and htmx-aware redirects."""

from __future__ import annotations

from flask import Response, redirect, render_template, request
from htmx_flask import make_response


def is_htmx() -> bool:
    """True for an htmx request that wants a fragment.

    Boosted navigation and history restores also send ``HX-Request``, but target the whole body: htmx 4
    marks those ``HX-Request-Type: full``, and they get the full page.
    """
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Request-Type") != "full"


def render_page_or_partial(page: str, partial: str, **context) -> Response:
    """Render the fragment for htmx, the page otherwise, and say so in ``Vary`` for caches."""
    response = make_response(render_template(partial if is_htmx() else page, **context))
    response.vary.update(("HX-Request", "HX-Request-Type"))
    return response


def hx_redirect(location: str) -> Response:
    """Redirect that works for both: ``HX-Redirect`` for htmx requests, 303 otherwise."""
    if request.headers.get("HX-Request") == "true":
        return make_response("", 200, redirect=location)
    return redirect(location, 303)
