/* Counts one view of the article page: POST artikel=<id> to the counter (viewcount/views.py).
   Loaded with `defer` from templates/viewcount/beacon.html; no inline script, so a strict CSP
   (script-src 'self') allows it. The page may come from a cache: the count does not depend on it. */
(function () {
  "use strict";

  function send(script) {
    var url = script.getAttribute("data-view-url");
    var body = new URLSearchParams({ artikel: script.getAttribute("data-article") || "" });
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true }).catch(function () {});
    }
  }

  function start() {
    var scripts = document.querySelectorAll("script[data-view-url]");
    for (var i = 0; i < scripts.length; i += 1) {
      send(scripts[i]);
    }
  }

  // A prerendered page is not a view until the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", start, { once: true });
  } else {
    start();
  }
})();
