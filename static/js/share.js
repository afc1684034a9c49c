/* Share a text to WhatsApp (templates/_macros/share.html): a situation report, a timeline entry.
 *
 * The text is in the page ([data-share-text], rendered by the server through the object's own visibility rule).
 * The Share button uses the Web Share API where the phone has it (Android: straight into a WhatsApp group);
 * the WhatsApp link (wa.me/?text=…, built by the server) is the fallback and works without this script;
 * Copy puts the text on the clipboard. Texts come from SinergiText (namespace share). Re-initialises after htmx
 * swaps.
 */
(function () {
  "use strict";
  var t = self.SinergiText("share");

  function setUp(box) {
    var source = box.querySelector("[data-share-text]");
    var share = box.querySelector("[data-share-button]");
    var copy = box.querySelector("[data-share-copy]");
    var status = box.querySelector("[data-share-status]");
    if (!source || box.dataset.ready) {
      return;
    }
    box.dataset.ready = "1";
    var text = source.value;
    function say(message) {
      if (status) {
        status.textContent = message;
      }
    }
    if (share && navigator.share) {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: source.dataset.title || "", text: text }).catch(function () {});
      });
    }
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(text).then(function () {
          say(t("copied"));
        }, function () {
          source.select();
          say(t("copy_failed"));
        });
      });
    }
  }

  function init() {
    document.querySelectorAll("[data-share]").forEach(setUp);
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:after:settle", init);
  if (document.readyState !== "loading") {
    init();
  }
})();
