// Options reports as the support team opens them: the sample project's
// reports built by the gpress under test, served over HTTP and read by
// headless Chromium. Each must pass axe-core's WCAG 2.2 A/AA rules and fit a
// 320 px screen; the print layout must keep the plan's fill-in boxes.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";

import { axe, gpressExe, launch, overflow, screenshot, serve, sourceDir } from "./helpers.mjs";

let project, server, browser;

// One practice at each support level in the sample assessments.
const reports = [
  ["manage", "F83018"],
  ["stabilise-override", "F83672"],
  ["improve", "E83003"],
  ["sustain", "E83018"],
  ["no-assessments", "E83005"],
];

before(async () => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "gpress-options-"));
  fs.copyFileSync(path.join(sourceDir, "gpress.toml"), path.join(project, "gpress.toml"));
  fs.cpSync(path.join(sourceDir, "content"), path.join(project, "content"), { recursive: true });
  fs.cpSync(path.join(sourceDir, "data"), path.join(project, "data"), { recursive: true });
  await promisify(execFile)(gpressExe(), ["build", "options", "--project", project], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  // The shared server answers a miss (the browser's favicon request) with 404.html.
  fs.writeFileSync(path.join(project, "private/practices/404.html"), "<!DOCTYPE html><title>Not found</title>");
  server = await serve(path.join(project, "private/practices"));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

async function open(address, { width = 1280, media = "screen" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: true });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  await page.emulateMedia({ media });
  const response = await page.goto(server.url + address, { waitUntil: "load" });
  page.status = response.status();
  page.done = () => context.close();
  return page;
}

describe("options reports", () => {
  for (const [name, ods] of reports) {
    test(`${name} (${ods}): no axe violations at 1280 and 320 px, no sideways scroll at 320 px`, async () => {
      for (const width of [1280, 320]) {
        const page = await open(`${ods}/options-report.html`, { width });
        try {
          assert.equal(page.status, 200);
          await screenshot(page, `options-${name}-${width}`);
          assert.deepEqual(await axe(page), [], `${ods} at ${width} px`);
          if (width === 320) assert.equal(await overflow(page), 0, `${ods} scrolls sideways at 320 px`);
        } finally {
          await page.done();
        }
      }
    });
  }

  test("the report shows its support level, the five plan domains and links the data pack", async () => {
    const page = await open("F83018/options-report.html");
    try {
      assert.match(await page.locator("#support-heading").innerText(), /Support level: Manage/);
      const domains = await page.locator("#plan h3").allInnerTexts();
      assert.deepEqual(domains, [
        "1. Investment / finance",
        "2. Infrastructure",
        "3. Workload",
        "4. Workforce",
        "5. New care models",
      ]);
      assert.equal(await page.locator('a[href="data-pack.html"]').count() > 0, true);
      const css = await page.evaluate(() => getComputedStyle(document.querySelector(".op-header")).backgroundColor);
      assert.equal(css, "rgb(0, 94, 184)", "the stylesheet loaded from ../assets/options.css");
    } finally {
      await page.done();
    }
  });

  test("an override says the support team set it", async () => {
    const page = await open("F83672/options-report.html");
    try {
      const text = await page.locator(".op-support").innerText();
      assert.match(text, /Set by the support team on 2025-03-04:/);
    } finally {
      await page.done();
    }
  });

  test("print: A4, the plan's owner, date and status print as bordered boxes on a new page", async () => {
    const page = await open("F83018/options-report.html", { media: "print" });
    try {
      const box = await page.evaluate(() => {
        const s = getComputedStyle(document.querySelector(".op-plan .op-fill"));
        return { border: s.borderTopStyle, width: parseFloat(s.borderTopWidth), display: s.display };
      });
      assert.equal(box.border, "solid");
      assert.ok(box.width >= 1.5, "a box you can write in");
      assert.notEqual(box.display, "none");
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".op-header")).display), "none");
      assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".op-plan")).breakBefore), "page");
      const pdf = await page.pdf({ format: "A4" });
      assert.ok(pdf.length > 1000);
    } finally {
      await page.done();
    }
  });
});
