// The README's pictures, from a built site: `node screenshots.mjs SITE_DIR OUT_DIR`.
// Serves SITE_DIR/public on loopback, then in Debian's Chromium: the home page on a desktop in
// light mode beside a post on a phone in dark mode, and the publication list (a paper's
// abstract unfolded) on a desktop in dark mode beside the home page on a phone in light mode.
// Each pair is laid side by side on one canvas. The PDF's first page is made with pdftoppm.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";

const [siteDir, outDir] = process.argv.slice(2);
const root = path.resolve(siteDir, "public");
fs.mkdirSync(outDir, { recursive: true });
const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".webp": "image/webp", ".jpg": "image/jpeg", ".png": "image/png", ".json": "application/json" };
const server = http.createServer((req, res) => {
  let file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(root)) file = root;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });

async function shot(url, { width, height, dark, phone, before }) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme: dark ? "dark" : "light",
    isMobile: !!phone,
  });
  const page = await context.newPage();
  await page.goto(origin + url, { waitUntil: "networkidle" });
  if (before) await before(page);
  const png = await page.screenshot();
  await context.close();
  return png.toString("base64");
}

async function pair(name, left, right) {
  const context = await browser.newContext({ viewport: { width: 1280 + 390 + 24, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.setContent(`<body style="margin:0;background:#c9d3de;display:flex;gap:24px;align-items:flex-start">
    <img src="data:image/png;base64,${left}" style="display:block">
    <img src="data:image/png;base64,${right}" style="display:block;border-radius:14px;margin-top:30px;box-shadow:0 4px 18px #0004">`);
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  await context.close();
}

const openAbstract = async (page) => {
  const summary = await page.$(".pub-toggle summary");
  if (summary) await summary.click();
};
await pair(
  "home-and-post",
  await shot("/", { width: 1280, height: 860 }),
  await shot("/posts/technical-writing/", { width: 390, height: 800, dark: true, phone: true }),
);
await pair(
  "publications-and-home",
  await shot("/publications/", { width: 1280, height: 860, dark: true, before: openAbstract }),
  await shot("/", { width: 390, height: 800, phone: true }),
);
await browser.close();
server.close();
