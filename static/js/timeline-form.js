// Timeline posting form: photo shrinking and previews, offline place pickers, incident/visibility fields.
// Acts only when form.timeline-post exists; re-initialises after htmx swaps. No inline scripts (strict CSP).
// The live list, idempotency keys, the phone's time and refused forms are in timeline.js.
(function () {
  "use strict";
  var MAX_SIDE = 1600;

  function shrink(file) {
    if (!/^image\//.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bmp) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
      if (scale === 1 && file.type === "image/jpeg" && file.size < 1500000) return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bmp.width * scale);
      canvas.height = Math.round(bmp.height * scale);
      canvas.getContext("2d").drawImage(bmp, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", {type: "image/jpeg"}) : file);
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });  // not decodable here: the server will say why
  }

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
    if (photos && window.DataTransfer) {
      photos.addEventListener("change", function () {
        var files = Array.prototype.slice.call(photos.files, 0, 4);
        showPreview(preview, files);
        if (!files.length) return;
        if (submit) submit.disabled = true;
        Promise.all(files.map(shrink)).then(function (out) {
          var dt = new DataTransfer();
          out.forEach(function (f) { dt.items.add(f); });
          photos.files = dt.files;
        }).finally(function () { if (submit) submit.disabled = false; });
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

  // ---- place pickers: the user's kecamatan, villages and TPS, loaded once and kept by the service worker
  // (SINERGI.data in sw.js), so a TPS can be chosen without a signal; a village can be searched without
  // choosing its kecamatan first. Without the data (never loaded, offline) the pickers ask the server. ----
  var PLACES_URL = "/linimasa/tempat.json", placesPromise = null;
  function keepOffline(url) {
    var sw = navigator.serviceWorker;
    if (!sw || sw.controller) return;  // controlled: the worker stored this answer itself
    sw.addEventListener("controllerchange", function () {
      if (sw.controller) sw.controller.postMessage({type: "keepPage", url: location.origin + url});
    }, {once: true});
  }
  function places() {
    if (!placesPromise) {
      keepOffline(PLACES_URL);
      placesPromise = fetch(PLACES_URL, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .catch(function () { placesPromise = null; return null; });
    }
    return placesPromise;
  }
  function option(value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    return o;
  }
  function initPlaces(form) {
    var kec = form.querySelector("[name=kecamatan]");
    var village = form.querySelector("[name=village_code]");
    var tps = form.querySelector("[name=tps_id]");
    var search = form.querySelector("[data-place-search]");
    if (!kec || !village || !tps) return;
    var data = null;
    // Only the first option ("Seluruh kecamatan", "Tidak di TPS tertentu") stays; kecamatan groups go too.
    function keepFirst(select) { while (select.children.length > 1) select.removeChild(select.lastElementChild); }
    function fillVillages() {
      var chosen = village.value, names = {};
      keepFirst(village);
      data.kecamatan.forEach(function (k) { names[k.code] = k.name; });
      var groups = {};
      data.villages.forEach(function (v) {
        if (kec.value && v.kec !== kec.value) return;
        var parent = village;
        if (!kec.value) {  // the whole region: villages grouped by kecamatan
          parent = groups[v.kec];
          if (!parent) {
            parent = groups[v.kec] = document.createElement("optgroup");
            parent.label = names[v.kec] || v.kec;
            village.appendChild(parent);
          }
        }
        parent.appendChild(option(v.code, v.name));
      });
      village.value = chosen;
      if (village.value !== chosen) village.value = "";
    }
    function fillTps() {
      var chosen = tps.value;
      keepFirst(tps);
      if (village.value) data.tps.forEach(function (t) { if (t.village === village.value) tps.appendChild(option(String(t.id), t.label)); });
      tps.value = chosen;
      if (tps.value !== chosen) tps.value = "";
    }
    function load(select, query) {  // without the data: ask the server (needs a signal)
      return fetch("/linimasa/tempat?" + query, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (html) select.innerHTML = html; })
        .catch(function () { /* offline and nothing kept: the choice stays at its default */ });
    }
    kec.addEventListener("change", function () {
      if (data) { fillVillages(); fillTps(); return; }
      keepFirst(tps);
      if (!kec.value) { keepFirst(village); return; }
      load(village, "kecamatan=" + encodeURIComponent(kec.value));
    });
    village.addEventListener("change", function () {
      if (data) {
        var v = data.villages.filter(function (x) { return x.code === village.value; })[0];
        if (v && kec.value !== v.kec) { kec.value = v.kec; fillVillages(); village.value = v.code; }
        fillTps();
        return;
      }
      if (!village.value) { keepFirst(tps); return; }
      load(tps, "desa=" + encodeURIComponent(village.value));
    });
    if (search) search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      if (data && q && kec.value && !data.villages.some(function (v) {
        return v.kec === kec.value && v.name.toLowerCase().indexOf(q) >= 0;
      })) {
        kec.value = "";  // not in the chosen kecamatan: search the whole region
        fillVillages();
      }
      var firstMatch = null;
      Array.prototype.forEach.call(village.options, function (opt, i) {
        var hit = i === 0 || !q || opt.text.toLowerCase().indexOf(q) >= 0;
        opt.hidden = !hit;
        if (hit && i > 0 && !firstMatch) firstMatch = opt;
      });
      village.querySelectorAll("optgroup").forEach(function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      if (q && firstMatch && village.value !== firstMatch.value) {
        village.value = firstMatch.value;
        village.dispatchEvent(new Event("change"));
      }
    });
    places().then(function (loaded) {
      if (!loaded || !form.isConnected) return;
      data = loaded;
      if (!kec.value && data.start && !village.value) kec.value = data.start;
      fillVillages();
      fillTps();
    });
  }

  function init() {
    document.querySelectorAll("form.timeline-post").forEach(initForm);
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
})();
