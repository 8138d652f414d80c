// Run by PlayerScriptTest (node --test test/): the player's pure logic, without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";
import { renditionName } from "../src/rendition.js";
import { BeaconReporter } from "../src/beacons.js";

const MASTER = "http://127.0.0.1:8080/live/demo/master.m3u8";

test("a variant in its own directory under the master playlist is the rendition that directory names", () => {
  assert.equal(renditionName("demo", MASTER, "http://127.0.0.1:8080/live/demo/180p/index.m3u8"), "180p");
  assert.equal(renditionName("demo", `${MASTER}?token=t`, "http://127.0.0.1:8080/live/demo/90p/index.m3u8?token=t"), "90p");
});

test("a bare media playlist, a nested or foreign variant names no rendition", () => {
  const bare = "http://127.0.0.1:8080/live/demo/index.m3u8";
  assert.equal(renditionName("demo", bare, bare), null);
  assert.equal(renditionName("demo", MASTER, "http://127.0.0.1:8080/live/demo/a/b/index.m3u8"), null);
  assert.equal(renditionName("demo", MASTER, "http://127.0.0.1:8080/live/other/180p/index.m3u8"), null);
  assert.equal(renditionName("demo", MASTER, "http://cdn.example/live/demo/180p/index.m3u8"), null);
  assert.equal(renditionName("demo", MASTER, "not a url"), null);
});

test("a rendition whose swarm name would be too long for pingback is left out", () => {
  const swarm = "s".repeat(124);
  assert.equal(renditionName(swarm, MASTER.replace("demo", swarm), MASTER.replace("demo/master.m3u8", `${swarm}/180p/i.m3u8`)),
    null);
  assert.equal(renditionName(swarm, MASTER.replace("demo", swarm), MASTER.replace("demo/master.m3u8", `${swarm}/90p/i.m3u8`)),
    "90p");
});

test("a beacon names the rendition played when it is made, and none when there is none", () => {
  const totals = { http: 10, p2p: 5, up: 0, links: new Map(), playedMs: 0, stalls: 0, stallMs: 0, startupMs: null, bufferMs: 0 };
  const reporter = new BeaconReporter(null, "s1", "t", "demo", "p1", () => totals);
  assert.equal(reporter.beacon({ ...totals, rendition: "180p" }).rendition, "180p");
  assert.equal("rendition" in reporter.beacon({ ...totals, rendition: null }), false);
});
