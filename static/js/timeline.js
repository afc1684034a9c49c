// Timeline: live updates (hx-sse with polling fallback), "N entri baru" pill, posting form helpers
// (idempotency key, photo shrinking, place pickers, incident/visibility fields). Acts only when its
// elements exist; re-initialises after htmx swaps. No inline scripts (strict CSP).
(function () {
  "use strict";
  var POLL_MS = 5000, WATCHDOG_MS = 45000, MAX_SIDE = 1600;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  // ---- idempotency keys: one per form render; the header carries the form's key -------------------------
  function fillKeys(root) {
    root.querySelectorAll("input[name=idempotency_key]").forEach(function (input) {
      if (!input.value) input.value = uuid();
    });
  }
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    if (!ctx || !ctx.request) return;
    var el = ctx.sourceElement;
    var form = el && (el.tagName === "FORM" ? el : el.closest && el.closest("form"));
    var key = form && form.querySelector("input[name=idempotency_key]");
    if (key && key.value) ctx.request.headers["Idempotency-Key"] = key.value;
  });

  // ---- live list --------------------------------------------------------------------------------------
  function Live(box) {
    this.box = box;
    this.list = document.getElementById("timeline-list");
    this.pill = box.querySelector(".new-pill");
    this.state = box.querySelector(".live-state");
    this.cursor = parseInt(box.getAttribute("data-cursor") || "0", 10);
    this.sinceUrl = box.getAttribute("data-since-url");
    this.unseen = 0;
    this.failures = 0;
    this.pollTimer = null;
    this.lastMessage = Date.now();
    var self = this;
    box.addEventListener("htmx:sse:before:message", function (evt) {
      var msg = evt.detail.message;
      self.lastMessage = Date.now();
      self.failures = 0;
      self.stopPolling();
      if (!msg.event && msg.data) {
        self.merge(msg.data);
        var id = parseInt(msg.id || "0", 10);
        if (id > self.cursor) self.cursor = id;
      }
      if (!msg.event || msg.event === "ping") evt.detail.cancelled = true;
    });
    box.addEventListener("htmx:sse:error", function () {
      self.failures += 1;
      if (self.failures >= 2) self.startPolling();
    });
    this.watchdog = setInterval(function () {
      if (!document.body.contains(box)) { self.destroy(); return; }
      if (Date.now() - self.lastMessage > WATCHDOG_MS) self.startPolling();
    }, 5000);
    this.pill.addEventListener("click", function () {
      window.scrollTo({top: 0, behavior: "smooth"});
      self.resetPill();
    });
    this.onScroll = function () { if (window.scrollY < 80) self.resetPill(); };
    window.addEventListener("scroll", this.onScroll, {passive: true});
  }
  Live.prototype.destroy = function () {
    clearInterval(this.watchdog);
    this.stopPolling();
    window.removeEventListener("scroll", this.onScroll);
  };
  Live.prototype.resetPill = function () {
    this.unseen = 0;
    this.pill.hidden = true;
  };
  Live.prototype.merge = function (html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var items = Array.prototype.slice.call(tpl.content.querySelectorAll("li.entry"));
    var added = 0, self = this;
    items.reverse().forEach(function (li) {  // the server sends newest first: insert oldest first
      var old = document.getElementById(li.id);
      li.classList.add("fresh");
      if (old) { old.replaceWith(li); return; }
      var empty = self.list.querySelector(".empty");
      if (empty) empty.remove();
      var head = self.list.firstElementChild;
      if (head && head.classList.contains("day-head") && head.getAttribute("data-day") === li.getAttribute("data-day")) {
        head.after(li);
      } else {
        self.list.prepend(li);
      }
      added += 1;
    });
    if (window.htmx) items.forEach(function (li) { htmx.process(li); });
    if (added && window.scrollY > 200) {
      this.unseen += added;
      this.pill.textContent = this.pill.getAttribute("data-label").replace("__N__", String(this.unseen));
      this.pill.hidden = false;
    }
  };
  Live.prototype.startPolling = function () {
    if (this.pollTimer) return;
    var self = this;
    this.state.textContent = "";
    this.pollTimer = setInterval(function () { self.poll(); }, POLL_MS);
    this.poll();
  };
  Live.prototype.stopPolling = function () {
    if (this.pollTimer) { clearInterval(this.pollTimer); this.pollTimer = null; }
  };
  Live.prototype.poll = function () {
    var self = this, sep = this.sinceUrl.indexOf("?") >= 0 ? "&" : "?";
    fetch(this.sinceUrl + sep + "since=" + this.cursor, {credentials: "same-origin",
      headers: {"HX-Request": "true", "HX-Request-Type": "partial"}})
      .then(function (r) {
        var c = parseInt(r.headers.get("X-Timeline-Cursor") || "0", 10);
        if (r.status === 200) return r.text().then(function (t) { self.merge(t); if (c > self.cursor) self.cursor = c; });
        if (c > self.cursor) self.cursor = c;
      })
      .catch(function () { /* offline: try again at the next tick */ });
  };

  // ---- posting form -----------------------------------------------------------------------------------
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
    if (photos && window.DataTransfer) {
      photos.addEventListener("change", function () {
        var files = Array.prototype.slice.call(photos.files, 0, 4);
        if (!files.length) return;
        if (submit) submit.disabled = true;
        Promise.all(files.map(shrink)).then(function (out) {
          var dt = new DataTransfer();
          out.forEach(function (f) { dt.items.add(f); });
          photos.files = dt.files;
        }).finally(function () { if (submit) submit.disabled = false; });
      });
    }

    var kec = form.querySelector("[name=kecamatan]");
    var village = form.querySelector("[name=village_code]");
    var tps = form.querySelector("[name=tps_id]");
    var search = form.querySelector("[data-place-search]");
    function load(select, query) {
      return fetch("/linimasa/tempat?" + query, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { if (html) select.innerHTML = html; });
    }
    if (kec && village) kec.addEventListener("change", function () {
      if (!kec.value) { village.innerHTML = village.options[0].outerHTML; return; }
      load(village, "kecamatan=" + encodeURIComponent(kec.value));
      if (tps) tps.innerHTML = tps.options[0].outerHTML;
    });
    if (village && tps) village.addEventListener("change", function () {
      if (!village.value) { tps.innerHTML = tps.options[0].outerHTML; return; }
      load(tps, "desa=" + encodeURIComponent(village.value));
    });
    if (search && village) search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase(), firstMatch = null;
      Array.prototype.forEach.call(village.options, function (opt, i) {
        var hit = i === 0 || !q || opt.text.toLowerCase().indexOf(q) >= 0;
        opt.hidden = !hit;
        if (hit && i > 0 && !firstMatch) firstMatch = opt;
      });
      if (q && firstMatch) { village.value = firstMatch.value; village.dispatchEvent(new Event("change")); }
    });
  }

  function init() {
    fillKeys(document);
    document.querySelectorAll("form.timeline-post").forEach(initForm);
    var box = document.getElementById("timeline-live");
    if (box && !box._tlLive) box._tlLive = new Live(box);
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
})();
