// Data packs as a practice and a support team meet them: the sample project's
// packs built by the gpress under test, served over HTTP, read by headless
// Chromium. A pack page and the practices index must pass axe-core's WCAG 2.2
// A/AA rules at desktop and phone widths; the index must sort and filter with
// JavaScript and list every practice without it. Screenshots land in
// build-browser-shots/ for people to look at.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { axe, gpressExe, launch, overflow, screenshot, serve, sourceDir } from "./helpers.mjs";

let project, server, browser, practices;

// The sample project's packs, built into a temporary copy.
async function buildPacks() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gpress-packs-"));
  fs.copyFileSync(path.join(sourceDir, "gpress.toml"), path.join(dir, "gpress.toml"));
  for (const part of ["content", "data"]) fs.cpSync(path.join(sourceDir, part), path.join(dir, part), { recursive: true });
  await promisify(execFile)(gpressExe(), ["build", "packs", "--project", dir], { cwd: dir, maxBuffer: 16 << 20 });
  return dir;
}

before(async () => {
  project = await buildPacks();
  const root = path.join(project, "private/practices");
  practices = fs.readdirSync(root).filter((d) => /^[A-Z]\d{5}$/.test(d)).sort();
  // The shared server answers a missing file with the folder's 404.html.
  fs.writeFileSync(path.join(root, "404.html"), "<!DOCTYPE html><title>Not found</title>");
  server = await serve(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

async function open(address, { width = 1280, javaScript = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(server.url + address, { waitUntil: "load" });
  page.done = () => context.close();
  return page;
}

test("a pack page: no axe violations at 1280 and 375 px, no sideways scroll on a phone", async () => {
  const ods = practices[0];
  for (const width of [1280, 375]) {
    const page = await open(`${ods}/data-pack.html`, { width });
    try {
      await screenshot(page, `data-pack-${width}`);
      assert.deepEqual(await axe(page), [], `data pack at ${width} px`);
      if (width === 375) assert.equal(await overflow(page), 0, "the pack scrolls sideways at 375 px");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.done();
    }
  }
});

test("a pack page: every chart is a named image, and significance is in words", async () => {
  const page = await open(`${practices[0]}/data-pack.html`);
  try {
    const charts = await page.locator("svg[role=img]").evaluateAll((svgs) =>
      svgs.map((s) => ({
        title: s.querySelector("title")?.textContent ?? "",
        desc: s.querySelector("desc")?.textContent ?? "",
        labelled: s.getAttribute("aria-labelledby"),
      })),
    );
    assert.ok(charts.length >= 2);
    for (const c of charts) {
      assert.ok(c.title.length > 0 && c.desc.length > 0, "chart has a title and a description");
      assert.match(c.labelled, /-title .*-desc$/);
    }
    const tags = await page.locator(".pack-tag").allTextContents();
    assert.ok(tags.length > 0);
    for (const t of tags) assert.match(t, /^(Better|Worse|Higher|Lower) than .+ \(95% confidence\)$|^Similar to |^Not compared with /);
    // Opening the trend figures shows a table of the same numbers.
    await page.locator(".pack-details summary").first().click();
    assert.ok(await page.locator(".pack-details table").first().isVisible());
  } finally {
    await page.done();
  }
});

test("the practices index: no axe violations at 1280 and 375 px", async () => {
  for (const width of [1280, 375]) {
    const page = await open("index.html", { width });
    try {
      await screenshot(page, `practices-index-${width}`);
      assert.deepEqual(await axe(page), [], `index at ${width} px`);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.done();
    }
  }
});

test("the practices index sorts by a column and filters by text", async () => {
  const page = await open("index.html");
  try {
    const rows = page.locator("#practices tbody tr");
    const visible = page.locator("#practices tbody tr:visible");
    assert.equal(await rows.count(), practices.length);
    // Listed in priority order: rank 1, 2, 3, ... before any sorting.
    const ranks = await visible.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[0].dataset.value)));
    assert.deepEqual(ranks, ranks.map((_, i) => i + 1), "practices in rank order");

    await page.locator("th button", { hasText: "List size" }).click();
    const sizes = await visible.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[5].dataset.value)));
    assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b), "ascending by list size");
    assert.equal(await page.locator("th[aria-sort=ascending]").textContent(), "List size");
    await page.locator("th button", { hasText: "List size" }).click();
    const down = await visible.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[5].dataset.value)));
    assert.deepEqual(down, [...down].sort((a, b) => b - a), "descending on a second click");

    await page.locator("#practice-filter").fill(practices[1]);
    assert.equal(await visible.count(), 1);
    assert.equal((await visible.first().locator("td").nth(1).textContent()).trim(), practices[1]);
    assert.match(await page.locator("#practice-filter-count").textContent(), new RegExp(`^1 of ${practices.length}`));
    await screenshot(page, "practices-index-filtered-1280");
    await page.locator("#practice-filter").fill("");
    assert.equal(await visible.count(), practices.length);

    // Each pack link leads to that practice's pack.
    await Promise.all([page.waitForURL(new RegExp(`${practices[0]}/data-pack.html$`)),
      page.locator(`a[href="${practices[0]}/data-pack.html"]`).click()]);
    assert.match(await page.locator("h1").textContent(), /\S/);
  } finally {
    await page.done();
  }
});

test("the practices index without JavaScript lists every practice with its links", async () => {
  const page = await open("index.html", { javaScript: false });
  try {
    assert.equal(await page.locator("#practices tbody tr:visible").count(), practices.length);
    assert.equal(await page.locator(".pack-filter").isVisible(), false, "no filter box that cannot work");
    assert.equal(await page.locator('a[href$="/data-pack.html"]').count(), practices.length);
  } finally {
    await page.done();
  }
});
