// Sinergi PWA: the outbox lists ([data-outbox-list] on the timeline, the outbox page and the offline page):
// what waits, why it was refused, retry, edit and discard; sending when the signal returns.
(function () {
  "use strict";
  if (!("document" in self) || !self.SinergiPwa) return;
  var P = self.SinergiPwa, t = self.SinergiText("pwa"), el = P.el, Outbox = self.SinergiOutbox;
  var TIME_LOCALE = (document.documentElement.lang || "id").indexOf("en") === 0 ? "en-GB" : "id-ID";

  function statusText(item) {
    if (item.user && P.account() && String(item.user) !== P.account()) return t("other");
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

  function renderItem(list, item, full) {
    var li = el("li", { class: "outbox-item outbox-" + item.status, "data-outbox-key": item.key });
    var head = el("p", { class: "outbox-head" });
    head.appendChild(el("strong", {}, P.labelText(item.label)));
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
      var login = P.url("login", "/masuk");
      li.appendChild(el("a", { href: login + "?next=" + encodeURIComponent(location.pathname), class: "button small" }, t("loginLink")));
    }
    if (full) {
      var row = el("p", { class: "inline-form" });
      row.appendChild(el("button", { type: "button", class: "button small", "data-outbox-retry": item.key }, t("retry")));
      row.appendChild(el("button", { type: "button", class: "button small danger", "data-outbox-discard": item.key }, t("discard")));
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

  function fillList(list, mine) {
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
  }

  function renderLists() {
    var lists = document.querySelectorAll("[data-outbox-list]");
    if (!lists.length || !Outbox) return Promise.resolve();
    return Outbox.all().then(function (items) {
      var account = P.account();
      var mine = items.filter(function (i) { return !account || !i.user || String(i.user) === account; });
      lists.forEach(function (list) { fillList(list, mine); });
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
        P.toast(t("sent", { num: result.sent }) + (result.left ? " · " + t("left", { num: result.left }) : ""));
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

  function start() {
    renderLists();
    if (navigator.onLine) send();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  document.addEventListener("htmx:after:settle", renderLists);
  document.addEventListener("outbox:changed", renderLists);
  window.addEventListener("online", send);
})();
