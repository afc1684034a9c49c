// Sinergi PWA: the data saver. Images ([data-saver] img[data-src]) load only on tap when the connection is
// slow (2g) or the user asked to save data (Save-Data, or the page's data-save-data).
(function () {
  "use strict";
  if (!("document" in self) || !self.SinergiPwa) return;
  var P = self.SinergiPwa, t = self.SinergiText("pwa");
  function saving() {
    var c = navigator.connection;
    return !!(c && (c.saveData || /(^|-)2g$/.test(c.effectiveType || ""))) ||
      document.documentElement.hasAttribute("data-save-data");
  }
  function dataSaver(scope) {
    var save = saving();
    (scope || document).querySelectorAll("[data-saver] img[data-src]").forEach(function (img) {
      if (img.dataset.saverDone) return;
      img.dataset.saverDone = "1";
      if (!save) { img.src = img.dataset.src; return; }
      var button = P.el("button", { type: "button", class: "saver-tap" }, t("tapPhoto"));
      button.addEventListener("click", function () { img.src = img.dataset.src; button.remove(); img.hidden = false; });
      img.hidden = true;
      img.parentNode.insertBefore(button, img);
    });
  }
  function start() { dataSaver(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:after:settle", start);
})();
