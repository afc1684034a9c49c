"""Generated hostile input to every route, query parameter and form field, as several roles: never a 500.

The routes come from ``app.url_map`` (a new route is fuzzed without editing this file); the parameter names
from the source (``request.args.get("x")``, ``int_arg("x")``…) and from every Flask-WTF form's fields.
Hypothesis is derandomized (same requests on every run) and bounded: ``SINERGI_FUZZ_EXAMPLES`` requests
(10,000 by default). PDF layout is replaced by a blank page (the templates still render): WeasyPrint would
take the whole budget, and what it lays out comes from the database, not from the request.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.hostile_helpers import DEMO_PASSWORD, seed_demo

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SINERGI_FUZZ_EXAMPLES", "10000"))
ROLES = [
    "anonymous",
    "admin",
    "pemda-pimpinan",
    "pemda-sekretariat",
    "polri-operator",
    "polri-petugas",
    "kpu-operator",
    "bawaslu-operator",
    "kejaksaan-operator",
    "tni-petugas",
]
# Routes that end the fuzzing client's own session or stream forever; each has its own tests.
SKIP = {
    "auth.logout",
    "auth.logout_everywhere",
    "auth.change_password",
    "admin.user_active",
    "admin.user_password",
    "core.set_language",
    "timeline.stream",
    "meetings.stream",
    "instructions.stream",
}
ENGLISH_ERRORS = (
    "Bad Request",
    "Not Found",
    "Method Not Allowed",
    "Internal Server Error",
    "Page not found",
    "Invalid input",
    "Access denied",
    "Something went wrong",
)
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2",
    "3",
    "7",
    "9" * 30,
    str(2**31),
    str(2**63),
    "-" + "9" * 20,
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1.5",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "2024-11-27",
    "2024-11-27T25:61",
    "+2024-01-01",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "' OR 1=1 --",
    "\x00",
    "%00",
    "../../etc/passwd",
    "ａｂｃ",
    "٣",
    "true",
    "on",
    "y",
    "19.02",
    "19.02.02.2001",
    "x" * 5000,
    "🙂" * 50,
    "javascript:alert(1)",
]


def _param_names() -> list[str]:
    """Every name the views read: ``.get("x")``/``getlist("x")``/``int_arg("x")`` in app/, plus form fields."""
    names = set()
    pattern = re.compile(
        r'(?:args|form|values)\.(?:get|getlist)\(\s*"([a-z_0-9-]+)"|(?:int_arg|date_arg|id_list)'
        r'\(\s*"([a-z_0-9-]+)"'
    )
    for path in (ROOT / "app").rglob("*.py"):
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    from flask_wtf import FlaskForm
    from wtforms.fields.core import UnboundField

    pending = list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        for klass in form.__mro__:
            names.update(k for k, v in vars(klass).items() if isinstance(v, UnboundField))
    names.update({"witnesses-0-name", "witnesses-0-phone", "idempotency_key", "step", "go"})
    return sorted(names)


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def fuzz_app(app, monkeypatch):
    seed_demo(app)
    blank = _blank_pdf()
    monkeypatch.setattr("app.pdf.layout_pdfs", lambda htmls: [blank for _ in htmls])
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    clients = {}
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            response = client.post("/masuk", data={"login": role, "password": DEMO_PASSWORD})
            assert response.status_code == 303, role
        clients[role] = client
    rules = [r for r in app.url_map.iter_rules() if r.endpoint not in SKIP]
    return app, clients, rules


values = st.one_of(
    st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(min_value=-(2**70), max_value=2**70).map(str)
)


def _path(rule, draw_value) -> str:
    args = {name: draw_value(type(conv).__name__) for name, conv in rule._converters.items()}  # noqa: SLF001
    return _fill(rule.rule, args)


def _fill(template: str, args: dict) -> str:
    from urllib.parse import quote

    def sub(match):
        return quote(str(args[match.group(2)]), safe="")

    return re.sub(r"<(?:([a-zA-Z_]+):)?([a-zA-Z_]+)>", sub, template)


def _check(response, method: str, url: str, role: str) -> None:
    status = response.status_code
    assert status < 500, f"{status} on {method} {url} as {role}"
    if 400 <= status < 500:
        body = response.get_data(as_text=True)
        assert body.strip(), f"empty {status} on {method} {url} as {role}"
        for english in ENGLISH_ERRORS:
            assert english not in body, f"English '{english}' in the {status} of {method} {url} as {role}"
        if "<html" in body:
            assert 'lang="id"' in body, f"{status} page not in Indonesian: {method} {url} as {role}"


STATS: Counter = Counter()
TIMES: Counter = Counter()


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_every_route_survives_generated_input(fuzz_app):
    app, clients, rules = fuzz_app
    names = _param_names()
    ints = st.one_of(st.integers(min_value=1, max_value=40), st.sampled_from([0, 2**31, 2**31 - 1, 10**30]))

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def fuzz(data):
        rule = data.draw(st.sampled_from(sorted(rules, key=lambda r: (r.rule, r.endpoint))), label="rule")
        role = data.draw(st.sampled_from(ROLES), label="role")
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        method = data.draw(st.sampled_from(methods), label="method")

        def draw_value(kind):
            if kind == "BoundedIntConverter":
                return data.draw(ints)
            return data.draw(values)

        path = _path(rule, draw_value)
        params = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=6), label="params")
        headers = {"HX-Request": "true"} if data.draw(st.booleans(), label="htmx") else {}
        client = clients[role]
        started = time.perf_counter()
        if method == "GET":
            response = client.get(path, query_string=params, headers=headers)
        else:
            response = client.open(path, method=method, data=params, headers=headers)
        try:
            _check(response, method, f"{path}?{params}", role)
        finally:
            response.close()
        STATS[response.status_code] += 1
        TIMES[rule.endpoint] += time.perf_counter() - started

    fuzz()
    total = sum(STATS.values())
    print(f"\nfuzzed {total} requests over {len(rules)} routes x {len(ROLES)} roles: {dict(sorted(STATS.items()))}")
    print("slowest:", [(k, round(v, 2)) for k, v in TIMES.most_common(8)], round(sum(TIMES.values()), 1))
    assert STATS[500] == 0
