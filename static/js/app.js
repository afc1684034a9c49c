// Sinergi page script: the scripts' texts, loading indicator, idempotency keys (their one owner),
// confirmations. No inline scripts (strict CSP).

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

  // ---- idempotency keys: this is their one owner ------------------------------------------------------
  // Every state-changing request carries an Idempotency-Key, so a resend (flaky signal, outbox replay) is
  // stored once. A form's key lives in its hidden idempotency_key field (filled here on load and after swaps,
  // so plain no-JS-style posts carry it too); htmx sends it as the header; after a real answer the form gets a
  // fresh key (the next post is a new post). Other scripts call SinergiKeys, never make keys themselves.
  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }
  function fill(root) {
    (root || document).querySelectorAll("input[name=idempotency_key]").forEach(function (input) {
      if (!input.value) input.value = newKey();
    });
  }
  function renew(form) {
    var input = form && form.querySelector && form.querySelector("input[name=idempotency_key]");
    if (input) input.value = newKey();
  }
  self.SinergiKeys = { newKey: newKey, fill: fill, renew: renew };
  function formOf(ctx) {
    var source = ctx.sourceElement;
    return ctx.request.form || (source && (source.tagName === "FORM" ? source : source.closest && source.closest("form")));
  }
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    var request = ctx && ctx.request;
    if (!request || (request.method || "GET").toUpperCase() === "GET") return;
    var form = formOf(ctx);
    var field = form && form.querySelector && form.querySelector("input[name=idempotency_key]");
    if (field && !field.value) field.value = newKey();
    var key = (field && field.value) || request.headers["Idempotency-Key"] || newKey();
    request.headers["Idempotency-Key"] = key;
    if (field && request.body && request.body.set) request.body.set("idempotency_key", key);  // header = field
  });
  document.addEventListener("htmx:after:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    var response = ctx && ctx.response;
    // 204 is the outbox keeping the post (static/js/sw.js): it is not sent yet, so the key stays with it.
    if (ctx && ctx.request && response && response.status < 400 && response.status !== 204) renew(formOf(ctx));
  });
  document.addEventListener("DOMContentLoaded", function () { fill(document); });
  document.addEventListener("htmx:after:settle", function () { fill(document); });

  // Confirmation before actions that lose or change data (data-confirm="question").
  document.addEventListener("click", function (evt) {
    var el = evt.target.closest && evt.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      evt.preventDefault();
      evt.stopImmediatePropagation();
    }
  }, true);
})();
