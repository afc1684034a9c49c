// Sinergi service worker, served at /sw.js (root scope, no-cache) with SINERGI = {version, shell, offline,
// login, session, outboxPage, notifications, outbox, icon, data, timeout} prepended by app/pwa/routes.py. Not loaded as a page script (base.html
// skips sw.js on purpose).
/* global SINERGI, SinergiOutbox */
"use strict";
importScripts(SINERGI.outbox);

var SHELL = "sinergi-shell-" + SINERGI.version;
var PAGES = "sinergi-pages-" + SINERGI.version;
var STATIC = "sinergi-static-" + SINERGI.version;
var KEEP = [SHELL, PAGES, STATIC];

function background(url) {
  return new Request(url, { credentials: "same-origin", headers: { "X-SW-Background": "1" } });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    // Versioned URLs never change, so what the page just loaded comes from the HTTP cache, not the network.
    // Marked as the worker's own: their answers never set the session cookie (a login made meanwhile would be
    // replaced by the cookie this fetch started with; app/pwa/session.py).
    return cache.addAll(SINERGI.shell.map(background));
  }));
  // No skipWaiting here: a new version waits until the user taps "muat ulang" (pwa.js), so a page is never
  // served by a worker newer than itself.
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("sinergi-") === 0 && KEEP.indexOf(n) < 0; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }).then(function () {
    return SinergiOutbox.replay().catch(function () { return null; });
  }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "skipWaiting") self.skipWaiting();
  // Which version runs (asked by tests and for support: "which Sinergi does this phone have?").
  if (data.type === "version" && event.ports && event.ports[0]) event.ports[0].postMessage({ version: SINERGI.version });
  if (data.type === "replay") event.waitUntil(SinergiOutbox.replay().catch(function () { return null; }));
  if (data.type === "keepPage" && typeof data.url === "string" && new URL(data.url).origin === self.location.origin) {
    // Stored only if the server marks the page cacheable, exactly as a navigation would be.
    event.waitUntil(fetch(background(data.url)).then(function (response) {
      return forgetOthers(response).then(function () {
        if (!response.ok || response.headers.get("X-SW-Cache") !== "1") return null;
        return caches.open(PAGES).then(function (cache) { return cache.put(data.url, response); });
      });
    }).catch(function () { return null; }));
  }
  if (data.type === "forgetPages") {
    // Logout on a shared phone: pages of that account are dropped (the shell stays).
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf("sinergi-pages-") === 0; })
        .map(function (n) { return caches.delete(n); }));
    }));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag === "outbox") event.waitUntil(SinergiOutbox.replay());
});

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = { body: event.data && event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || "Sinergi", {
    body: data.body || "", tag: data.tag || undefined, data: { url: data.url || SINERGI.notifications },
    icon: SINERGI.icon, badge: SINERGI.icon, lang: "id",
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || SINERGI.notifications;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (list) {
    for (var i = 0; i < list.length; i++) {
      if ("focus" in list[i]) { list[i].navigate(url); return list[i].focus(); }
    }
    return self.clients.openWindow(url);
  }));
});

function timeout(ms) {
  return new Promise(function (_resolve, reject) { setTimeout(function () { reject(new Error("timeout")); }, ms); });
}

// Whose pages the pages cache holds: the account of the newest page from the network (X-SW-Account, "-" for
// nobody; null until one arrives after the worker started). A page for another account, or for nobody (the
// session ended: expired, logged out elsewhere, deactivated), drops every copy made for someone else, so the
// next person on a shared phone never reads the previous one's pages offline.
var pagesAccount = null;

function forgetOthers(response) {
  var account = response.headers.get("X-SW-Account");
  if (account === null || account === pagesAccount) return Promise.resolve();
  pagesAccount = account;
  return caches.open(PAGES).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (req) {
        return cache.match(req).then(function (hit) {
          if (!hit || hit.headers.get("X-SW-Account") !== account) return cache.delete(req);
          return null;
        });
      }));
    });
  });
}

// A kept copy made for the account of the pages cache ("-": a public page kept for nobody logged in).
function keptCopy(url) {
  return caches.match(url, { cacheName: PAGES }).then(function (hit) {
    var owner = hit && hit.headers.get("X-SW-Account");
    return hit && owner && (pagesAccount === null || owner === pagesAccount) ? hit : null;
  });
}

