// Moves the "Leave a reply" form under the comment being answered, and back.
// Without JavaScript the Reply links open ?replyto=ID#respond instead.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) { return; }
  var form = respond.querySelector("form.comment-form");
  var parentField = form.querySelector("input[name=parent]");
  var title = document.getElementById("respond-title");
  var titleText = title.firstChild;
  var cancel = respond.querySelector("[data-cancel-reply]");
  var home = document.createComment("respond");
  respond.parentNode.insertBefore(home, respond);

  function setTitle(text) { titleText.nodeValue = text + " "; }

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
    if (!comment) { return false; }
    var body = comment.querySelector(".comment-body");
    body.parentNode.insertBefore(respond, body.nextSibling);
    parentField.value = link.getAttribute("data-reply-to");
    setTitle(form.getAttribute("data-reply-to-template").replace("__NAME__", link.getAttribute("data-reply-name")));
    cancel.hidden = false;
    form.querySelector("textarea").focus();
    return true;
  }

  function cancelReply() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentField.value = "";
    setTitle(form.getAttribute("data-leave-a-reply"));
    cancel.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && replyTo(link)) { event.preventDefault(); }
  });
  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    cancelReply();
    form.querySelector("textarea").focus();
  });

  // The page may come from a cache: fetch a fresh form stamp once the reader starts.
  var stamp = form.querySelector("[data-comment-stamp]");
  form.addEventListener("focusin", function refresh() {
    form.removeEventListener("focusin", refresh);
    if (!window.fetch) { return; }
    fetch(stamp.getAttribute("data-comment-stamp"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && data.stamp) { stamp.value = data.stamp; } })
      .catch(function () { /* keep the stamp the page came with */ });
  });
})();
