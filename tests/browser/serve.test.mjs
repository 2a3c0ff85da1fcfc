// `gpress serve` as an author uses it: an open page reloads by itself with
// the saved edit, and a broken edit keeps the last good site on screen while
// the error goes to the terminal.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";

import { buildSample, gpressExe, launch } from "./helpers.mjs";

let project, server, browser, url;
let log = "";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Resolves once gpress's output has matched `pattern` since `from`.
function logged(pattern, from = 0) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gpress serve never printed ${pattern}:\n${log}`)), 20000);
    const check = () => {
      if (pattern.test(log.slice(from))) {
        clearTimeout(timer);
        server.stderr.off("data", check);
        resolve();
      }
    };
    server.stderr.on("data", check);
    check();
  });
}

before(async () => {
  project = await buildSample();
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  server = spawn(gpressExe(), ["serve", "--project", project, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  server.stderr.setEncoding("utf8");
  server.stderr.on("data", (chunk) => (log += chunk));
  await logged(/serving/);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

const item = "workforce-and-wellbeing/care-navigation-competency-framework";

test("an open page reloads with the edit once it is saved", async () => {
  const page = await browser.newPage();
  await page.goto(url + item + "/");
  const file = path.join(project, "content", item + ".md");
  fs.appendFileSync(file, "\nA sentence added while the page was open.\n");
  await page.waitForFunction(() => document.body.innerText.includes("A sentence added while the page was open."), null, {
    timeout: 15000,
  });
  await page.close();
});

test("a broken edit is reported and the last good site stays served; fixing it rebuilds", async () => {
  const page = await browser.newPage();
  await page.goto(url + item + "/");
  const file = path.join(project, "content", item + ".md");
  const good = fs.readFileSync(file, "utf8");
  const from = log.length;
  fs.writeFileSync(file, good.replace(/^theme: .*$/m, "theme: no-such-theme"));
  await logged(/not rebuilt/, from);
  assert.match(log.slice(from), /content\/workforce-and-wellbeing\/care-navigation-competency-framework\.md:\d+:\d+: error: unknown theme 'no-such-theme'/);
  const still = await page.request.get(url + item + "/");
  assert.equal(still.status(), 200);

  fs.writeFileSync(file, good.replace(/^title: .*$/m, "title: Care navigation, renamed"));
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.includes("Care navigation, renamed"), null, {
    timeout: 15000,
  });
  await page.close();
});
