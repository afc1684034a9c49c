/* Complaints: check file sizes before upload, hide the reporter's fields when anonymous and the kuasa's unless
   the report is filed through one (idempotency keys: app.js). */
(function () {
  "use strict";
  var t = self.SinergiText("complaints");

  function init(root) {
    root.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      if (input.dataset.bound) { return; }
      input.dataset.bound = "1";
      input.addEventListener("change", function () {
        var max = parseInt(input.dataset.maxBytes, 10);
        var error = input.parentElement.querySelector("[data-file-error]");
        var big = Array.prototype.filter.call(input.files, function (f) { return f.size > max; });
        if (big.length && error) {
          error.textContent = t("tooLarge", { mb: Math.round(max / 1048576),
            names: big.map(function (f) { return f.name; }).join(", ") });
          error.hidden = false;
          input.value = "";
        } else if (error) {
          error.hidden = true;
        }
      });
    });
    toggle(root.querySelector("#anonymous"), root.querySelector(".cp-reporter-identity"), true);
    toggle(root.querySelector("#by_proxy"), root.querySelector(".cp-proxy"), false);
  }

  // A checkbox that hides (hideWhenChecked) or shows its block of fields; the fields keep what was typed.
  function toggle(box, block, hideWhenChecked) {
    if (!box || !block || box.dataset.bound) { return; }
    box.dataset.bound = "1";
    var sync = function () { block.hidden = box.checked === hideWhenChecked; };
    box.addEventListener("change", sync);
    sync();
  }

  // The one-page staff form: "What happened" lists only the violations that fit the reported person, as soon as
  // the person is chosen (the map comes from the server: app/complaints/routes/staff_intake.py).
  function fitViolations(form) {
    var block = form.querySelector("#cp-violation-map");
    var subject = form.querySelector("select[name=subject_type]");
    var select = form.querySelector("select[name=violation_type]");
    if (!block || !subject || !select) return;
    var map;
    try { map = JSON.parse(block.textContent); } catch (e) { return; }
    var allowed = map.bySubject[subject.value] || Object.keys(map.labels);
    var chosen = select.value;
    var blank = select.querySelector("option[value='']");
    select.textContent = "";
    if (blank) select.appendChild(blank);
    allowed.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = map.labels[value];
      if (value === chosen) option.selected = true;
      select.appendChild(option);
    });
    if (allowed.indexOf(chosen) < 0) select.value = "";
  }
  document.addEventListener("change", function (evt) {
    if (evt.target && evt.target.name === "subject_type" && evt.target.form) fitViolations(evt.target.form);
  });

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:after:settle", function () { init(document); });
})();
