// The practices index: sort by any column and filter by text. Without
// JavaScript the table is complete, in ODS code order.
(function () {
  "use strict";
  var table = document.getElementById("practices");
  if (!table || !document.querySelector) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  var filter = document.querySelector(".pack-filter");
  var input = document.getElementById("practice-filter");
  var count = document.getElementById("practice-filter-count");
  if (filter && input) {
    filter.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = words.length ? shown + " of " + rows.length + " practices shown" : "";
    });
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pack-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[column];
        if (kind === "number") return parseFloat(cell.getAttribute("data-value") || cell.textContent.replace(/,/g, ""));
        return cell.textContent.trim().toLowerCase();
      };
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = kind === "number" ? x - y : x.localeCompare(y);
        // Ties keep ODS code order so repeated clicks are stable.
        if (order === 0) order = a.cells[0].textContent.localeCompare(b.cells[0].textContent);
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
