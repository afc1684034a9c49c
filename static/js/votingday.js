// Voting-day board: the check-in's time field follows the phone's clock until the officer changes it (then it is
// the officer's statement, sent as "pukul"); left untouched it is emptied on send, so the time of the tap
// (occurred_at, stamped by timeline.js and kept by the outbox) counts. The wall view pings the server every few
// minutes (data-alive-url) so the login never lapses while the screen is on. No inline scripts (strict CSP).
(function () {
  "use strict";
  var ALIVE_MS = 5 * 60 * 1000;

  function hhmm(date) {
    return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }
  function clockInputs() {
    return document.querySelectorAll("#vd-checkin-form input[name=clock]");
  }
  function tick() {
    clockInputs().forEach(function (input) {
      if (!input.dataset.touched && document.activeElement !== input) input.value = hhmm(new Date());
    });
  }
  function init() {
    clockInputs().forEach(function (input) {
      if (input.dataset.vdReady) return;
      input.dataset.vdReady = "1";
      // Refused: keep what was typed, in this field or in another (the server sends a typed time back).
      var refused = input.form && input.form.hasAttribute("data-refused") && input.value;
      if (input.closest(".field-error") || refused) input.dataset.touched = "1";
      input.addEventListener("input", function () { input.dataset.touched = "1"; });
    });
    tick();
    var wall = document.getElementById("vd-wall");
    if (wall && !wall.dataset.vdAlive) {
      wall.dataset.vdAlive = "1";
      var url = wall.getAttribute("data-alive-url");
      setInterval(function () {
        if (document.getElementById("vd-wall")) fetch(url, { credentials: "same-origin", cache: "no-store" });
      }, ALIVE_MS);
    }
  }
  // Untouched: send no typed time, so the phone's stamp of the tap is the event's time.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form || form.id !== "vd-checkin-form") return;
    var input = form.querySelector("input[name=clock]");
    if (input && !input.dataset.touched) input.value = "";
  }, true);
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    var form = ctx && ctx.sourceElement && ctx.sourceElement.closest && ctx.sourceElement.closest("#vd-checkin-form");
    if (!form || !ctx.request || !ctx.request.body || !ctx.request.body.set) return;
    var input = form.querySelector("input[name=clock]");
    if (input && !input.dataset.touched) ctx.request.body.set("clock", "");
  });
  setInterval(tick, 20000);
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
  if (document.readyState !== "loading") init();
})();
