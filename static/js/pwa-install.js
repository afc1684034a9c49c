// Sinergi PWA: the install prompt in our own words (Android's beforeinstallprompt; a hint on iPhones).
(function () {
  "use strict";
  if (!("document" in self) || !self.SinergiPwa) return;
  var P = self.SinergiPwa, t = self.SinergiText("pwa");
  var DISMISS = "sinergi-install-dismissed";
  function dismissed() {
    var at = Number(localStorage.getItem(DISMISS) || 0);
    return Date.now() - at < 7 * 24 * 3600 * 1000;
  }
  function later(box) { localStorage.setItem(DISMISS, String(Date.now())); box.remove(); }
  window.addEventListener("beforeinstallprompt", function (evt) {
    evt.preventDefault();
    if (dismissed()) return;
    P.banner("pwa-install", t("install"), [
      { label: t("installButton"), primary: true, run: function (box) { box.remove(); evt.prompt(); } },
      { label: t("later"), run: later },
    ]).classList.add("pwa-install");
  });
  var standalone = window.matchMedia && window.matchMedia("(display-mode: standalone)").matches;
  if (/iPhone|iPad|iPod/.test(navigator.userAgent) && !navigator.standalone && !standalone && !dismissed()
      && P.account()) {
    P.banner("pwa-install", t("ios"), [{ label: t("later"), run: later }]).classList.add("pwa-install");
  }
})();
