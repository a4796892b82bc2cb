/* Search boxes, progressively enhanced (without JavaScript everything works):
   - the search box offers titles the reader may see, through a native <datalist>
     (keyboard and screen-reader support come with the browser);
   - the filter panel starts folded on narrow screens unless a filter is ticked,
     so the results are not pushed below a long list of checkboxes. */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function attach(input) {
    var url = input.getAttribute("data-suggest-url");
    var list = document.createElement("datalist");
    var timer = null;
    var pending = null;
    list.id = input.id + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);

    function show(results) {
      list.replaceChildren();
      results.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.title; // textContent/value: never parsed as HTML
        list.appendChild(option);
      });
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (pending) pending.abort();
      if (query.length < MIN_LENGTH) { show([]); return; }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: pending.signal
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) show(data.results || []); })
        .catch(function () { /* aborted or offline: keep the box as it is */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
  }

  function fold(details) {
    var narrow = window.matchMedia("(max-width: " + details.getAttribute("data-fold-below") + ")");
    if (narrow.matches && !details.querySelector("input:checked")) details.open = false;
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  document.querySelectorAll("details[data-fold-below]").forEach(fold);
})();
