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
  // The postings form: the TPS list shows the chosen officer's area only (an officer of one kecamatan can be
  // posted to its TPS only; the server refuses the rest), and keeps a choice still in it.
  function inArea(code, area) { return !!code && (code === area || code.indexOf(area + ".") === 0); }
  function narrow(form) {
    var regions = JSON.parse(form.getAttribute("data-officer-regions") || "{}");
    var officer = form.querySelector("select[name=officer]");
    var tps = form.querySelector("select[name=tps_id]");
    if (!officer || !tps) return;
    var area = regions[officer.value] || "";
    var first = null;
    Array.prototype.forEach.call(tps.options, function (option) {
      var shown = !area || inArea(option.getAttribute("data-village"), area);
      option.hidden = !shown;
      option.disabled = !shown;
      if (shown && !first) first = option;
    });
    var chosen = tps.options[tps.selectedIndex];
    if ((!chosen || chosen.disabled) && first) first.selected = true;
  }
  function initPostings() {
    var form = document.getElementById("vd-assign-form");
    if (!form || form.dataset.vdNarrow) return;
    form.dataset.vdNarrow = "1";
    narrow(form);
    form.addEventListener("change", function (evt) {
      if (evt.target && evt.target.name === "officer") narrow(form);
    });
  }
  document.addEventListener("DOMContentLoaded", initPostings);
  document.addEventListener("htmx:after:settle", initPostings);
  if (document.readyState !== "loading") initPostings();
  setInterval(tick, 20000);
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
  if (document.readyState !== "loading") init();
})();
