// gpress: progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Case-study listing: filter in place by theme and tag together. Without
  // JavaScript the filter links go to pre-built filtered pages instead.
  var list = document.getElementById("case-study-list");
  var filters = document.getElementById("case-study-filters");
  if (list && filters) {
    var state = { theme: "", tag: "" };
    var count = document.getElementById("case-study-count");
    var apply = function () {
      var shown = 0;
      Array.prototype.forEach.call(list.children, function (li) {
        var okTheme = !state.theme || li.getAttribute("data-theme") === state.theme;
        var okTag = !state.tag || (" " + li.getAttribute("data-tags") + " ").indexOf(" " + state.tag + " ") >= 0;
        li.hidden = !(okTheme && okTag);
        if (!li.hidden) shown++;
      });
      if (count) count.textContent = String(shown);
      Array.prototype.forEach.call(filters.querySelectorAll("a[data-filter-theme],a[data-filter-tag]"), function (a) {
        var on = a.getAttribute("data-filter-theme") === state.theme && state.theme ||
                 a.getAttribute("data-filter-tag") === state.tag && state.tag;
        if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
    };
    // Only the unfiltered listing holds every case study.
    if (!document.querySelector(".gp-filters a[aria-current='page'][data-filter-theme], .gp-filters a[aria-current='page'][data-filter-tag]")) {
      filters.addEventListener("click", function (e) {
        var a = e.target.closest("a");
        if (!a) return;
        var theme = a.getAttribute("data-filter-theme");
        var tag = a.getAttribute("data-filter-tag");
        if (theme === null && tag === null) { state.theme = ""; state.tag = ""; apply(); e.preventDefault(); return; }
        if (theme !== null) state.theme = state.theme === theme ? "" : theme;
        if (tag !== null) state.tag = state.tag === tag ? "" : tag;
        apply();
        e.preventDefault();
      });
    }
  }

  // Maturity self-assessment: a profile per theme from the chosen levels,
  // kept in this browser only.
  var form = document.getElementById("self-assessment");
  if (form) {
    var key = "gpress-self-assessment";
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (err) { saved = {}; }
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (input) {
      if (saved[input.name] === input.value) input.checked = true;
    });
    var update = function () {
      var answers = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (input) {
        answers[input.name] = input.value;
      });
      try { localStorage.setItem(key, JSON.stringify(answers)); } catch (err) { /* private mode */ }
      Array.prototype.forEach.call(form.querySelectorAll("[data-profile]"), function (out) {
        var theme = out.getAttribute("data-profile");
        var sets = form.querySelectorAll("fieldset[data-theme='" + theme + "']");
        var levels = [];
        Array.prototype.forEach.call(sets, function (fs) {
          var checked = fs.querySelector("input:checked");
          levels.push(checked ? checked.value : "-");
        });
        var chosen = levels.filter(function (l) { return l !== "-"; }).sort();
        if (!chosen.length) { out.textContent = ""; return; }
        out.textContent = "Your profile: " + levels.join(", ") + " (domains in order). Lowest level: " + chosen[0] +
          "; highest: " + chosen[chosen.length - 1] + ".";
      });
    };
    form.addEventListener("change", update);
    update();
    var print = document.getElementById("print-profile");
    if (print) print.addEventListener("click", function () { window.print(); });
  }

  // Search page: Pagefind's UI, filtered by theme and type.
  var search = document.getElementById("gp-search");
  if (search && window.PagefindUI) {
    var ui = new window.PagefindUI({ element: "#gp-search", showSubResults: true, bundlePath: search.getAttribute("data-bundle") });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) ui.triggerSearch(q);
  }
})();
