// reportgen site: small enhancements; every page works without them.
(function () {
  "use strict";

  // Index: filter and sort the report cards; the choices live in the query string (?daerah=...&urut=...),
  // so a filtered view can be shared as a link and comes back the same on reload.
  function setUpFilters() {
    var form = document.getElementById("penyaring");
    var list = document.getElementById("daftar-laporan");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.querySelectorAll(".report-card"));
    var selects = form.querySelectorAll("select[data-filter]");
    var fields = form.querySelectorAll("select[name]");
    var count = document.getElementById("jumlah-laporan");
    var sorter = document.getElementById("urutkan");
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = Array.prototype.every.call(selects, function (s) {
          return !s.value || card.dataset[s.dataset.filter] === s.value;
        });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " dari " + cards.length + " laporan ditampilkan";
    }
    function sort() {
      var option = sorter.options[sorter.selectedIndex];
      var order = option && option.hasAttribute("data-numeric") ? byFigure(sorter.value) : byText(sorter.value);
      cards.slice().sort(order).forEach(function (card) { list.appendChild(card); });
    }
    form.addEventListener("change", function (event) {
      if (event.target === sorter) sort(); else apply();
      writeChoices(fields);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    readChoices(fields);
    form.hidden = false;
    sort();
    apply();
  }

  // Newest first, else A-Z by the key; ties by year (newest), then region.
  function byText(key) {
    return function (a, b) {
      if (key !== "tahun") {
        var first = a.dataset[key].localeCompare(b.dataset[key], "id");
        if (first) return first;
      }
      return b.dataset.tahun - a.dataset.tahun || a.dataset.wilayah.localeCompare(b.dataset.wilayah, "id");
    };
  }

  // Highest figure first; cards without the figure last, in the default order.
  function byFigure(key) {
    var fallback = byText("tahun");
    return function (a, b) {
      return missingLast(number(a.dataset[key]), number(b.dataset[key]), true) || fallback(a, b);
    };
  }

  function number(text) {
    return text === undefined || text === "" ? null : parseFloat(text);
  }

  // Compare two numbers, either of which may be null (missing): missing values go last in both directions.
  function missingLast(x, y, descending) {
    if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);
    return descending ? y - x : x - y;
  }

  function readChoices(fields) {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (select) {
      var wanted = params.get(select.name);
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
      if (wanted !== null && known) select.value = wanted;
    });
  }

  function writeChoices(fields) {
    // The form's order, whatever the order of choosing, so one view has one address; other parameters stay.
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (select) { params.delete(select.name); });
    fields.forEach(function (select) {
      if (select.selectedIndex > 0) params.set(select.name, select.value);
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (err) {
      // Some browsers refuse to change the address of a page opened from disk; filtering still works.
    }
  }

  // Comparison: sortable table columns; rows without a value stay last either way.
  function setUpSortable() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var headers = table.querySelectorAll("th");
      headers.forEach(function (th, column) {
        var button = th.querySelector("button");
        if (!button) return;
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var numeric = button.dataset.sort === "number";
          var body = table.tBodies[0];
          Array.prototype.slice.call(body.rows).sort(function (a, b) {
            var x = a.cells[column].dataset.value, y = b.cells[column].dataset.value;
            if (numeric) return missingLast(number(x), number(y), !ascending);
            return ascending ? x.localeCompare(y, "id") : y.localeCompare(x, "id");
          }).forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  // Report page: mark the contents entry of the section being read.
  function setUpContents() {
    var links = document.querySelectorAll(".toc a[href^='#']");
    if (!links.length || !("IntersectionObserver" in window)) return;
    var byId = {};
    links.forEach(function (a) { byId[a.getAttribute("href").slice(1)] = a; });
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        links.forEach(function (a) { a.removeAttribute("aria-current"); });
        var link = byId[entry.target.id];
        if (link) link.setAttribute("aria-current", "location");
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    Object.keys(byId).forEach(function (id) {
      var section = document.getElementById(id);
      if (section) observer.observe(section);
    });
  }

  // Search page: Pagefind's interface, in Indonesian (from <html lang>), with the report pages' filters
  // (Daerah, Tahun) open beside the results.
  function setUpSearch() {
    var element = document.getElementById("search");
    if (!element || typeof PagefindUI === "undefined") return;
    new PagefindUI({
      element: "#search",
      bundlePath: element.dataset.bundle,
      showSubResults: true,
      showImages: false,
      excerptLength: 24,
      openFilters: ["Daerah", "Tahun"],
    });
    var input = element.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-label", "Cari di semua laporan");
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpFilters();
    setUpSortable();
    setUpContents();
    setUpSearch();
  });
})();
