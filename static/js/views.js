/* Counts one view of the article page and shows the fresh count (viewcount/views.py).
   Loaded with `defer` from templates/viewcount/beacon.html; no inline script, so a strict CSP
   (script-src 'self') allows it. The page may come from a cache: the count does not depend on it.

   Each beacon carries a new random id made here (crypto.getRandomValues). The counter keeps the
   first one it sees in a cookie scoped to its own URL, and from then on that cookie (sent by the
   browser, unreadable here) wins: so two readers behind one address get two ids, and a reader
   keeps one. The answer {"views": N} replaces the number in the element marked
   data-view-count="<article id>"; without JavaScript the server-rendered number stays. */
(function () {
  "use strict";

  function newVisitorId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var hex = "";
    for (var i = 0; i < bytes.length; i += 1) {
      hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    }
    return hex;
  }

  function show(articleId, views) {
    if (typeof views !== "number" || views < 0) {
      return;
    }
    var shown = document.querySelectorAll("[data-view-count]");
    for (var i = 0; i < shown.length; i += 1) {
      if (shown[i].getAttribute("data-view-count") === articleId) {
        shown[i].textContent = shown[i].textContent.replace(/\d+/, String(views));
      }
    }
  }

  function send(script) {
    var url = script.getAttribute("data-view-url");
    var articleId = script.getAttribute("data-article") || "";
    var body = new URLSearchParams({ artikel: articleId, pengunjung: newVisitorId() });
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, credentials: "same-origin", keepalive: true })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (answer) {
            show(articleId, answer.views);
          }
        })
        .catch(function () {});
    } else if (navigator.sendBeacon) {
      navigator.sendBeacon(url, body);
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
