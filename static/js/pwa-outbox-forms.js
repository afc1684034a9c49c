// Sinergi PWA: forms the outbox may keep (form[data-outbox]): their label and the page to open once sent
// travel with the request; a kept form is made ready for the next post. Keys are app.js's (SinergiKeys).
(function () {
  "use strict";
  if (!("document" in self) || !self.SinergiPwa) return;
  var P = self.SinergiPwa, t = self.SinergiText("pwa");

  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = P.el("input", { type: "hidden", name: name });
      form.appendChild(input);
    }
    if (value != null) input.value = value;
    return input;
  }
  function prepareForms(scope) {
    (scope || document).querySelectorAll("form[data-outbox]").forEach(function (form) {
      hidden(form, "_outbox", form.getAttribute("data-outbox") || "item");
      // Plain (non-htmx) posts reach the service worker without our headers: the page to open once sent
      // travels as a field.
      if (form.hasAttribute("data-outbox-after")) hidden(form, "_outbox_after", form.getAttribute("data-outbox-after"));
      hidden(form, "idempotency_key");
      self.SinergiKeys.fill(form);
    });
  }
  // The form whose request was just kept: ready for the next post (timeline), or put away when it must be
  // sent only once (data-outbox-once="<selector>": the complaint's review step, which a second tap would
  // otherwise send again under a new key).
  function resetForm(key) {
    document.querySelectorAll("form[data-outbox]").forEach(function (form) {
      var input = form.querySelector('input[name="idempotency_key"]');
      if (!input || input.value !== key) return;
      var once = form.getAttribute("data-outbox-once");
      if (once) {
        var box = document.querySelector(once) || form;
        box.hidden = true;
        form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = true; });
        return;
      }
      form.reset();
      self.SinergiKeys.renew(form);
    });
  }
  // A kept item was sent. Forms marked data-outbox-after name the page that shows its result (the
  // complaint's tracking code and secret, held for this browser by the server): open it at once where the
  // page was waiting for it, else offer it.
  var leaving = false;
  var later = null; // sent while this tab was in the background: opened when the user comes back to it
  function arrived(message) {
    var after = message && message.after;
    if (!after || leaving) return;
    if (document.visibilityState === "hidden") {
      later = message;
      return;
    }
    var waitingHere = document.querySelector('[data-outbox-panel="' + message.label + '"]') ||
      document.body.classList.contains("offline-page");
    if (waitingHere) {
      leaving = true;
      location.assign(after);
      return;
    }
    P.banner("pwa-sent", t("sentItem", { label: P.labelText(message.label) }), [
      { label: t("seeResult"), primary: true, run: function () { location.assign(after); } },
    ]);
  }
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    if (!ctx || !ctx.request) return;
    var form = ctx.request.form || (ctx.sourceElement && ctx.sourceElement.closest &&
      ctx.sourceElement.closest("form[data-outbox]"));
    if (!form || !form.hasAttribute || !form.hasAttribute("data-outbox")) return;
    ctx.request.headers["X-Outbox"] = form.getAttribute("data-outbox") || "item";
    if (form.hasAttribute("data-outbox-after")) ctx.request.headers["X-Outbox-After"] = form.getAttribute("data-outbox-after");
    if (P.account()) ctx.request.headers["X-Outbox-User"] = P.account();
  });
  // A post kept in the outbox (the service worker's 204) is not a page change: the address stays.
  document.addEventListener("htmx:before:history:update", function (evt) {
    var response = evt.detail && evt.detail.response;
    var raw = response && (response.raw || response);
    if (raw && raw.headers && raw.headers.get && raw.headers.get("X-Outbox-Queued")) evt.preventDefault();
  });
  document.addEventListener("outbox:changed", function (evt) {
    var data = evt.detail || {};
    if (data.type === "outbox:queued") {
      P.toast(t("queued"));
      resetForm(data.key);
    }
    if (data.type === "outbox:sent") arrived(data);
  });
  document.addEventListener("visibilitychange", function () {
    if (later && document.visibilityState === "visible") {
      var message = later;
      later = null;
      arrived(message);
    }
  });
  function start() { prepareForms(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:after:settle", start);
})();
