// Sinergi page script: loading indicator, confirmations, idempotency keys. No inline scripts (strict CSP).
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
