// Push subscription for this device on /notifikasi/pengaturan ([data-push]). Acts only there.
(function () {
  "use strict";
  var t = self.SinergiText("notifications");
  var T = { on: t("on"), off: t("off"), denied: t("denied"), unsupported: t("unsupported"), failed: t("failed") };

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers:inherited") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function key(b64) {
    var padded = (b64 + "===".slice((b64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function post(url, body) {
    return fetch(url, { method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "Idempotency-Key": self.SinergiKeys.newKey() } });
  }

  function init() {
    var box = document.querySelector("[data-push]");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var status = box.querySelector("[data-push-status]");
    var on = box.querySelector("[data-push-on]");
    var off = box.querySelector("[data-push-off]");
    var vapid = box.getAttribute("data-vapid-key");
    if (!vapid) return;
    if (!("serviceWorker" in navigator) || !("PushManager" in window)) { status.textContent = T.unsupported; return; }
    function show(sub) {
      status.textContent = Notification.permission === "denied" ? T.denied : (sub ? T.on : T.off);
      on.hidden = !!sub || Notification.permission === "denied";
      off.hidden = !sub;
    }
    navigator.serviceWorker.ready.then(function (reg) {
      reg.pushManager.getSubscription().then(show);
      on.addEventListener("click", function () {
        Notification.requestPermission().then(function (perm) {
          if (perm !== "granted") return show(null);
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(vapid) })
            .then(function (sub) {
              return post(box.getAttribute("data-subscribe-url"), sub.toJSON()).then(function (r) {
                if (!r.ok) throw new Error("HTTP " + r.status);
                show(sub);
              });
            });
        }).catch(function () { status.textContent = T.failed; });
      });
      off.addEventListener("click", function () {
        reg.pushManager.getSubscription().then(function (sub) {
          if (!sub) return show(null);
          return post(box.getAttribute("data-unsubscribe-url"), { endpoint: sub.endpoint })
            .then(function () { return sub.unsubscribe(); }).then(function () { show(null); });
        }).catch(function () { status.textContent = T.failed; });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  document.addEventListener("htmx:after:settle", init);
})();

// The phone's bottom bar has no room for the bell: "Lainnya" carries the unread count of the side menu.
(function () {
  "use strict";
  function mirror() {
    var count = document.querySelector(".sidenav .nav-count");
    var more = document.querySelector('nav.bottomnav a[href="/menu"]');
    if (!more) return;
    var badge = more.querySelector(".nav-count");
    if (!count) { if (badge) badge.remove(); return; }
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "nav-count nav-count-more";
      badge.setAttribute("role", "img");  // aria-label is not allowed on a plain span
      more.appendChild(badge);
    }
    badge.textContent = count.textContent;
    badge.setAttribute("aria-label", count.getAttribute("aria-label") || "");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mirror);
  else mirror();
  document.addEventListener("htmx:after:settle", mirror);
})();
