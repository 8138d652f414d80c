// Three viewers of one stream in one headless Chromium (separate browser contexts, as separate
// people would be), joining a few seconds apart. Prints one JSON line: each page's final figures
// after its last beacon. Run by BrowserSwarmEndToEndTest; usable by hand:
//
//   node e2e/three-viewers.mjs --page http://127.0.0.1:8080/play/demo --seconds 40
//
// Options: --chromium PATH (default /usr/bin/chromium), --viewers N (3), --stagger S (4), --flags="...",
// --screenshot FILE (the page of the viewer that took most from peers, before it stops).
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const { values: opt } = parseArgs({
  options: {
    page: { type: "string" },
    seconds: { type: "string", default: "40" },
    viewers: { type: "string", default: "3" },
    stagger: { type: "string", default: "4" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    screenshot: { type: "string" },
    flags: { type: "string" },
  },
});
if (!opt.page) throw new Error("--page URL is required");

// The one flag WebRTC between pages of one machine needs, even with no network but loopback
// (docs/player.md): Chromium leaves 127.0.0.1 out of ICE unless told. With it, our STUN service
// (the plan's only ICE server, on 127.0.0.1) gives every page a 127.0.0.1 server-reflexive
// candidate, so neither mDNS host names nor media permissions get in the way. --flags="..." runs
// with other flags instead.
const FLAGS = opt.flags !== undefined ? opt.flags.split(" ").filter(Boolean) : ["--allow-loopback-in-peer-connection"];

const seconds = Number(opt.seconds);
const viewers = Number(opt.viewers);
const stagger = Number(opt.stagger);
const browser = await chromium.launch({ executablePath: opt.chromium, headless: true, args: FLAGS });
const started = Date.now();
const pages = [];
const logs = [];
try {
  for (let i = 0; i < viewers; i++) {
    if (i > 0) await sleep(stagger * 1000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") logs.push(`viewer ${i}: ${m.text()}`); });
    page.on("pageerror", (e) => logs.push(`viewer ${i}: page error ${e.message}`));
    await page.goto(`${opt.page}${opt.page.includes("?") ? "&" : "?"}muted=1`);
    pages.push(page);
  }
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - started)));
  const live = await Promise.all(pages.map((p) => p.evaluate(() => ({ ...window.webp2pStats }))));
  if (opt.screenshot) {
    const most = live.reduce((best, s, i) => (s.p2pBytes > live[best].p2pBytes ? i : best), 0);
    await pages[most].screenshot({ path: opt.screenshot });
  }
  const final = await Promise.all(pages.map((p) => p.evaluate(() => window.webp2pPlayer.destroy().then((s) => ({ ...s })))));
  process.stdout.write(JSON.stringify({ live, final, logs: logs.slice(0, 50) }) + "\n");
} finally {
  await browser.close();
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
