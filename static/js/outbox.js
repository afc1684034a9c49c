// Sinergi outbox: what was sent without a signal waits in IndexedDB and goes out in order, once, later.
// The same file runs in the page (list, retry, edit, discard, photo shrinking) and in the service worker
// (importScripts: queueing failed requests, Background Sync). The server stores each request once thanks
// to its Idempotency-Key and answers a resend with the original result (X-Replayed: 1).
/* global SINERGI */
(function (root) {
  "use strict";
  var DB_NAME = "sinergi-outbox";
  var STORE = "items";
  // Where to ask who is logged in before resending: from the worker's SINERGI (app/pwa/routes.py) or the
  // page's meta sinergi-pwa (app/pwa/setup.py), never written here.
  var SESSION_URL = sessionUrl();
  var TEMPORARY = [401, 403, 408, 429];
  var OURS = ["csrf_token", "idempotency_key", "occurred_at", "sent_at"];

  function sessionUrl() {
    // In the worker SINERGI is the script's top-level const (a global binding, not a property of self).
    if (typeof SINERGI !== "undefined" && SINERGI.session) return SINERGI.session;
    var meta = root.document && root.document.querySelector('meta[name="sinergi-pwa"]');
    try { return JSON.parse(meta.getAttribute("content")).outboxSession; } catch (e) { return ""; }
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        var store = req.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("seq", "seq");
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function tx(mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result = fn(t.objectStore(STORE));
        t.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        t.onerror = function () { db.close(); reject(t.error); };
        t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }

  function all() {
    return tx("readonly", function (s) { return s.index("seq").getAll(); }).then(function (items) {
      return items || [];
    });
  }
  function put(item) { return tx("readwrite", function (s) { return s.put(item); }); }
  function remove(key) { return tx("readwrite", function (s) { return s.delete(key); }); }
  function clear() { return tx("readwrite", function (s) { return s.clear(); }); }
  function get(key) { return tx("readonly", function (s) { return s.get(key); }); }

  // Only a path of this site may be opened after sending (never another origin).
  function localPath(value) {
    return typeof value === "string" && /^\/(?!\/)/.test(value) ? value : "";
  }

  var counter = 0;
  // Turn a Request that could not reach the server into a storable item (call before the body is used).
  function fromRequest(request, label) {
    return request.clone().arrayBuffer().then(function (body) {
      var headers = [];
      request.headers.forEach(function (value, name) {
        if (name !== "content-length") headers.push([name, value]);
      });
      var key = request.headers.get("Idempotency-Key") || "";
      var item = {
        key: key, seq: Date.now() * 1000 + (counter++ % 1000), label: label || "", url: request.url,
        method: request.method, headers: headers, body: body, user: request.headers.get("X-Outbox-User") || "",
        status: "waiting", code: 0, reason: "", createdAt: new Date().toISOString(), attempts: 0,
        // The page that shows the result once sent (form's data-outbox-after), e.g. the complaint receipt.
        after: localPath(request.headers.get("X-Outbox-After")),
      };
      if (key) return item;
      // A plain form post: its key is the hidden idempotency_key field.
      return new Request(request.url, { method: "POST", headers: request.headers, body: body }).formData()
        .then(function (data) {
          item.key = data.get("idempotency_key") || ("local-" + item.seq);
          item.label = item.label || data.get("_outbox") || "";
          item.after = item.after || localPath(data.get("_outbox_after"));
          return item;
        }, function () { item.key = "local-" + item.seq; return item; });
    });
  }

  function header(item, name) {
    for (var i = 0; i < item.headers.length; i++) {
      if (item.headers[i][0].toLowerCase() === name.toLowerCase()) return item.headers[i][1];
    }
    return null;
  }

  // Build the request to resend; a newer CSRF token (after logging in again) replaces the stored one, and
  // the form's sent_at becomes the phone's time of this resend: the server takes the event's time as its
  // own receive time minus (sent_at - occurred_at), both read on this phone's clock (a wrong clock cancels).
  function toRequest(item, csrf) {
    var headers = new Headers(item.headers);
    headers.set("Idempotency-Key", item.key);
    headers.set("X-Outbox-Replay", "1");
    var type = header(item, "content-type") || "";
    var init = { method: item.method, headers: headers, credentials: "same-origin", redirect: "manual" };
    if (!/multipart\/form-data|application\/x-www-form-urlencoded/.test(type)) {
      init.body = item.body;
      return Promise.resolve(new Request(item.url, init));
    }
    if (csrf) headers.set("X-CSRFToken", csrf);
    return new Request(item.url, { method: "POST", headers: { "content-type": type }, body: item.body })
      .formData().then(function (data) {
        if (csrf && data.has("csrf_token")) data.set("csrf_token", csrf);
        if (!data.has("idempotency_key")) data.set("idempotency_key", item.key);
        if (data.has("occurred_at") && data.get("occurred_at")) data.set("sent_at", new Date().toISOString());
        headers.delete("content-type"); // the new multipart body brings its own boundary
        if (/urlencoded/.test(type)) {
          init.body = new URLSearchParams(data);
        } else {
          init.body = data;
        }
        return new Request(item.url, init);
      });
  }

  // The user-facing reason of a refusal: the form's error lines or the error box, else the status.
  function reasonOf(text, status) {
    var found = [];
    var re = /class="(?:error|flash flash-error)"[^>]*>([\s\S]*?)<\/(?:p|div)>/g;
    var m;
    while ((m = re.exec(text)) && found.length < 4) {
      var line = m[1].replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
      if (line) found.push(line);
    }
    return found.length ? found.join(" · ") : "HTTP " + status;
  }

  function broadcast(message) {
    if (root.clients && root.clients.matchAll) {
      root.clients.matchAll({ includeUncontrolled: true }).then(function (list) {
        list.forEach(function (c) { c.postMessage(message); });
      });
    } else if (root.navigator && root.navigator.serviceWorker && root.navigator.serviceWorker.controller) {
      root.navigator.serviceWorker.controller.postMessage(message);
    }
    if (root.document) root.document.dispatchEvent(new CustomEvent("outbox:changed", { detail: message }));
  }

  function withLock(fn) {
    if (root.navigator && root.navigator.locks) {
      return root.navigator.locks.request("sinergi-outbox", fn);
    }
    return fn();
  }

  // Send what waits, oldest first. Stops at the first network failure or temporary refusal (order matters:
  // a follow-up must not overtake its post); permanent refusals are kept, marked, and skipped.
  function replay() {
    return withLock(function () {
      return all().then(function (items) {
        var pending = items.filter(function (i) { return i.status !== "refused"; });
        if (!pending.length || !SESSION_URL) return { sent: 0, left: items.length };
        return fetch(SESSION_URL, { credentials: "same-origin", headers: { Accept: "application/json" },
          cache: "no-store" })
          .then(function (r) { return r.ok ? r.json() : null; }, function () { return null; })
          .then(function (session) {
            if (!session) return { sent: 0, offline: true, left: items.length };
            return sendAll(pending, session, items.length);
          });
      });
    }).then(function (result) { broadcast({ type: "outbox:changed", result: result }); return result; });
  }

  function sendAll(pending, session, total) {
    var sent = 0;
    var i = 0;
    function next() {
      if (i >= pending.length) return Promise.resolve({ sent: sent, left: total - sent });
      var item = pending[i++];
      if (item.user && String(item.user) !== String(session.user)) {
        if (session.user) return next(); // another account's item: it waits for that account
        item.status = "login"; // its account is logged out on this phone: log in again, then it goes
        return put(item).then(next);
      }
      item.attempts += 1;
      return toRequest(item, session.csrf).then(fetch).then(function (response) {
        if (response.type === "opaqueredirect" || (response.status >= 200 && response.status < 300)) {
          sent += 1;
          return remove(item.key).then(function () {
            // Pages open item.after, where the server keeps the result for this browser (the redirect's
            // target cannot be read: the answer is opaque).
            broadcast({ type: "outbox:sent", key: item.key, label: item.label, after: item.after || "" });
            return next();
          });
        }
        if (response.status === 401) {
          item.status = "login";
          return put(item).then(function () { return { sent: sent, login: true, left: total - sent }; });
        }
        if (TEMPORARY.indexOf(response.status) >= 0 || response.status >= 500) {
          item.status = "waiting";
          item.code = response.status;
          return put(item).then(function () { return { sent: sent, stopped: response.status, left: total - sent }; });
        }
        return response.text().then(function (text) {
          item.status = "refused";
          item.code = response.status;
          item.reason = reasonOf(text, response.status);
          return put(item).then(next);
        });
      }, function () {
        item.status = "waiting";
        return put(item).then(function () { return { sent: sent, offline: true, left: total - sent }; });
      });
    }
    return next();
  }

  // Replace some text fields of a refused item (the user corrected them) and put it back in the queue.
  function edit(key, fields) {
    return get(key).then(function (item) {
      if (!item) return null;
      var type = header(item, "content-type") || "";
      return new Request(item.url, { method: "POST", headers: { "content-type": type }, body: item.body })
        .formData().then(function (data) {
          Object.keys(fields).forEach(function (name) { data.set(name, fields[name]); });
          var body = /urlencoded/.test(type) ? new URLSearchParams(data) : data;
          var rebuilt = new Request(item.url, { method: "POST", body: body });
          item.headers = item.headers.filter(function (h) { return h[0].toLowerCase() !== "content-type"; });
          item.headers.push(["content-type", rebuilt.headers.get("content-type")]);
          return rebuilt.arrayBuffer();
        }).then(function (buffer) {
          item.body = buffer;
          item.status = "waiting";
          item.reason = "";
          item.code = 0;
          return put(item);
        });
    });
  }

  // The text fields of an item (for display and editing); files are named, not shown.
  function fields(item) {
    var type = header(item, "content-type") || "";
    if (!/multipart\/form-data|application\/x-www-form-urlencoded/.test(type)) return Promise.resolve([]);
    return new Request(item.url, { method: "POST", headers: { "content-type": type }, body: item.body })
      .formData().then(function (data) {
        var out = [];
        data.forEach(function (value, name) {
          // Ours, not the user's: the CSRF token, the key, the phone's times, _outbox and _outbox_after.
          if (OURS.indexOf(name) >= 0 || name.charAt(0) === "_") return;
          if (typeof value !== "string" && !value.size) return; // an empty file input, not a photo
          out.push({ name: name, value: typeof value === "string" ? value : null,
            file: typeof value === "string" ? null : (value.name || "file") }); // files are counted, not named
        });
        return out;
      }, function () { return []; });
  }

  root.SinergiOutbox = {
    all: all, put: put, remove: remove, clear: clear, get: get, fromRequest: fromRequest, replay: replay,
    edit: edit, fields: fields, broadcast: broadcast, SESSION_URL: SESSION_URL,
  };
})(self);
