// Sinergi PWA, part 1 of 7: what the other pwa-*.js files share (SinergiPwa), the service worker's
// registration and the "new version" notice. The parts, each acting only where its elements exist:
//   pwa.js            this file: shared helpers, service worker and update notice
//   pwa-install.js    the install prompt in our own words
//   pwa-outbox-forms.js  forms the outbox may keep (labels, headers, what to open once sent)
//   pwa-photos.js     the one photo shrinker (outbox forms and the timeline's posting form)
//   pwa-outbox-list.js   the outbox lists: render, send, retry, edit, discard
//   pwa-logout.js     logout on a shared phone
//   pwa-saver.js      the data saver
// core/setup.py loads a feature's main file (pwa.js) before its parts. No inline script (strict CSP).
(function () {
  "use strict";
  if (!("document" in self)) return;
  // Texts come translated from the server (app/pwa/js_messages.py), never from these files.
  var t = self.SinergiText("pwa");
  var urls = {};
  try {
    var meta = document.querySelector('meta[name="sinergi-pwa"]');
    urls = meta ? JSON.parse(meta.getAttribute("content")) : {};
  } catch (e) { urls = {}; }

  function account() {
    var meta = document.querySelector('meta[name="sinergi-account"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function banner(id, message, actions) {
    var old = document.getElementById(id);
    if (old) old.remove();
    // One action: text and button on one row ("Versi baru tersedia [muat ulang]"), the row a phone can spare.
    var box = el("div", { id: id, class: "pwa-banner" + (actions.length === 1 ? " pwa-banner-row" : ""), role: "status" });
    box.appendChild(el("p", {}, message));
    var row = el("p", { class: "pwa-banner-actions" });
    actions.forEach(function (a) {
      var b = el("button", { type: "button", class: "button small" + (a.primary ? " primary" : "") }, a.label);
      b.addEventListener("click", function () { a.run(box); });
      row.appendChild(b);
    });
    box.appendChild(row);
    document.body.appendChild(box);
    return box;
  }

  function toast(message) {
    var box = document.getElementById("pwa-toast") || document.body.appendChild(
      el("div", { id: "pwa-toast", class: "pwa-toast", role: "status", "aria-live": "polite" }));
    box.textContent = message;
    box.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.classList.remove("show"); }, 4000);
  }

  // The form's data-outbox label: a known one ("timeline", "pengaduan", "item") is named in the page's
  // language; others are already words (templates put translated text there).
  function labelText(label) {
    var text = t("label_" + (label || "item"));
    return text === "label_" + label ? label : text;
  }

  // URLs come from the page (meta sinergi-pwa, app/pwa/setup.py), never from these files.
  function url(name, fallback) { return urls[name] || fallback; }

  self.SinergiPwa = { account: account, el: el, banner: banner, toast: toast, labelText: labelText, url: url };

  // ---- service worker and the update notice -------------------------------------------------------------
  function watchUpdate(reg) {
    function offer(worker) {
      banner("pwa-update", t("update"), [{ label: t("reload"), primary: true, run: function () {
        worker.postMessage({ type: "skipWaiting" });
      } }]);
    }
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }
  if ("serviceWorker" in navigator && !document.body.classList.contains("no-sw")) {
    var reloading = false;
    // The first visit ever: the worker takes over this page after it was loaded, so its copy was never
    // stored. Pages the server marks (meta sinergi-offline-copy) ask the worker to fetch and keep one.
    var firstVisit = !navigator.serviceWorker.controller &&
      document.querySelector('meta[name="sinergi-offline-copy"]') ? location.href : "";
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (firstVisit && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "keepPage", url: firstVisit });
        firstVisit = "";
      }
      if (reloading || !document.getElementById("pwa-update")) return;
      reloading = true;
      location.reload();
    });
    navigator.serviceWorker.register(url("serviceWorker", "/sw.js"), { scope: "/" }).then(watchUpdate)
      .catch(function () { return null; });
    // The worker's outbox news (queued, sent, changed) reach the other parts as the page's own outbox event.
    navigator.serviceWorker.addEventListener("message", function (evt) {
      var data = evt.data || {};
      if (/^outbox:/.test(data.type || "")) {
        document.dispatchEvent(new CustomEvent("outbox:changed", { detail: data }));
      }
    });
  }
})();
