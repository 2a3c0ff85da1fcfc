// The thematic highlight report as the regional lead reads it: the
// thematic-basic fixture (two quarters) built by the gpress under test, both
// pages served over HTTP and read by headless Chromium. Each must pass
// axe-core's WCAG 2.2 A/AA rules at desktop and phone widths, give every
// chart a text alternative, and the wider page must name no practice and show
// no count from 1 to 4. Screenshots land in build-browser-shots/.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";

import { axe, gpressExe, launch, screenshot, serve, sourceDir } from "./helpers.mjs";

let project, server, browser;

before(async () => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "gpress-thematic-"));
  fs.cpSync(path.join(sourceDir, "tests/fixtures/thematic-basic"), project, { recursive: true });
  await promisify(execFile)(gpressExe(), ["build", "thematic", "--project", project], { cwd: project });
  const root = path.join(project, "private/thematic/2025-Q4");
  fs.writeFileSync(path.join(root, "404.html"), "<!DOCTYPE html><title>Not found</title>");
  server = await serve(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

async function open(address, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(server.url + address, { waitUntil: "load" });
  page.done = () => context.close();
  return page;
}

for (const [name, address] of [["local office", "index.html"], ["wider", "wider.html"]]) {
  for (const width of [1280, 320]) {
    test(`the ${name} page passes axe at ${width} px`, async () => {
      const page = await open(address, width);
      assert.deepEqual(await axe(page), []);
      assert.deepEqual(page.errors, []);
      await screenshot(page, `thematic-${address.replace(".html", "")}-${width}`);
      await page.done();
    });
  }

  test(`the ${name} page's charts have names and a table beside them`, async () => {
    const page = await open(address);
    const charts = await page.$$eval("svg.thematic-chart", (svgs) =>
      svgs.map((s) => ({
        name: s.getAttribute("aria-label"),
        role: s.getAttribute("role"),
        table: !!s.closest("section").querySelector("table caption"),
      })),
    );
    assert.ok(charts.length >= 3, `only ${charts.length} charts`);
    for (const c of charts) {
      assert.equal(c.role, "img");
      assert.ok(c.name && c.name.length > 10, `chart name ${c.name}`);
      assert.ok(c.table, `no table beside ${c.name}`);
    }
    await page.done();
  });
}

test("the local office page leads with the ranked opportunities and names their practices", async () => {
  const page = await open("index.html");
  const opportunities = await page.locator("#opportunities").innerText();
  assert.match(opportunities, /The top 2 cover 6 practices and [\d,]+ registered patients/);
  assert.match(opportunities, /North PCN/);
  assert.match(opportunities, /Cedar Medical Centre \(A00003\)/);
  assert.match(opportunities, /South PCN/);
  await page.done();
});

test("the wider page names no practice and shows no count from 1 to 4", async () => {
  const page = await open("wider.html");
  const text = await page.locator("main").innerText();
  assert.doesNotMatch(text, /A000\d\d|Alder|Cedar|Hazel/);
  const cells = await page.$$eval("td.thematic-num", (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(cells.length > 50);
  for (const c of cells) assert.ok(!/^[1-4]$/.test(c), `a cell shows ${c}`);
  assert.ok(cells.includes("[c]"));
  await page.done();
});

test("the page prints without the contents list or links", async () => {
  const page = await open("index.html");
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".thematic-contents").evaluate((e) => getComputedStyle(e).display), "none");
  await page.done();
});
