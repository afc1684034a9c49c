// Sinergi PWA page script: service worker registration and update notice, the install prompt, the outbox
// list and forms, photo shrinking, logout on shared phones and the data saver. Acts only where its elements
// exist; no inline script (strict CSP).
(function () {
  "use strict";
  if (!("document" in self)) return;
  // Texts come translated from the server (app/pwa/js_messages.py), never from this file.
  var t = self.SinergiText("pwa");
  var TIME_LOCALE = (document.documentElement.lang || "id").indexOf("en") === 0 ? "en-GB" : "id-ID";
  var Outbox = self.SinergiOutbox;

  function account() {
    var meta = document.querySelector('meta[name="sinergi-account"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function banner(id, message, actions) {
    var old = document.getElementById(id);
    if (old) old.remove();
    // One action: text and button on one row ("Versi baru tersedia [muat ulang]"), the row a phone can spare.
    var box = el("div", { id: id, class: "pwa-banner" + (actions.length === 1 ? " pwa-banner-row" : ""), role: "status" });
    box.appendChild(el("p", {}, message));
    var row = el("p", { class: "pwa-banner-actions" });
    actions.forEach(function (a) {
      var b = el("button", { type: "button", class: "button small" + (a.primary ? " primary" : "") }, a.label);
      b.addEventListener("click", function () { a.run(box); });
      row.appendChild(b);
    });
    box.appendChild(row);
    document.body.appendChild(box);
    return box;
  }

  function toast(message) {
    var box = document.getElementById("pwa-toast") || document.body.appendChild(
      el("div", { id: "pwa-toast", class: "pwa-toast", role: "status", "aria-live": "polite" }));
    box.textContent = message;
    box.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.classList.remove("show"); }, 4000);
  }

  // ---- service worker and the update notice -------------------------------------------------------------
  function watchUpdate(reg) {
    function offer(worker) {
      banner("pwa-update", t("update"), [{ label: t("reload"), primary: true, run: function () {
        worker.postMessage({ type: "skipWaiting" });
      } }]);
    }
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }
  if ("serviceWorker" in navigator && !document.body.classList.contains("no-sw")) {
    var reloading = false;
    // The first visit ever: the worker takes over this page after it was loaded, so its copy was never
    // stored. Pages the server marks (meta sinergi-offline-copy) ask the worker to fetch and keep one.
    var firstVisit = !navigator.serviceWorker.controller &&
      document.querySelector('meta[name="sinergi-offline-copy"]') ? location.href : "";
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (firstVisit && navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage({ type: "keepPage", url: firstVisit });
        firstVisit = "";
      }
      if (reloading || !document.getElementById("pwa-update")) return;
      reloading = true;
      location.reload();
    });
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(watchUpdate).catch(function () { return null; });
    navigator.serviceWorker.addEventListener("message", function (evt) {
      var data = evt.data || {};
      if (data.type === "outbox:queued") {
        toast(t("queued"));
        resetForm(data.key);
      }
      if (data.type === "outbox:sent") arrived(data);
      if (data.type === "outbox:queued" || data.type === "outbox:changed" || data.type === "outbox:sent") {
        renderLists();
      }
    });
  }

  // ---- install prompt in our own words -----------------------------------------------------------------
  var DISMISS = "sinergi-install-dismissed";
  function dismissed() {
    var at = Number(localStorage.getItem(DISMISS) || 0);
    return Date.now() - at < 7 * 24 * 3600 * 1000;
  }
  window.addEventListener("beforeinstallprompt", function (evt) {
    evt.preventDefault();
    if (dismissed()) return;
    banner("pwa-install", t("install"), [
      { label: t("installButton"), primary: true, run: function (box) {
        box.remove();
        evt.prompt();
      } },
      { label: t("later"), run: function (box) { localStorage.setItem(DISMISS, String(Date.now())); box.remove(); } },
    ]).classList.add("pwa-install");
  });
  var standalone = window.matchMedia && window.matchMedia("(display-mode: standalone)").matches;
  if (/iPhone|iPad|iPod/.test(navigator.userAgent) && !navigator.standalone && !standalone && !dismissed()
      && account()) {
    banner("pwa-install", t("ios"), [{ label: t("later"), run: function (box) {
      localStorage.setItem(DISMISS, String(Date.now())); box.remove();
    } }]).classList.add("pwa-install");
  }

  // ---- outbox forms -----------------------------------------------------------------------------------
  function newKey() {
    return (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
  }
  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = el("input", { type: "hidden", name: name });
      form.appendChild(input);
    }
    if (value != null) input.value = value;
    return input;
  }
  function prepareForms(scope) {
    (scope || document).querySelectorAll("form[data-outbox]").forEach(function (form) {
      hidden(form, "_outbox", form.getAttribute("data-outbox") || "item");
      // Plain (non-htmx) posts reach the service worker without our headers: the page to open once sent
      // travels as a field.
      if (form.hasAttribute("data-outbox-after")) hidden(form, "_outbox_after", form.getAttribute("data-outbox-after"));
      var key = hidden(form, "idempotency_key");
      if (!key.value) key.value = newKey();
    });
  }
  // The form whose request was just kept: ready for the next post (timeline), or put away when it must be
  // sent only once (data-outbox-once="<selector>": the complaint's review step, which a second tap would
  // otherwise send again under a new key).
  function resetForm(key) {
    document.querySelectorAll("form[data-outbox]").forEach(function (form) {
      var input = form.querySelector('input[name="idempotency_key"]');
      if (!input || input.value !== key) return;
      var once = form.getAttribute("data-outbox-once");
      if (once) {
        var box = document.querySelector(once) || form;
        box.hidden = true;
        form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = true; });
        return;
      }
      form.reset();
      input.value = newKey();
    });
  }
  // A kept item was sent. Forms marked data-outbox-after name the page that shows its result (the
  // complaint's tracking code and secret, held for this browser by the server): open it at once where the
  // page was waiting for it, else offer it.
  var leaving = false;
  var later = null; // sent while this tab was in the background: opened when the user comes back to it
  function arrived(message) {
    var after = message && message.after;
    if (!after || leaving) return;
    if (document.visibilityState === "hidden") {
      later = message;
      return;
    }
    var waitingHere = document.querySelector('[data-outbox-panel="' + message.label + '"]') ||
      document.body.classList.contains("offline-page");
    if (waitingHere) {
      leaving = true;
      location.assign(after);
      return;
    }
    banner("pwa-sent", t("sentItem", { label: labelText(message.label) }), [
      { label: t("seeResult"), primary: true, run: function () { location.assign(after); } },
    ]);
  }
  document.addEventListener("htmx:config:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    if (!ctx || !ctx.request) return;
    var form = ctx.request.form || (ctx.sourceElement && ctx.sourceElement.closest &&
      ctx.sourceElement.closest("form[data-outbox]"));
    if (!form || !form.hasAttribute || !form.hasAttribute("data-outbox")) return;
    var key = form.querySelector('input[name="idempotency_key"]');
    if (key && key.value) {
      ctx.request.headers["Idempotency-Key"] = key.value;
      if (ctx.request.body && ctx.request.body.set) ctx.request.body.set("idempotency_key", key.value);
    }
    ctx.request.headers["X-Outbox"] = form.getAttribute("data-outbox") || "item";
    if (form.hasAttribute("data-outbox-after")) ctx.request.headers["X-Outbox-After"] = form.getAttribute("data-outbox-after");
    if (account()) ctx.request.headers["X-Outbox-User"] = account();
  });
  // A post kept in the outbox (the service worker's 204) is not a page change: the address stays.
  document.addEventListener("htmx:before:history:update", function (evt) {
    var response = evt.detail && evt.detail.response;
    var raw = response && (response.raw || response);
    if (raw && raw.headers && raw.headers.get && raw.headers.get("X-Outbox-Queued")) evt.preventDefault();
  });
  // After a real answer the form gets a fresh key, so the next post is a new post.
  document.addEventListener("htmx:after:request", function (evt) {
    var ctx = evt.detail && evt.detail.ctx;
    var form = ctx && ctx.request && ctx.request.form;
    var response = ctx && ctx.response;
    if (form && form.hasAttribute && form.hasAttribute("data-outbox") && response && response.status < 400
        && response.status !== 204) {
      hidden(form, "idempotency_key", newKey());
    }
  });

  // Photos are shrunk on the phone before they are sent or stored (about 1600 px, JPEG).
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !self.createImageBitmap || file.size < 300 * 1024) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      var canvas = el("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          resolve(new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
        }, "image/jpeg", 0.82);
      });
    }).catch(function () { return file; });
  }
  document.addEventListener("change", function (evt) {
    var input = evt.target;
    // Inputs marked data-shrink are shrunk by their own feature's script (the timeline's): not twice.
    if (!input.matches || !input.matches('form[data-outbox] input[type="file"]:not([data-shrink])') ||
        !input.files.length) return;
    if (!self.DataTransfer) return;
    input.setAttribute("aria-busy", "true");
    Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (files) {
      var dt = new DataTransfer();
      files.forEach(function (f) { dt.items.add(f); });
      input.files = dt.files;
      input.removeAttribute("aria-busy");
    });
  });

  // ---- the outbox list (timeline page, outbox page, offline page) --------------------------------------
  function statusText(item) {
    if (item.user && account() && String(item.user) !== account()) return t("other");
    if (item.status === "login") return t("login");
    if (item.status === "refused") return t("refused", { code: item.code, reason: item.reason });
    return t("waiting");
  }
  function when(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString(TIME_LOCALE, { hour: "2-digit", minute: "2-digit" }).replace(":", ".");
  }

  // The fields that say what an item is (shown in the list); other fields only in the editor.
  var MAIN_FIELDS = ["text", "description", "note", "body", "title", "summary"];
  function fieldName(name) {
    var text = t("field_" + name);
    return text === "field_" + name ? name : text;
  }
  // The form's data-outbox label: a known one ("timeline", "pengaduan", "item") is named in the page's
  // language; others are already words (templates put translated text there).
  function labelText(label) {
    var text = t("label_" + (label || "item"));
    return text === "label_" + label ? label : text;
  }

  function renderItem(list, item, full) {
    var li = el("li", { class: "outbox-item outbox-" + item.status, "data-outbox-key": item.key });
    var head = el("p", { class: "outbox-head" });
    head.appendChild(el("strong", {}, labelText(item.label)));
    head.appendChild(document.createTextNode(" · " + when(item.createdAt) + " "));
    head.appendChild(el("span", { class: "outbox-state" }, statusText(item)));
    li.appendChild(head);
    var preview = el("p", { class: "outbox-preview muted" });
    li.appendChild(preview);
    Outbox.fields(item).then(function (fields) {
      var main = fields.filter(function (f) { return f.value && MAIN_FIELDS.indexOf(f.name) >= 0; });
      var text = (main.length ? main : fields.filter(function (f) {
        return f.value && f.value.length > 3 && !/^[\d.]+$/.test(f.value);
      })).map(function (f) { return f.value; }).join(" · ");
      var photos = fields.filter(function (f) { return f.file; }).length;
      preview.textContent = text.slice(0, 140) + (photos ? " · " + t(photos === 1 ? "photo" : "photos", { num: photos }) : "");
      if (full && item.status === "refused") editor(li, item, fields);
    });
    if (item.status === "login") {
      var a = el("a", { href: "/masuk?next=" + encodeURIComponent(location.pathname), class: "button small" }, t("loginLink"));
      li.appendChild(a);
    }
    if (full) {
      var row = el("p", { class: "inline-form" });
      var retry = el("button", { type: "button", class: "button small", "data-outbox-retry": item.key }, t("retry"));
      var drop = el("button", { type: "button", class: "button small danger", "data-outbox-discard": item.key }, t("discard"));
      row.appendChild(retry);
      row.appendChild(drop);
      li.appendChild(row);
    }
    list.appendChild(li);
  }

  function editor(li, item, fields) {
    if (!fields.some(function (f) { return f.value != null && f.name.charAt(0) !== "_"; })) return;
    var form = el("form", { class: "outbox-edit", "data-outbox-edit": item.key });
    var hasMain = fields.some(function (f) { return f.value != null && MAIN_FIELDS.indexOf(f.name) >= 0; });
    fields.forEach(function (f) {
      if (f.value == null || f.name.charAt(0) === "_") return;
      if (hasMain && MAIN_FIELDS.indexOf(f.name) < 0) return; // codes and choices stay as they were
      var id = "edit-" + item.key + "-" + f.name;
      var wrap = el("div", { class: "field" });
      wrap.appendChild(el("label", { for: id }, fieldName(f.name)));
      var input = f.value.length > 60 ? el("textarea", { id: id, name: f.name, rows: "3" }) : el("input", { id: id, name: f.name });
      input.value = f.value;
      wrap.appendChild(input);
      form.appendChild(wrap);
    });
    form.appendChild(el("button", { type: "submit", class: "button small primary" }, t("save")));
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var values = {};
      form.querySelectorAll("input[name], textarea[name]").forEach(function (i) { values[i.name] = i.value; });
      Outbox.edit(item.key, values).then(send);
    });
    li.appendChild(form);
  }

  function renderLists() {
    var lists = document.querySelectorAll("[data-outbox-list]");
    if (!lists.length || !Outbox) return Promise.resolve();
    return Outbox.all().then(function (items) {
      var mine = items.filter(function (i) { return !account() || !i.user || String(i.user) === account(); });
      lists.forEach(function (list) {
        var full = list.hasAttribute("data-outbox-full");
        // data-outbox-label="pengaduan": only that kind (the public intake shows its complaints, not posts).
        var only = list.getAttribute("data-outbox-label");
        var shown = only ? mine.filter(function (i) { return i.label === only; }) : mine;
        list.textContent = "";
        shown.forEach(function (item) { renderItem(list, item, full); });
        if (!shown.length && list.getAttribute("data-outbox-empty")) {
          list.appendChild(el("li", { class: "outbox-empty muted" }, list.getAttribute("data-outbox-empty")));
        }
        list.classList.toggle("has-items", shown.length > 0);
        // A list the page hides while empty (the timeline's) shows itself when something waits.
        if (list.hidden && !list.dataset.outboxAutohide) list.dataset.outboxAutohide = "1";
        if (list.dataset.outboxAutohide) list.hidden = shown.length === 0;
      });
      // A panel (data-outbox-panel="<label>") explains what waits and shows itself only then.
      document.querySelectorAll("[data-outbox-panel]").forEach(function (panel) {
        var label = panel.getAttribute("data-outbox-panel");
        panel.hidden = !mine.some(function (i) { return i.label === label; });
      });
      var status = document.querySelector("[data-outbox-status]");
      var refused = mine.filter(function (i) { return i.status === "refused"; }).length;
      var waiting = mine.length - refused;
      if (status) {
        status.textContent = [waiting ? t("left", { num: waiting }) : "", refused ? t("refusedCount", { num: refused }) : ""]
          .filter(Boolean).join(" ");
      }
    });
  }

  function send() {
    if (!Outbox) return Promise.resolve();
    return Outbox.replay().then(function (result) {
      if (result && result.sent) {
        toast(t("sent", { num: result.sent }) + (result.left ? " · " + t("left", { num: result.left }) : ""));
      }
      return renderLists();
    }, renderLists);
  }

  document.addEventListener("click", function (evt) {
    var target = evt.target;
    var retry = target.closest && target.closest("[data-outbox-retry], [data-outbox-retry-all]");
    if (retry) {
      var key = retry.getAttribute("data-outbox-retry");
      (key ? Outbox.get(key).then(function (item) {
        if (item && item.status === "refused") { item.status = "waiting"; return Outbox.put(item); }
        return null;
      }) : Promise.resolve()).then(send);
      return;
    }
    var drop = target.closest && target.closest("[data-outbox-discard]");
    if (drop && window.confirm(t("discardAsk"))) {
      Outbox.remove(drop.getAttribute("data-outbox-discard")).then(renderLists);
    }
    var reload = target.closest && target.closest("[data-reload]");
    if (reload) { evt.preventDefault(); location.reload(); }
  });

  // ---- logout on a shared phone ----------------------------------------------------------------------
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.hasAttribute || !form.hasAttribute("data-logout") || form.dataset.cleared || !Outbox) return;
    evt.preventDefault();
    Outbox.all().then(function (items) {
      var mine = items.filter(function (i) { return !i.user || String(i.user) === account(); });
      var waiting = mine.filter(function (i) { return i.status !== "refused"; }).length || mine.length;
      if (mine.length && !window.confirm(t("logoutAsk", { num: mine.length }))) return null;
      return Promise.all(mine.map(function (i) { return Outbox.remove(i.key); })).then(function () {
        if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage({ type: "forgetPages" });
        }
        return self.caches ? caches.keys().then(function (names) {
          return Promise.all(names.filter(function (n) { return n.indexOf("sinergi-pages-") === 0; })
            .map(function (n) { return caches.delete(n); }));
        }) : null;
      }).then(function () {
        form.dataset.cleared = String(waiting);
        form.submit();
      });
    });
  }, true);

  // ---- data saver: images only on tap when the connection is slow or the user asked to save data ------
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
      var button = el("button", { type: "button", class: "saver-tap" }, t("tapPhoto"));
      button.addEventListener("click", function () { img.src = img.dataset.src; button.remove(); img.hidden = false; });
      img.hidden = true;
      img.parentNode.insertBefore(button, img);
    });
  }

  function init(scope) {
    prepareForms(scope);
    dataSaver(scope);
  }
  function start() {
    init(document);
    renderLists();
    if (navigator.onLine) send();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:after:settle", function () { init(document); renderLists(); });
  window.addEventListener("online", send);
  document.addEventListener("visibilitychange", function () {
    if (later && document.visibilityState === "visible") {
      var message = later;
      later = null;
      arrived(message);
    }
  });
  document.addEventListener("outbox:changed", function (evt) {
    if (evt.detail && evt.detail.type === "outbox:sent") arrived(evt.detail);
    renderLists();
  });
})();
