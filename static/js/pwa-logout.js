// Sinergi PWA: logout on a shared phone (form[data-logout]). What this account still has in the outbox is
// named and dropped on confirmation, and the pages kept for offline reading go with it.
(function () {
  "use strict";
  if (!("document" in self) || !self.SinergiPwa) return;
  var P = self.SinergiPwa, t = self.SinergiText("pwa"), Outbox = self.SinergiOutbox;
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.hasAttribute || !form.hasAttribute("data-logout") || form.dataset.cleared || !Outbox) return;
    evt.preventDefault();
    Outbox.all().then(function (items) {
      var mine = items.filter(function (i) { return !i.user || String(i.user) === P.account(); });
      var waiting = mine.filter(function (i) { return i.status !== "refused"; }).length || mine.length;
      if (mine.length && !window.confirm(t("logoutAsk", { num: mine.length }))) return null;
      return Promise.all(mine.map(function (i) { return Outbox.remove(i.key); })).then(function () {
        if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage({ type: "forgetPages" });
        }
        return self.caches ? caches.keys().then(function (names) {
          return Promise.all(names.filter(function (n) { return n.indexOf("sinergi-pages-") === 0; })
            .map(function (n) { return caches.delete(n); }));
        }) : null;
      }).then(function () {
        form.dataset.cleared = String(waiting);
        form.submit();
      });
    });
  }, true);
})();
