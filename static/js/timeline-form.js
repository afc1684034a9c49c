// Timeline posting form: photo previews (the photos are shrunk by pwa-photos.js), the place pickers offline,
// incident/visibility fields. Acts only when form.tl-post exists; re-initialises after htmx swaps. No inline
// scripts (strict CSP). The live list, the phone's time and refused forms are in timeline.js; keys in app.js.
// Place pickers: htmx does the cascade (hx-get/hx-trigger/hx-target, app/timeline/forms.py wire_places). An
// officer at a TPS often has no signal and must still say which TPS, so the scope's place data
// (data-places-url, small) is loaded once and kept by the service worker (SINERGI.data); when a picker's
// request fails (htmx:error, or the worker's empty 204 for an offline partial) the options come from that
// copy. The village search filters on the phone and asks for the whole region when nothing matches.
(function () {
  "use strict";
  function initForm(form) {
    if (form.dataset.tlReady) return;
    form.dataset.tlReady = "1";
    var kind = form.querySelector("[name=kind]");
    var incident = form.querySelector("[data-incident-fields]");
    var visibility = form.querySelector("[name=visibility]");
    var visibleTo = form.querySelector("[data-visible-to]");
    function toggle() {
      if (incident && kind) incident.hidden = kind.value !== "kerawanan";
      if (visibleTo && visibility) visibleTo.hidden = visibility.value !== "chosen";
    }
    if (kind) kind.addEventListener("change", toggle);
    if (visibility) visibility.addEventListener("change", toggle);
    toggle();

    var photos = form.querySelector("input[type=file][data-shrink]");
    var submit = form.querySelector("button[type=submit]");
    var preview = form.querySelector("[data-photo-preview]");
    if (photos && window.DataTransfer && self.SinergiPhotos) {
      photos.addEventListener("change", function () {
        var files = Array.prototype.slice.call(photos.files, 0, parseInt(photos.getAttribute("data-max"), 10) || 4);
        showPreview(preview, files);
        if (!files.length) return;
        if (submit) submit.disabled = true;
        // The one shrinker (pwa-photos.js), with the outbox's size and quality rule.
        self.SinergiPhotos.shrinkInput(photos, files).finally(function () { if (submit) submit.disabled = false; });
      });
      form.addEventListener("reset", function () { showPreview(preview, []); });
    }
    initPlaces(form);
  }

  // What will be sent, before sending: small previews of the chosen photos (blob: URLs, allowed by the CSP).
  function showPreview(box, files) {
    if (!box) return;
    box.querySelectorAll("img").forEach(function (img) { URL.revokeObjectURL(img.src); });
    box.textContent = "";
    files.forEach(function (file, i) {
      var li = document.createElement("li"), img = document.createElement("img");
      img.src = URL.createObjectURL(file);
      img.alt = (box.getAttribute("data-alt") || "").replace("__N__", String(i + 1));
      li.appendChild(img);
      box.appendChild(li);
    });
    box.hidden = !files.length;
  }

  // ---- place pickers offline (see the header) --------------------------------------------------------
  var kept = {};  // url → promise of the place data (null when it could not be had)
  function keepOffline(url) {
    var sw = navigator.serviceWorker;
    if (!sw || sw.controller) return;  // controlled: the worker stored this answer itself
    sw.addEventListener("controllerchange", function () {
      if (sw.controller) sw.controller.postMessage({type: "keepPage", url: location.origin + url});
    }, {once: true});
  }
  function placeData(url) {
    if (!kept[url]) {
      keepOffline(url);
      kept[url] = fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .catch(function () { delete kept[url]; return null; });
    }
    return kept[url];
  }
  function option(value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }
  // Only the first option ("Seluruh kecamatan", "Tidak di TPS tertentu") stays; kecamatan groups go too.
  function keepFirst(select) { while (select.children.length > 1) select.removeChild(select.lastElementChild); }
  function kecamatanOf(code) { return code.split(".").slice(0, 3).join("."); }

  function initPlaces(form) {
    var kec = form.querySelector("[name=kecamatan]");
    var village = form.querySelector("[name=village_code]");
    var tps = form.querySelector("[name=tps_id]");
    var search = form.querySelector("[data-place-search]");
    var url = form.getAttribute("data-places-url");
    if (!kec || !village || !tps || !url) return;
    var data = null, asked = kec.value, wholeRegion = false, searching = false;
    placeData(url).then(function (loaded) { if (loaded && form.isConnected) data = loaded; });

    // The same options as the server's (app/timeline/routes/places.py), from the kept copy.
    function villagesFromData() {
      var names = {}, groups = {};
      keepFirst(village);
      data.kecamatan.forEach(function (k) { names[k.code] = k.name; });
      data.villages.forEach(function (v) {
        if (asked && v.kec !== asked) return;
        var parent = village;
        if (!asked) {  // the whole region: villages grouped by kecamatan
          parent = groups[v.kec];
          if (!parent) {
            parent = groups[v.kec] = document.createElement("optgroup");
            parent.label = names[v.kec] || v.kec;
            village.appendChild(parent);
          }
        }
        parent.appendChild(option(v.code, v.name));
      });
    }
    function tpsFromData() {
      keepFirst(tps);
      data.tps.forEach(function (t) { if (t.village === village.value) tps.appendChild(option(String(t.id), t.label)); });
    }
    // New villages listed (by htmx or from the copy): no TPS chosen any more; a pending search goes on.
    function villagesListed() {
      keepFirst(tps);
      wholeRegion = !asked;
      if (searching) filter();
    }
    function source(evt) { return evt.detail && evt.detail.ctx && evt.detail.ctx.sourceElement; }
    function offline(evt) {
      var from = source(evt);
      if (!data || (from !== kec && from !== village)) return;
      if (from === kec) { villagesFromData(); villagesListed(); } else tpsFromData();
    }
    form.addEventListener("htmx:error", offline);
    form.addEventListener("htmx:after:request", function (evt) {
      if (evt.detail.ctx.response && evt.detail.ctx.response.status === 204) offline(evt);
    });
    form.addEventListener("htmx:after:swap", function (evt) {
      var ctx = evt.detail.ctx;
      if (source(evt) === kec && ctx.response && ctx.response.status === 200) villagesListed();
    });
    kec.addEventListener("change", function () { asked = kec.value; });
    village.addEventListener("change", function () {
      // chosen from the whole region's list: its kecamatan follows (its villages stay listed)
      var own = village.value && kecamatanOf(village.value);
      if (own && kec.value !== own && kec.querySelector("option[value='" + own + "']")) kec.value = own;
    });

    // Hide the villages that do not match; choose the first match (its TPS load as for a tap).
    function filter() {
      var q = search.value.trim().toLowerCase(), firstMatch = null;
      Array.prototype.forEach.call(village.options, function (opt, i) {
        var hit = i === 0 || !q || opt.text.toLowerCase().indexOf(q) >= 0;
        opt.hidden = !hit;
        if (hit && i > 0 && !firstMatch) firstMatch = opt;
      });
      village.querySelectorAll("optgroup").forEach(function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      searching = false;
      if (q && !firstMatch && !wholeRegion) {  // not among these: list the whole region, then look again
        searching = true;
        kec.value = "";
        kec.dispatchEvent(new Event("change", {bubbles: true}));
        return;
      }
      if (q && firstMatch && village.value !== firstMatch.value) {
        village.value = firstMatch.value;
        village.dispatchEvent(new Event("change", {bubbles: true}));
      }
    }
    if (search) search.addEventListener("input", filter);
  }

  function init() {
    document.querySelectorAll("form.tl-post").forEach(initForm);
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
})();
