// gpress: progressive enhancements. Every page works without this file; it
// only filters in place, computes the self-assessment profile and runs search.
(function () {
  "use strict";

  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // Case-study listing: filter in place by theme and tag together. Without
  // JavaScript the same links go to pre-built pages of the matching studies.
  var list = document.getElementById("case-study-list");
  var filters = document.getElementById("case-study-filters");
  // Only the unfiltered listing holds every case study; on a pre-built
  // filtered page the links simply navigate.
  var unfiltered = filters && filters.querySelector("a[data-filter-all][aria-current]");
  if (list && filters && unfiltered) {
    var state = { theme: "", tag: "" };
    var count = document.getElementById("case-study-count");
    var read = function () {
      var params = new URLSearchParams(window.location.hash.slice(1));
      state.theme = params.get("theme") || "";
      state.tag = params.get("tag") || "";
    };
    var apply = function () {
      var shown = 0;
      each(list.children, function (li) {
        var okTheme = !state.theme || li.getAttribute("data-theme") === state.theme;
        var okTag = !state.tag || (" " + li.getAttribute("data-tags") + " ").indexOf(" " + state.tag + " ") >= 0;
        li.hidden = !(okTheme && okTag);
        if (!li.hidden) shown++;
      });
      if (count) count.textContent = String(shown);
      each(filters.querySelectorAll("a[data-filter-all],a[data-filter-theme],a[data-filter-tag]"), function (a) {
        var theme = a.getAttribute("data-filter-theme");
        var tag = a.getAttribute("data-filter-tag");
        var on = theme !== null ? theme === state.theme
               : tag !== null ? tag === state.tag
               : !state.theme && !state.tag;
        if (on) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
    };
    filters.addEventListener("click", function (e) {
      var a = e.target.closest("a");
      if (!a) return;
      var theme = a.getAttribute("data-filter-theme");
      var tag = a.getAttribute("data-filter-tag");
      if (theme === null && tag === null) { state.theme = ""; state.tag = ""; }
      if (theme !== null) state.theme = state.theme === theme ? "" : theme;
      if (tag !== null) state.tag = state.tag === tag ? "" : tag;
      e.preventDefault();
      var params = new URLSearchParams();
      if (state.theme) params.set("theme", state.theme);
      if (state.tag) params.set("tag", state.tag);
      // The address keeps the filter so it can be shared or bookmarked.
      history.replaceState(null, "", params.toString() ? "#" + params.toString() : window.location.pathname + window.location.search);
      apply();
    });
    read();
    apply();
  }

  // Maturity self-assessment: a profile per theme from the chosen levels.
  // Answers are kept in this browser's storage only, never sent anywhere.
  var form = document.getElementById("self-assessment");
  if (form) {
    var key = "gpress-self-assessment:" + window.location.pathname;
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (err) { saved = {}; }
    each(form.querySelectorAll("input[type=radio]"), function (input) {
      if (saved[input.name] === input.value) input.checked = true;
    });
    var summary = document.getElementById("profile-summary");
    var el = function (tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    var themeProfile = function (sets) {
      var levels = [], chosen = [], lowest = null;
      each(sets, function (fs) {
        var checked = fs.querySelector("input:checked");
        levels.push(checked ? checked.value : "not assessed");
        if (checked) {
          chosen.push(checked.value);
          if (!lowest || checked.value < lowest.level)
            lowest = { level: checked.value, domain: fs.querySelector("legend").textContent.trim() };
        }
      });
      chosen.sort();
      return { levels: levels, chosen: chosen, lowest: lowest, median: chosen[Math.floor((chosen.length - 1) / 2)] };
    };
    var update = function () {
      var answers = {};
      each(form.querySelectorAll("input[type=radio]:checked"), function (input) { answers[input.name] = input.value; });
      try { localStorage.setItem(key, JSON.stringify(answers)); } catch (err) { /* storage off: the page still works */ }

      var rows = [];
      each(form.querySelectorAll("[data-profile]"), function (out) {
        var theme = out.getAttribute("data-profile");
        var sets = form.querySelectorAll("fieldset[data-theme='" + theme + "']");
        var p = themeProfile(sets);
        if (!p.chosen.length) {
          out.textContent = "Choose a level for each domain to see your profile for this theme.";
          return;
        }
        out.textContent = "Your profile: " + p.levels.join(", ") + " (" + p.chosen.length + " of " + sets.length +
          " domains assessed). Typical level: " + p.median + ". Lowest: " + p.lowest.level + ", in " +
          p.lowest.domain.replace(/^\d+\.\s*/, "") + ".";
        rows.push({ title: out.getAttribute("data-title"), profile: p, sets: sets, text: out.textContent });
      });

      summary.textContent = "";
      if (!rows.length) {
        summary.appendChild(el("p", "", "Choose levels above and your profile for every theme appears here, ready to print."));
        return;
      }
      summary.appendChild(el("p", "gp-print-only", "Printed on " + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) + "."));
      rows.forEach(function (row) {
        summary.appendChild(el("h3", "nhsuk-heading-s", row.title + ": typical level " + row.profile.median));
        var dl = el("dl", "nhsuk-summary-list");
        each(row.sets, function (fs) {
          var checked = fs.querySelector("input:checked");
          var item = el("div", "nhsuk-summary-list__row");
          item.appendChild(el("dt", "nhsuk-summary-list__key", fs.querySelector("legend").textContent.trim()));
          var dd = el("dd", "nhsuk-summary-list__value");
          if (checked) {
            dd.appendChild(el("strong", "", "Level " + checked.value));
            dd.appendChild(el("span", "gp-profile-text", " " + document.getElementById(checked.id + "-hint").textContent.trim()));
          } else {
            dd.textContent = "Not assessed";
          }
          item.appendChild(dd);
          dl.appendChild(item);
        });
        summary.appendChild(dl);
      });
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update();
    var print = document.getElementById("print-profile");
    if (print) print.addEventListener("click", function () { window.print(); });
    var clear = document.getElementById("clear-profile");
    if (clear) clear.addEventListener("click", function () {
      each(form.querySelectorAll("input[type=radio]:checked"), function (input) { input.checked = false; });
      update();
    });
  }

  // Search page: Pagefind's UI, with its theme and type filters.
  var search = document.getElementById("gp-search");
  if (search && window.PagefindUI) {
    var ui = new window.PagefindUI({
      element: "#gp-search",
      bundlePath: search.getAttribute("data-bundle"),
      showSubResults: true,
      showImages: false,
      openFilters: ["theme", "type"],
      translations: { placeholder: "Search the toolkit" },
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      ui.triggerSearch(q);
      var header = document.getElementById("search-field");
      if (header) header.value = q;
    }
  }
})();
