// Bundles the player into the server's classes (npm run build, run by the Maven build). Installs
// the pinned packages first, but only when node_modules does not already match package-lock.json.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "../../../target/classes/org/webp2p/server/origin/player");

/**
 * npm records what it installed in node_modules/.package-lock.json. When every package the lock
 * names is there at its locked version (optional ones, such as other platforms' esbuild binaries,
 * may be absent), there is nothing to install.
 */
function installed() {
  const hidden = join(here, "node_modules/.package-lock.json");
  if (!existsSync(hidden)) return false;
  const want = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8")).packages;
  const have = JSON.parse(readFileSync(hidden, "utf8")).packages;
  return Object.entries(want).every(([path, p]) => path === ""
    || (have[path] ? have[path].version === p.version && have[path].integrity === p.integrity : p.optional === true));
}

if (!installed()) {
  // No install scripts: bittorrent-tracker's optional node-datachannel would download a binary
  // from outside the npm registry, and nothing in the browser bundle needs one.
  execFileSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: here, stdio: "inherit" });
}

const { build } = await import("esbuild");
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, "src/index.js")],
  outfile: join(out, "webp2p-player.js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome90", "edge90", "firefox90", "safari15"],
  // p2p-media-loader-core's own browser bundle, with bittorrent-tracker's client and its polyfills.
  conditions: ["p2pml:core-as-bundle"],
  define: { __VERSION__: JSON.stringify(pkg.version) },
  legalComments: "eof",
  logLevel: "warning",
});
copyFileSync(join(here, "src/play.html"), join(out, "play.html"));
