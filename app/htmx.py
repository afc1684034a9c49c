"""The one rule for "is this an htmx partial request", built on htmx-flask, plus htmx-aware responses.

htmx-flask gives every request ``request.htmx`` (its ``HX-*`` headers) and ``make_response(..., redirect=,
push_url=, retarget=, reswap=…)``. htmx 4 adds ``HX-Request-Type``: ``full`` for boosted navigation and
history restores (they replace the whole body and want the page), ``partial`` for everything else. htmx-flask
0.1.0 predates htmx 4, so this module extends its headers with that one field.

The same rule is used by the server (``is_htmx``), by the service worker (``static/js/sw.js``: a GET with
``HX-Request-Type: full`` is a page and is served like a navigation) and by caches (``Vary: HX-Request,
HX-Request-Type`` on every answer whose content depended on it).
"""

from __future__ import annotations

from functools import cached_property

from flask import Flask, Response, g, redirect, render_template, request
from htmx_flask import Htmx, make_response
from htmx_flask.requests import HtmxAwareRequest, HtmxHeaders

VARY = ("HX-Request", "HX-Request-Type")


class Htmx4Headers(HtmxHeaders):
    """htmx-flask's view of the ``HX-*`` headers plus htmx 4's ``HX-Request-Type``."""

    @cached_property
    def request_type(self) -> str | None:
        return self._headers.get("HX-Request-Type")

    @cached_property
    def partial(self) -> bool:
        """An htmx request that will swap a fragment (not a boosted navigation or history restore)."""
        return bool(self) and self.request_type != "full"


class Htmx4Request(HtmxAwareRequest):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.htmx = Htmx4Headers(self.headers)


def init_app(app: Flask) -> None:
    Htmx().init_app(app)
    app.request_class = Htmx4Request
    app.after_request(_vary_when_consulted)


def is_htmx() -> bool:
    """True for an htmx request that wants a fragment; boosted navigation and history restores get the page.

    Consulting it marks the response ``Vary: HX-Request, HX-Request-Type`` (see ``_vary_when_consulted``).
    """
    g.htmx_consulted = True
    return request.htmx.partial


def vary_on_htmx(response: Response) -> Response:
    """Tell caches (and the service worker) that this URL's answer depends on the htmx request headers."""
    response.vary.update(VARY)
    return response


def _vary_when_consulted(response: Response) -> Response:
    if g.get("htmx_consulted"):
        vary_on_htmx(response)
    return response


def render_page_or_partial(page: str, partial: str, **context) -> Response:
    """Render the fragment for htmx, the page otherwise."""
    return make_response(render_template(partial if is_htmx() else page, **context))


def hx_redirect(location: str) -> Response:
    """Redirect that works for both: ``HX-Redirect`` for any htmx request, 303 otherwise."""
    if request.htmx:
        return make_response("", 200, redirect=location)
    return redirect(location, 303)


def refused(body: str, target: str | None = None, status: int = 422) -> Response:
    """A refused form re-rendered in place: 422 with the page (or fragment). For htmx the action's POST-only URL
    is never pushed into history (a reload would answer 405); with ``target`` (a selector of that page) htmx
    swaps only that block, so the scroll position, the focus and the message next to the field stay."""
    response = make_response(body, status)
    if request.htmx:
        response.headers["HX-Push-Url"] = "false"
        if target:
            response.headers.update({"HX-Retarget": target, "HX-Reselect": target, "HX-Reswap": "outerHTML"})
    return response
