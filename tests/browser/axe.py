"""axe-core for the browser tests: one copy (npm, pinned in package.json) and one rule (serious/critical count).

axe is injected as a script tag, so the contexts that use it bypass the app's strict CSP (the test context only).
``SINERGI_AXE_JS`` points at another copy of axe.min.js."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("SINERGI_AXE_JS") or ROOT / "node_modules" / "axe-core" / "axe.min.js")
MISSING = f"NO axe-core at {AXE} (npm ci installs it, or set SINERGI_AXE_JS)"


def serious_violations(page) -> list[tuple]:
    """(rule, impact, first three targets) of every serious or critical axe violation on the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
