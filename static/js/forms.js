// Fills the CSRF field of forms on cached pages with a fresh token.
// Without JavaScript the server asks the reader to send the form once more.
(function () {
  "use strict";
  var fields = document.querySelectorAll("input[data-csrf-refresh]");
  if (!fields.length || !window.fetch) {
    return;
  }
  fetch("/csrf-token/", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.token) { return; }
      fields.forEach(function (field) { field.value = data.token; });
    })
    .catch(function () { /* the server-side retry still protects the form */ });
})();
