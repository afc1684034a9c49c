// Sinergi page script: the scripts' texts, loading indicator, idempotency keys (their one owner), one
// submission per tap, confirmations. No inline scripts (strict CSP).

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
    // Every POST form carries a key, also those whose template has no field for it: a double tap on a slow line
    // sends the same key twice, and the server stores the second as a replay of the first.
    (root || document).querySelectorAll("form").forEach(function (form) {
      if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
      if (form.querySelector("input[name=idempotency_key]")) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "idempotency_key";
      form.appendChild(input);
    });
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

  // ---- one submission per tap ---------------------------------------------------------------------------
  // A form that really navigates (no script took it over: htmx and the outbox call preventDefault) is marked
  // sending; a second submit while the answer is on its way is dropped, and the button says it is busy. The
  // mark lapses after a while, and when the page comes back from the browser's history.
  var SENDING_MS = 15000;
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form || form.tagName !== "FORM" || (form.getAttribute("method") || "get").toLowerCase() !== "post") return;
    if (form.dataset.sending) { evt.preventDefault(); return; }
    setTimeout(function () {
      if (evt.defaultPrevented) return;
      form.dataset.sending = "1";
      var button = evt.submitter || form.querySelector("[type=submit]");
      if (button) button.setAttribute("aria-busy", "true");
      setTimeout(function () { release(form); }, SENDING_MS);
    }, 0);
  });
  function release(form) {
    if (!form.dataset.sending) return;
    delete form.dataset.sending;
    form.querySelectorAll("[aria-busy]").forEach(function (b) { b.removeAttribute("aria-busy"); });
  }
  self.addEventListener("pageshow", function () { document.querySelectorAll("form[data-sending]").forEach(release); });

  // Confirmation before actions that lose or change data (data-confirm="question").
  document.addEventListener("click", function (evt) {
    var el = evt.target.closest && evt.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      evt.preventDefault();
      evt.stopImmediatePropagation();
    }
  }, true);
})();
