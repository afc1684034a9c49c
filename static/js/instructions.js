/* Instructions: keep the read-receipts stream out of the global loading indicator.
 *
 * The stream (hx-sse:connect on #in-live) is one request that stays open for minutes; app.js counts every htmx
 * request as "loading", so without this the spinner would turn for as long as the receipts page is open. The
 * listeners run in the capture phase on window, before app.js's listeners on document, and only for the stream.
 */
(function () {
  "use strict";
  function isStream(evt) {
    return evt.target && evt.target.id === "in-live";
  }
  ["htmx:before:request", "htmx:finally:request"].forEach(function (name) {
    window.addEventListener(name, function (evt) {
      if (isStream(evt)) {
        evt.stopPropagation();
      }
    }, true);
  });
})();
