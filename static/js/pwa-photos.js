// Sinergi PWA: the one photo shrinker. Photos are made smaller on the phone before they are sent or kept in
// the outbox: at most 1600 px on the long side, JPEG quality 0.82; a photo already that small (and under
// 300 KB), a shrunk copy that came out bigger, or a file the browser cannot decode stays as it is (the
// server re-encodes every photo anyway and says why it refuses one). Used by outbox forms here and by the
// timeline's posting form (input[data-shrink], timeline-form.js: SinergiPhotos.shrinkInput).
(function () {
  "use strict";
  if (!("document" in self)) return;
  var MAX_SIDE = 1600, QUALITY = 0.82, SMALL = 300 * 1024;

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !self.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size < SMALL) return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || (scale === 1 && blob.size >= file.size)) return resolve(file);
          resolve(new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  // Shrink ``files`` (default: all chosen) and put them back into the input; resolves when done.
  function shrinkInput(input, files) {
    files = files || Array.prototype.slice.call(input.files);
    if (!self.DataTransfer || !files.length) return Promise.resolve();
    input.setAttribute("aria-busy", "true");
    return Promise.all(files.map(shrink)).then(function (out) {
      var dt = new DataTransfer();
      out.forEach(function (f) { dt.items.add(f); });
      input.files = dt.files;
    }).finally(function () { input.removeAttribute("aria-busy"); });
  }
  self.SinergiPhotos = { shrink: shrink, shrinkInput: shrinkInput };

  document.addEventListener("change", function (evt) {
    var input = evt.target;
    // Inputs marked data-shrink belong to a form with its own preview (the timeline's): it calls shrinkInput.
    if (!input.matches || !input.matches('form[data-outbox] input[type="file"]:not([data-shrink])') ||
        !input.files.length) return;
    shrinkInput(input);
  });
})();