// The network's answer, with a copy kept in the pages cache when the server marked it cacheable (X-SW-Cache).
function fetchAndKeep(event) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    var copy = response.ok && response.headers.get("X-SW-Cache") === "1" ? response.clone() : null;
    var kept = forgetOthers(response).then(function () {
      return copy && caches.open(PAGES).then(function (cache) { return cache.put(request.url, copy); });
    });
    event.waitUntil(kept.catch(function () { return null; }));
    return response;
  });
  event.waitUntil(network.catch(function () { return null; }));
  return network;
}

// Pages: network first (short timeout), then the copy of a page the server marked cacheable, then /offline.
function navigate(event) {
  var request = event.request;
  var network = fetchAndKeep(event);
  return Promise.race([network, timeout(SINERGI.timeout)]).catch(function () {
    return keptCopy(request.url).then(function (hit) {
      if (hit) return hit;
      // Slow but alive: give the network the rest of its chance before giving up.
      return network.catch(function () {
        return caches.match(SINERGI.offline, { cacheName: SHELL });
      });
    });
  });
}

// Data for offline forms (SINERGI.data, e.g. the place pickers' villages and TPS): network first with the
// page timeout, the newest copy kept in the pages cache (dropped at logout with the pages), else that copy.
function keepData(event) {
  var request = event.request;
  var network = fetchAndKeep(event);
  return Promise.race([network, timeout(SINERGI.timeout)]).catch(function () {
    return keptCopy(request.url).then(function (hit) {
      return hit || network;
    });
  });
}

// State changes: straight to the network; a failure of an outbox request is stored and answered for the UI.
function sendOrQueue(event) {
  var request = event.request;
  var label = request.headers.get("X-Outbox");
  var isForm = request.mode === "navigate";
  var saved = SinergiOutbox.fromRequest(request, label);
  return fetch(request).then(function (response) {
    if ([502, 503, 504].indexOf(response.status) < 0) return response;
    throw new Error("gateway " + response.status);
  }).catch(function () {
    return saved.then(function (item) {
      if (!item.label) {
        return isForm ? caches.match(SINERGI.offline, { cacheName: SHELL }) : Response.error();
      }
      return SinergiOutbox.get(item.key).then(function (existing) {
        // The same key again (a second tap): keep the first copy and its place in the queue.
        return existing || SinergiOutbox.put(item);
      }).then(function () {
        if (self.registration.sync) self.registration.sync.register("outbox").catch(function () { return null; });
        SinergiOutbox.broadcast({ type: "outbox:queued", key: item.key, label: item.label });
        if (isForm) {
          return Response.redirect(request.referrer || SINERGI.outboxPage, 303);
        }
        return new Response(null, { status: 204, headers: { "X-Outbox-Queued": "1" } });
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    var outbox = request.headers.get("X-Outbox") ||
      (request.mode === "navigate" && /form/.test(request.headers.get("content-type") || ""));
    if (outbox && !request.headers.get("X-Outbox-Replay")) event.respondWith(sendOrQueue(event));
    return;
  }
  if (request.headers.get("HX-Request") === "true" && request.headers.get("HX-Request-Type") === "full") {
    // A boosted tap or a history restore wants the whole page, exactly as the server sees it (app/htmx.py, the
    // one htmx rule): network first, then the kept copy of that page, then /offline, like a navigation.
    event.respondWith(navigate(event));
    return;
  }
  if (request.headers.get("HX-Request") === "true") {
    // Partials are never cached; offline they are silently empty (htmx does not swap a 204).
    event.respondWith(fetch(request).catch(function () { return new Response(null, { status: 204 }); }));
    return;
  }
  if (request.headers.get("Accept") === "text/event-stream") return;
  if ((SINERGI.data || []).indexOf(url.pathname) >= 0) {
    event.respondWith(keepData(event));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok && (url.searchParams.get("v") || url.pathname.indexOf("/static/vendor/") === 0)) {
          var copy = response.clone();
          caches.open(STATIC).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
      });
    }));
  }
});
