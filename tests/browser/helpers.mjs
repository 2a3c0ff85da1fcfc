// Shared set-up for the browser tests: build the sample project into a
// temporary folder, serve it on 127.0.0.1, drive headless Chromium, run axe.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.GPRESS_SOURCE_DIR || path.resolve(here, "../..");

// The executable under test: CTest passes it; by hand, the usual build folders.
export function gpressExe() {
  if (process.env.GPRESS_EXE) return process.env.GPRESS_EXE;
  for (const dir of ["build-web", "build"]) {
    const exe = path.join(sourceDir, dir, "gpress");
    if (fs.existsSync(exe)) return exe;
  }
  throw new Error("set GPRESS_EXE to the gpress executable");
}

export const shotsDir = path.join(sourceDir, "build-browser-shots");

// Markup an author could write by mistake or on purpose. Every part of it must
// reach the reader as text, never as markup or script.
export const hostile = {
  slug: "hostile-markup-fixture",
  theme: "workforce-and-wellbeing",
  title: `<script>window.__pwned = "title"</script> "Quotes" & 'apostrophes' <b>bold</b>`,
  summary: `<img src=x onerror="window.__pwned='summary'"> Tom & Jerry's "summary"`,
  tag: `<script>alert("tag")</script> & co`,
  organisation: `O'Neill & Sons <i>Ltd</i>`,
};

function hostileItem() {
  const q = (s) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
  return `---
title: ${q(hostile.title)}
type: case-study
theme: ${hostile.theme}
summary: ${q(hostile.summary)}
tags: [${q(hostile.tag)}, leadership]
date: 2099-01-01
organisation: ${q(hostile.organisation)}
---
Body text with <script>window.__pwned = "body"</script> inline.

<img src="x" onerror="window.__pwned = 'img'">

<iframe src="javascript:window.__pwned='iframe'"></iframe>

[a javascript link](javascript:window.__pwned='link') and [a data link](data:text/html,<script>1</script>).

A <a href="javascript:window.__pwned='raw-a'">raw anchor</a> and an ampersand & a "quote".

A claim with a footnote.[^1] An address too long for a phone: https://example.org/${"a".repeat(120)}

| Practice | List size | GP FTE | Nurse FTE | Pharmacist FTE | Sessions | Appointments | Online share | Phone answer time |
|---|---|---|---|---|---|---|---|---|
| <b>North</b> & co | 12,345 | 6.2 | 3.1 | 1.0 | 54 | 1,234 | 31% | 2 minutes 10 seconds |
| South "Surgery" | 9,876 | 4.8 | 2.4 | 0.6 | 41 | 987 | 27% | 3 minutes 5 seconds |

[^1]: The footnote's text, with <script>window.__pwned = "footnote"</script> in it.
`;
}

/// Copies the sample project into a fresh temporary folder (plus the hostile
/// fixture item) and builds the toolkit there. Returns the project folder.
export async function buildSample() {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "gpress-browser-"));
  fs.copyFileSync(path.join(sourceDir, "gpress.toml"), path.join(project, "gpress.toml"));
  fs.cpSync(path.join(sourceDir, "content"), path.join(project, "content"), { recursive: true });
  fs.mkdirSync(path.join(project, "data"));
  fs.copyFileSync(path.join(sourceDir, "data/themes.yaml"), path.join(project, "data/themes.yaml"));
  fs.writeFileSync(path.join(project, "content", hostile.theme, hostile.slug + ".md"), hostileItem());
  await promisify(execFile)(gpressExe(), ["build", "toolkit", "--project", project], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  return project;
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

/// Serves `root` on 127.0.0.1 at an ephemeral port, as a plain static web
/// server would (folder -> index.html, missing -> 404.html with status 404).
export function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) file = root;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, "404.html");
    }
    res.writeHead(status, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const axePath = path.join(sourceDir, "node_modules/axe-core/axe.min.js");

/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is now
/// (the level NHS services publish against). Returns
/// the violations, each summarised as "rule: target (message)".
export async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary.replace(/\s+/g, " ")})`),
  );
}

/// Widest the page draws beyond the viewport, in CSS pixels (0 = none).
export async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/// The whole page, and (as NAME-top.png) the first screenful, which is what
/// a reader judges the page by and what stays legible in an image viewer.
export async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, name + ".png"), fullPage: true });
  await page.screenshot({ path: path.join(shotsDir, name + "-top.png") });
}

/// The sample project's domain level texts, read straight from themes.yaml so
/// the test does not trust gpress's own YAML reading.
export function domainLevelTexts(project) {
  const text = fs.readFileSync(path.join(project, "data/themes.yaml"), "utf8");
  const out = [];
  for (const m of text.matchAll(/^ {8}([ABCD]): (".*"|[^"\n].*)$/gm)) {
    out.push(m[2].startsWith('"') ? JSON.parse(m[2]) : m[2].trim());
  }
  return out;
}

/// Front matter scalar of a content file (enough for the sample's titles).
export function frontMatter(file, key) {
  const text = fs.readFileSync(file, "utf8");
  const m = text.match(new RegExp(`^${key}: (.*)$`, "m"));
  if (!m) return undefined;
  const v = m[1].trim();
  if (v.startsWith('"')) return JSON.parse(v);
  if (v.startsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}
