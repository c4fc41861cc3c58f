// Suggests existing tags under the article form's tag field as the editor types.
// The field stays a plain comma-separated text field; this only helps to fill it.
(function () {
  "use strict";

  function currentToken(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].replace(/^\s+/, "");
  }

  function withToken(value, name) {
    var parts = value.split(",").map(function (part) { return part.trim(); });
    parts[parts.length - 1] = name.indexOf(",") >= 0 ? '"' + name + '"' : name;
    // A trailing comma keeps taggit in comma mode, so "Open Source" stays one tag.
    return parts.filter(Boolean).join(", ") + ", ";
  }

  function attach(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var active = -1;
    var timer = null;
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(name) {
      input.value = withToken(input.value, name);
      close();
      input.focus();
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function show(names) {
      close();
      var typed = input.value.split(",").map(function (part) {
        return part.trim().replace(/^"|"$/g, "").toLowerCase();
      });
      names = names.filter(function (name) { return typed.indexOf(name.toLowerCase()) < 0; });
      if (!names.length) { return; }
      names.forEach(function (name, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.textContent = name;  // text, never HTML
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(name);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var token = currentToken(input.value).replace(/^"/, "");
      if (token.length < 1) { close(); return; }
      fetch(url + "?q=" + encodeURIComponent(token), {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
        .then(function (data) { show(data.tags || []); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(list.querySelectorAll("[role=option]")[active].textContent);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
