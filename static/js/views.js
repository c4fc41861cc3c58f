// Counts a reading of the article: one small POST that works behind any cache.
// Readers without JavaScript, and most robots, are not counted: by design.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-count-url");
  if (!url) {
    return;
  }
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: true })
        .catch(function () { /* a lost count is not worth bothering the reader */ });
    }
  }
  // Count pages actually shown, not those prerendered in a background tab.
  if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", function onVisible() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", onVisible);
        send();
      }
    });
  }
})();
