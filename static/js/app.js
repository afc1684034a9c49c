// Sinergi page script: the scripts' texts, loading indicator, confirmations, idempotency keys. No inline
// scripts (strict CSP).

// SinergiText("pwa") → t(key, {num: 2}): the texts of one feature's script, translated by the server into
// the page's <script type="application/json" id="sinergi-messages"> block (app/core/setup.py js_messages);
// "%(name)s" placeholders are filled from the second argument. Loaded before every feature script.
self.SinergiText = function (namespace) {
  "use strict";
  var all = {};
  var block = self.document && document.getElementById("sinergi-messages");
  try { all = block ? JSON.parse(block.textContent) : {}; } catch (e) { all = {}; }
  var texts = all[namespace] || {};
  return function (key, values) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && values[name] != null ? String(values[name]) : whole;
    });
  };
};

(function () {
  "use strict";
  var pending = 0;
  function setLoading(delta) {
    pending = Math.max(0, pending + delta);
    document.body.classList.toggle("is-loading", pending > 0);
  }
  document.addEventListener("htmx:before:request", function () { setLoading(1); });
  document.addEventListener("htmx:finally:request", function () { setLoading(-1); });

  // Every state-changing request carries an idempotency key, so a resend (flaky signal, outbox replay)
  // is stored once. Forms may carry their own key in a hidden field named idempotency_key.
  document.addEventListener("htmx:config:request", function (evt) {
    var request = evt.detail && evt.detail.ctx && evt.detail.ctx.request;
    if (!request || (request.method || "GET").toUpperCase() === "GET") return;
    if (!request.headers["Idempotency-Key"] && window.crypto && crypto.randomUUID) {
      request.headers["Idempotency-Key"] = crypto.randomUUID();
    }
  });

  // Confirmation before actions that lose or change data (data-confirm="question").
  document.addEventListener("click", function (evt) {
    var el = evt.target.closest && evt.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      evt.preventDefault();
      evt.stopImmediatePropagation();
    }
  }, true);
})();
