// Timeline: live updates (hx-sse with polling fallback) in event order with day headings, "N entri baru" pill,
// the phone's time on the forms the outbox may send, refused forms swapped in place.
// The posting form's helpers are in timeline-form.js. Acts only when its elements exist; re-initialises after
// htmx swaps. No inline scripts (strict CSP).
(function () {
  "use strict";
  var POLL_MS = 5000, WATCHDOG_MS = 45000, CONNECT_GRACE_MS = 6000;

  // ---- the phone's time on the forms (idempotency keys are app.js's) ---------------------------------------
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    if (!ctx || !ctx.request) return;
    // The phone's time of the tap (app/timeline/event_time.py); the outbox renews sent_at when it resends.
    var body = ctx.request.body;
    if (body && body.has && body.has("occurred_at")) {
      var now = new Date().toISOString();
      body.set("occurred_at", now);
      body.set("sent_at", now);
    }
  });
  // A plain (non-htmx) submit of the same forms: the same stamps in the hidden fields.
  document.addEventListener("submit", function (evt) {
    var input = evt.target.querySelector && evt.target.querySelector("input[data-occurred-at]");
    if (!input) return;
    var now = new Date().toISOString();
    input.value = now;
    var sent = evt.target.querySelector("input[name=sent_at]");
    if (sent) sent.value = now;
  }, true);

  // A refused form swapped in place (common.refused: HX-Retarget to one of these blocks): the field to correct
  // gets the focus, next to its message, and stays in view.
  var REFUSABLE = "#incident-steps, #followup-form, #post-form";
  document.addEventListener("htmx:after:settle", function (evt) {
    var target = evt.target;
    if (!target || !target.matches || !target.matches(REFUSABLE)) return;
    var field = target.querySelector(".field-error textarea, .field-error input, .field-error select");
    var alert = target.querySelector(".error");
    if (!field && !alert) return;
    if (field) field.focus({preventScroll: true});
    (field || alert).scrollIntoView({block: "center", behavior: "instant"});
  });

  // ---- live list --------------------------------------------------------------------------------------
  // Hand-written, not the meetings idiom (SSE event + hx-trigger re-fetch): that costs every open page a GET
  // per change, and the target is 500 streams at 20 posts/s (docs/PERFORMANCE.md). Here the stream carries
  // the cards, rendered once per process (app/timeline/feed.py), placed in event order under their day
  // heading and counted for the pill; polling ?since= only while the stream is down.
  function Live(box) {
    this.box = box;
    this.list = document.getElementById("timeline-list");
    this.pill = box.querySelector(".tl-new-pill");
    this.state = box.querySelector(".tl-live-state");
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
    // The first connection failing (network error, 5xx) is a core request error, not an SSE one.
    box.addEventListener("htmx:error", function () { self.startPolling(); });
    box.addEventListener("htmx:response:error", function () { self.startPolling(); });
    box.addEventListener("htmx:sse:after:connection", function () {
      self.connected = true;
      self.lastMessage = Date.now();
      self.stopPolling();
    });
    // No stream after a few seconds (proxy buffering, blocked): poll until it connects.
    setTimeout(function () { if (!self.connected) self.startPolling(); }, CONNECT_GRACE_MS);
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
  // Cards arrive in delivery order (the id cursor) but are shown in event order (data-at, the phone's time):
  // one written offline and sent late lands where it happened, under its own day heading.
  function order(li) { return [parseInt(li.getAttribute("data-at") || "0", 10), parseInt(li.getAttribute("data-id") || "0", 10)]; }
  function newer(a, b) { return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]); }
  Live.prototype.place = function (li) {
    var list = this.list, key = order(li), anchor = null;
    var cards = list.querySelectorAll(":scope > li.tl-entry");
    for (var i = 0; i < cards.length; i++) {
      if (newer(key, order(cards[i]))) { anchor = cards[i]; break; }
    }
    var more = list.querySelector(":scope > li.tl-more");
    if (!anchor && more) return false;  // older than the loaded page: it comes with the next one
    var day = li.getAttribute("data-day");
    var prev = anchor ? anchor.previousElementSibling : list.lastElementChild;
    if (prev && prev.classList.contains("tl-day")) {
      if (prev.getAttribute("data-day") === day) { list.insertBefore(li, anchor); return true; }
      anchor = prev;
      prev = prev.previousElementSibling;
    }
    if (!prev || prev.getAttribute("data-day") !== day) {
      var head = document.createElement("li"), h2 = document.createElement("h2");
      head.className = "tl-day";
      head.setAttribute("data-day", day);
      h2.textContent = li.getAttribute("data-day-label") || day;
      head.appendChild(h2);
      list.insertBefore(head, anchor);
    }
    list.insertBefore(li, anchor);
    return true;
  };
  Live.prototype.merge = function (html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var items = Array.prototype.slice.call(tpl.content.querySelectorAll("li.tl-entry"));
    var added = 0, self = this;
    items.reverse().forEach(function (li) {
      var old = document.getElementById(li.id);
      li.classList.add("tl-fresh");
      if (old) { old.replaceWith(li); return; }
      var empty = self.list.querySelector(".tl-empty");
      if (empty) empty.remove();
      if (self.place(li)) added += 1;
    });
    if (window.htmx) items.forEach(function (li) { if (li.isConnected) htmx.process(li); });
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

  function init() {
    var box = document.getElementById("timeline-live");
    if (box && !box._tlLive) box._tlLive = new Live(box);
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
})();
