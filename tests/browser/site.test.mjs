// The toolkit site as a visitor meets it: the sample project built by the
// gpress under test, served over HTTP, read by headless Chromium. Every page
// type must pass axe-core's WCAG 2.2 A/AA rules and fit a 320 px screen.
// Screenshots land in build-browser-shots/ for people to look at.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import {
  axe,
  buildSample,
  domainLevelTexts,
  frontMatter,
  hostile,
  launch,
  overflow,
  screenshot,
  serve,
} from "./helpers.mjs";

let project, server, browser;
const results = { passed: 0, failed: 0 };

// Each page type once, by the address a visitor would open.
const pageTypes = [
  ["home", ""],
  ["theme", "workforce-and-wellbeing/"],
  ["item", "workforce-and-wellbeing/care-navigation-competency-framework/"],
  ["case-studies", "case-studies/"],
  ["case-studies-filtered", "case-studies/tag/leadership/"],
  ["maturity", "maturity-framework/"],
  ["tag", "tags/leadership/"],
  ["tags", "tags/"],
  ["page", "about/"],
  ["accessibility statement", "accessibility/"],
  ["search", "search/?q=federation"],
  ["404", "no-such-page/"],
];

before(async () => {
  project = await buildSample();
  server = await serve(path.join(project, "site"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
  console.log(`${results.passed} passed, ${results.failed} failed`);
});

// Wraps node:test's test() to keep the one-line summary the suite prints.
function check(name, fn) {
  test(name, async (t) => {
    try {
      await fn(t);
      results.passed++;
    } catch (err) {
      results.failed++;
      throw err;
    }
  });
}

// A page with a record of every dialog and console error, so script that
// should never run is caught however it tries to show itself.
async function open(address, { width = 1280, javaScript = true } = {}) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    javaScriptEnabled: javaScript,
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.dialogs = [];
  page.errors = [];
  page.on("dialog", (d) => {
    page.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  const response = await page.goto(server.url + address, { waitUntil: "load" });
  page.status = response.status();
  page.done = () => context.close();
  return page;
}

async function waitForSearchResults(page) {
  await page.waitForSelector(".pagefind-ui__result", { timeout: 15000 });
}

describe("every page type", () => {
  for (const [name, address] of pageTypes) {
    check(`${name}: no axe violations at 1280 and 320 px, no horizontal scroll at 320 px`, async () => {
      for (const width of [1280, 320]) {
        const page = await open(address, { width });
        try {
          if (name === "search") await waitForSearchResults(page);
          // NHS.UK frontend's script found its module from this page's depth.
          assert.equal(await page.locator(".nhsuk-header[data-nhsuk-header-init]").count(), 1, "header script ran");
          await screenshot(page, `${name}-${width}`);
          assert.deepEqual(await axe(page), [], `${name} at ${width} px`);
          if (width === 320) assert.equal(await overflow(page), 0, `${name} scrolls sideways at 320 px`);
          assert.deepEqual(page.errors, [], "script errors");
        } finally {
          await page.done();
        }
      }
    });
  }
});

check("home: the themes as cards, the newest items and a search box", async () => {
  const page = await open("");
  try {
    assert.equal(await page.locator("h1").count(), 1);
    const themeCards = page.locator("#themes .nhsuk-card");
    assert.equal(await themeCards.count(), 7);
    assert.ok((await page.locator("#newest .nhsuk-card").count()) > 0);
    const search = page.locator("main search input[type=search]");
    await search.fill("pharmacist");
    await Promise.all([page.waitForURL(/search\/.*q=pharmacist/), search.press("Enter")]);
  } finally {
    await page.done();
  }
});

check("the footer of every page links the accessibility statement, the menu does not", async () => {
  for (const [name, address] of pageTypes) {
    const page = await open(address);
    try {
      const link = page.locator("footer a", { hasText: "Accessibility statement" });
      assert.equal(await link.count(), 1, `${name}: footer link`);
      assert.equal(await page.locator("header nav a", { hasText: "Accessibility" }).count(), 0, `${name}: menu`);
      if (name === "home") {
        await Promise.all([page.waitForURL(/accessibility\//), link.click()]);
        assert.equal(await page.locator("h1").textContent(), "Accessibility statement");
      }
    } finally {
      await page.done();
    }
  }
});

check("theme page lists every item of the theme, grouped in type order", async () => {
  const theme = "workforce-and-wellbeing";
  const order = ["report", "point-of-view", "tool", "case-study"];
  const files = fs.readdirSync(path.join(project, "content", theme)).filter((f) => f.endsWith(".md"));
  const typeOf = Object.fromEntries(
    files.map((f) => [f.slice(0, -3), frontMatter(path.join(project, "content", theme, f), "type")]),
  );
  const page = await open(theme + "/");
  try {
    const hrefs = await page.locator("main .nhsuk-card__link").evaluateAll((as) => as.map((a) => a.href));
    const slugs = hrefs.map((h) => h.replace(/\/(index\.html)?$/, "").split("/").pop());
    assert.deepEqual([...slugs].sort(), Object.keys(typeOf).sort(), "each item linked once");
    const ranks = slugs.map((s) => order.indexOf(typeOf[s]));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), "report, point of view, tool, case study");
    const headings = await page.locator("main section > h2").allTextContents();
    assert.match(headings[0], /Reports/);
  } finally {
    await page.done();
  }
});

check("item page: title as h1, breadcrumbs, facts, previous/next and related", async () => {
  const file = path.join(project, "content/workforce-and-wellbeing/care-navigation-competency-framework.md");
  const page = await open("workforce-and-wellbeing/care-navigation-competency-framework/");
  try {
    assert.equal((await page.locator("h1").textContent()).trim(), frontMatter(file, "title"));
    const crumbs = page.locator(".nhsuk-breadcrumb__link");
    assert.equal(await crumbs.count(), 2);
    assert.match(await crumbs.nth(1).getAttribute("href"), /^\.\.\/\.\.\/workforce-and-wellbeing\/(index\.html)?$/);
    const facts = await page.locator(".nhsuk-summary-list__key").allTextContents();
    for (const key of ["Theme", "Type", "Published", "Organisation", "Source", "Tags"])
      assert.ok(facts.some((f) => f.trim() === key), `summary list has ${key}`);
    assert.ok((await page.locator(".nhsuk-pagination__link").count()) >= 1);
    assert.ok((await page.locator("#related .nhsuk-card").count()) >= 1);
    assert.equal(await page.locator("main table caption, main table").first().isVisible(), true);
  } finally {
    await page.done();
  }
});

check("case studies: choosing a theme, then a tag, hides the cards that do not match", async () => {
  const page = await open("case-studies/");
  try {
    const cards = page.locator("#case-study-list > li");
    const total = await cards.count();
    assert.ok(total >= 10);
    await page.locator("a[data-filter-theme='system-partnerships']").click();
    const shown = page.locator("#case-study-list > li:visible");
    const themes = await shown.evaluateAll((lis) => lis.map((li) => li.dataset.theme));
    assert.ok(themes.length > 0 && themes.length < total);
    assert.ok(themes.every((t) => t === "system-partnerships"), themes.join());
    assert.equal(await page.locator("#case-study-count").textContent(), String(themes.length));
    assert.match(page.url(), /case-studies\/(index\.html)?(#|\?|$)/, "stayed on the page");
    await page.locator("a[data-filter-tag='population-health']").click();
    const both = await shown.evaluateAll((lis) => lis.map((li) => [li.dataset.theme, li.dataset.tags]));
    assert.ok(both.length > 0 && both.length <= themes.length);
    for (const [t, tags] of both) {
      assert.equal(t, "system-partnerships");
      assert.ok(tags.split(" ").includes("population-health"));
    }
    await screenshot(page, "case-studies-js-filtered-1280");
    await page.locator("a[data-filter-all]").click();
    assert.equal(await shown.count(), total);
  } finally {
    await page.done();
  }
});

check("case studies without JavaScript: a filter link leads to a page of only matching case studies", async () => {
  const page = await open("case-studies/", { javaScript: false });
  try {
    const total = await page.locator("#case-study-list > li").count();
    await Promise.all([page.waitForURL(/case-studies\/tag\/leadership\//), page.locator("a[data-filter-tag='leadership']").click()]);
    const tags = await page.locator("#case-study-list > li").evaluateAll((lis) => lis.map((li) => li.dataset.tags));
    assert.ok(tags.length > 0 && tags.length < total);
    assert.ok(tags.every((t) => t.split(" ").includes("leadership")));
    await Promise.all([
      page.waitForURL(/case-studies\/theme\/quality-improvement\//),
      page.locator("a[data-filter-theme='quality-improvement']").click(),
    ]);
    const themes = await page.locator("#case-study-list > li").evaluateAll((lis) => lis.map((li) => li.dataset.theme));
    assert.ok(themes.length > 0 && themes.every((t) => t === "quality-improvement"));
    assert.match(await page.locator("h1").textContent(), /Quality improvement/);
  } finally {
    await page.done();
  }
});

check("search: typing a query shows results, with theme and type filters", async () => {
  const page = await open("search/");
  try {
    const input = page.locator(".pagefind-ui__search-input");
    await input.waitFor();
    await input.fill("pharmacist");
    await waitForSearchResults(page);
    const titles = await page.locator(".pagefind-ui__result-link").allTextContents();
    assert.ok(titles.length > 0);
    assert.ok(titles.some((t) => /pharmacist/i.test(t)), titles.join(" | "));
    const filters = (await page.locator(".pagefind-ui__filter-name").allTextContents()).map((s) => s.trim().toLowerCase());
    assert.ok(filters.some((f) => f.startsWith("theme")), filters.join());
    assert.ok(filters.some((f) => f.startsWith("type")), filters.join());
    await screenshot(page, "search-typed-1280");
  } finally {
    await page.done();
  }
});

check("search indexes only item and page bodies", async () => {
  const page = await open("search/?q=leadership");
  try {
    await waitForSearchResults(page);
    await page.locator(".pagefind-ui__results").waitFor();
    const links = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => a.href));
    for (const href of links) {
      const rel = href.slice(server.url.length);
      assert.doesNotMatch(rel, /^(tags|case-studies|maturity-framework|search)\//, `listing indexed: ${rel}`);
      assert.notEqual(rel.replace(/index\.html$/, ""), "", "home page indexed");
    }
  } finally {
    await page.done();
  }
});

check("maturity framework: every domain's four level texts, and a profile computed as levels are chosen", async () => {
  const page = await open("maturity-framework/");
  try {
    const cells = await page.locator("main table td").allTextContents();
    const texts = domainLevelTexts(project);
    assert.ok(texts.length >= 7 * 4);
    for (const text of texts) assert.ok(cells.some((c) => c.trim() === text), `missing level text: ${text}`);
    for (const table of await page.locator("main table").all())
      assert.ok((await table.locator("caption").textContent()).trim().length > 0, "caption");
    for (const table of await page.locator("main table.gp-maturity-table").all()) {
      assert.equal(await table.locator("thead th[scope=col]").count(), 5, "domain and levels A to D");
      assert.equal(await table.locator("tbody th[scope=row]").count(), await table.locator("tbody tr").count());
    }

    const theme = "workforce-and-wellbeing";
    const profile = page.locator(`[data-profile="${theme}"]`);
    const fieldsets = page.locator(`fieldset[data-theme="${theme}"]`);
    const n = await fieldsets.count();
    assert.ok(n >= 2);
    await fieldsets.nth(0).locator("input[value=B]").check();
    assert.match(await profile.textContent(), /B/);
    for (let i = 1; i < n; ++i) await fieldsets.nth(i).locator("input[value=D]").check();
    const text = await profile.textContent();
    assert.match(text, /B/);
    assert.match(text, /D/);
    assert.match(text, new RegExp(`${n} of ${n}`));
    const summary = await page.locator("#profile-summary").textContent();
    assert.match(summary, /Workforce/);
    assert.match(summary, /Level B/);

    await page.emulateMedia({ media: "print" });
    await screenshot(page, "maturity-print");
    assert.equal(await page.locator(".nhsuk-header").isVisible(), false, "no header in print");
    assert.equal(await page.locator("#profile-summary").isVisible(), true, "profile printed");
    assert.equal(await page.locator("main table").first().isVisible(), false, "framework tables not printed");
    // Nothing leaves the browser: the page has no form that submits anywhere.
    assert.equal(await page.locator("form#self-assessment[action]:not([action='#'])").count(), 0);
  } finally {
    await page.done();
  }
});

check("the maturity framework can be printed from a button", async () => {
  const page = await open("maturity-framework/");
  try {
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => window.__printed++;
    });
    await page.locator("#print-profile").click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
  } finally {
    await page.done();
  }
});

check("tag page, tags index and a standalone page", async () => {
  let page = await open("tags/leadership/");
  try {
    assert.match(await page.locator("h1").textContent(), /leadership/);
    assert.ok((await page.locator("main .nhsuk-card").count()) > 1);
  } finally {
    await page.done();
  }
  page = await open("tags/");
  try {
    assert.ok((await page.locator("main a[href*='leadership']").count()) >= 1);
  } finally {
    await page.done();
  }
  page = await open("about/");
  try {
    assert.equal((await page.locator("h1").textContent()).trim(), frontMatter(path.join(project, "content/pages/about.md"), "title"));
  } finally {
    await page.done();
  }
});

check("404: a missing address answers with the not-found page, whose links work", async () => {
  const page = await open("workforce-and-wellbeing/no-such-item/");
  try {
    assert.equal(page.status, 404);
    assert.equal((await page.locator("h1").textContent()).trim(), "Page not found");
    assert.equal(await page.locator("link[href$='nhsuk-frontend.min.css']").count(), 1);
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".nhsuk-header")).backgroundColor);
    assert.notEqual(styled, "rgba(0, 0, 0, 0)", "styles load from a nested address");
  } finally {
    await page.done();
  }
});

check("feed.xml and sitemap.xml are well-formed XML, with author text escaped", async () => {
  const page = await open("");
  try {
    const parsed = await page.evaluate(async () => {
      const out = {};
      for (const file of ["feed.xml", "sitemap.xml"]) {
        const doc = new DOMParser().parseFromString(await (await fetch(file)).text(), "application/xml");
        out[file] = {
          error: doc.querySelector("parsererror")?.textContent || "",
          entries: doc.getElementsByTagName(file === "feed.xml" ? "entry" : "url").length,
          titles: [...doc.getElementsByTagName("title")].map((t) => t.textContent),
        };
      }
      return out;
    });
    assert.equal(parsed["feed.xml"].error, "");
    assert.equal(parsed["sitemap.xml"].error, "");
    assert.ok(parsed["feed.xml"].entries > 0 && parsed["sitemap.xml"].entries > 0);
    assert.ok(parsed["feed.xml"].titles.includes(hostile.title), "hostile title kept as text in the feed");
  } finally {
    await page.done();
  }
});

describe("hostile author markup stays inert", () => {
  const itemAddress = `${hostile.theme}/${hostile.slug}/`;
  for (const [name, address] of [
    ["item", itemAddress],
    ["home", ""],
    ["theme", hostile.theme + "/"],
    ["case studies", "case-studies/"],
    ["tags", "tags/"],
  ]) {
    check(`${name}: no script runs and the text shows literally`, async () => {
      const page = await open(address);
      try {
        assert.deepEqual(page.dialogs, []);
        assert.equal(await page.evaluate(() => window.__pwned), undefined);
        const text = await page.locator("main").textContent();
        if (name !== "tags") assert.ok(text.includes(hostile.title), "title shown as text");
        if (name !== "tags" && name !== "item") assert.ok(text.includes(hostile.summary), "summary shown as text");
        assert.ok(text.includes(hostile.tag) || name === "home" || name === "theme", "tag shown as text");
        assert.equal(await page.locator("main script, main iframe, main img[onerror], main b, main i").count(), 0);
      } finally {
        await page.done();
      }
    });
  }

  check("item: h1 is the title as written, links in the body are not javascript:", async () => {
    const page = await open(itemAddress);
    try {
      assert.equal(await page.locator("h1").textContent(), hostile.title);
      assert.ok((await page.locator("main").textContent()).includes(hostile.organisation));
      const facts = await page.locator(".nhsuk-summary-list__key").allTextContents();
      assert.ok(!facts.some((f) => f.trim() === "Source"), "no source row for an item without a source");
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.ok(hrefs.every((h) => !/^\s*(javascript|data|vbscript):/i.test(h)), hrefs.join(" "));
      for (const a of await page.locator(".gp-body a").all()) await a.click({ trial: true }).catch(() => {});
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(page.errors, []);
      await page.mouse.move(0, 0);
      assert.deepEqual(await axe(page), []);
      await screenshot(page, "hostile-item-1280");
    } finally {
      await page.done();
    }
    const narrow = await open(itemAddress, { width: 320 });
    try {
      assert.equal(await overflow(narrow), 0, "a wide table or long address widens the page");
      assert.deepEqual(await axe(narrow), [], "at 320 px");
      await screenshot(narrow, "hostile-item-320");
    } finally {
      await narrow.done();
    }
  });
});
