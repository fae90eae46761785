// Progressive enhancement of the share links: a copy-link button and the Web Share API.
// Without JavaScript the plain share links still work.
(function () {
  "use strict";
  var status = document.querySelector(".share-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  var copy = document.querySelector(".share-copy");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.url).then(
        function () { say("Tautan disalin."); },
        function () { say("Tautan tidak dapat disalin. Salin dari bilah alamat."); }
      );
    });
  }

  var native = document.querySelector(".share-native");
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: native.dataset.title, url: native.dataset.url }).catch(function () {});
    });
  }
})();
