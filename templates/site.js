// reportgen site: small enhancements; every page works without them.
(function () {
  "use strict";

  // Index: filter and sort the report cards.
  function setUpFilters() {
    var form = document.getElementById("penyaring");
    var list = document.getElementById("daftar-laporan");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.querySelectorAll(".report-card"));
    var selects = form.querySelectorAll("select[data-filter]");
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
      var key = sorter.value;
      cards.slice().sort(function (a, b) {
        if (key === "tahun") return b.dataset.tahun - a.dataset.tahun || a.dataset.wilayah.localeCompare(b.dataset.wilayah, "id");
        return a.dataset[key].localeCompare(b.dataset[key], "id");
      }).forEach(function (card) { list.appendChild(card); });
    }
    form.addEventListener("change", function (event) {
      if (event.target === sorter) sort(); else apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Comparison: sortable table columns.
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
            if (numeric) {
              x = x === "" ? -Infinity : parseFloat(x);
              y = y === "" ? -Infinity : parseFloat(y);
              return ascending ? x - y : y - x;
            }
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

  // Search page: Pagefind's interface, in Indonesian.
  function setUpSearch() {
    var element = document.getElementById("search");
    if (!element || typeof PagefindUI === "undefined") return;
    new PagefindUI({ element: "#search", bundlePath: element.dataset.bundle, showSubResults: true, showImages: false });
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
