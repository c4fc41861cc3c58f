// Asks before a form with data-confirm="question" is sent (the newsletter's "Send").
// A script file rather than onsubmit="…": the Content-Security-Policy allows no inline code.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
