/* Complaints: fill idempotency keys, check file sizes before upload, hide reporter fields when anonymous. */
(function () {
  "use strict";
  var t = self.SinergiText("complaints");

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return "k" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function init(root) {
    root.querySelectorAll("input[data-idempotency-key]").forEach(function (input) {
      if (!input.value) { input.value = uuid(); }
    });
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
    var anon = root.querySelector("#anonymous");
    var identity = root.querySelector(".reporter-identity");
    if (anon && identity && !anon.dataset.bound) {
      anon.dataset.bound = "1";
      var sync = function () { identity.hidden = anon.checked; };
      anon.addEventListener("change", sync);
      sync();
    }
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:after:settle", function () { init(document); });
})();
