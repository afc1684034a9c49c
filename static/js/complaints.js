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

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:after:settle", function () { init(document); });
})();
