// Beacons to pingback (docs/protocol.md, "Pingback"): the same JSON the Java SDK's PingbackReporter
// sends, with client "browser". Counters are deltas since the last beacon pingback accepted, so a
// beacon lost on the way is folded into the next one instead of vanishing.

const MAX_LINKS = 64;
const MAX_MS = 86_400_000;

export class BeaconReporter {
  /**
   * @param ticket the session's ticket from its plan; set `ticket` to each renewed plan's, as they expire
   * @param totals () => {http, p2p, up, links, playedMs, stalls, stallMs, startupMs, bufferMs, rendition}, where
   *   rendition is the one played now (null for none): what happened since the last beacon counts for it
   */
  constructor(url, sessionId, ticket, swarm, peerId, totals) {
    this.url = url;
    this.sessionId = sessionId;
    this.ticket = ticket;
    this.swarm = swarm;
    this.peerId = peerId;
    this.totals = totals;
    this.acked = { http: 0, p2p: 0, up: 0, links: new Map(), playedMs: 0, stalls: 0, stallMs: 0, startupMs: null };
    this.inFlight = null;
    /** What the beacon on its way covers, until pingback answers. */
    this.sending = null;
    this.sent = 0;
  }

  beacon(now, base = this.acked) {
    const b = {
      sessionId: this.sessionId,
      ticket: this.ticket,
      peerId: this.peerId,
      swarm: this.swarm,
      httpBytes: now.http - base.http,
      p2pBytes: now.p2p - base.p2p,
      uploadedBytes: now.up - base.up,
      playedMs: clampMs(now.playedMs - base.playedMs),
      stalls: now.stalls - base.stalls,
      stallMs: clampMs(now.stallMs - base.stallMs),
      bufferMs: clampMs(now.bufferMs),
      natType: "UNKNOWN",
      links: linkDeltas(now.links, base.links),
      connections: [],
      client: "browser",
    };
    if (base.startupMs === null && now.startupMs !== null) b.startupMs = clampMs(now.startupMs);
    if (now.rendition) b.rendition = now.rendition;
    return b;
  }

  /** Sends what happened since the last accepted beacon, unless one is still on its way. */
  report() {
    if (!this.url || this.inFlight) return this.inFlight || Promise.resolve(false);
    const now = this.totals();
    const body = JSON.stringify({ beacons: [this.beacon(now)] });
    this.sending = now;
    this.inFlight = fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      cache: "no-store",
    }).then((r) => {
      if (r.ok) {
        this.acked = now;
        this.sent++;
      }
      return r.ok;
    }, () => false).finally(() => {
      this.inFlight = null;
      this.sending = null;
    });
    return this.inFlight;
  }

  /** The last beacon, after any still on its way, so pingback ends with the page's own totals. */
  async flush() {
    if (this.inFlight) await this.inFlight;
    return this.report();
  }

  /** The last beacon from a page being closed: sendBeacon outlives the page, fetch may not. */
  sendOnUnload() {
    if (!this.url || !navigator.sendBeacon) return;
    // Counted from what the beacon still on its way covers, so pingback does not get it twice.
    const body = JSON.stringify({ beacons: [this.beacon(this.totals(), this.sending || this.acked)] });
    // text/plain is a simple request, so no preflight has to survive the page either.
    navigator.sendBeacon(this.url, new Blob([body], { type: "text/plain" }));
  }
}

function clampMs(ms) {
  return Math.max(0, Math.min(MAX_MS, Math.round(ms)));
}

/** Links with bytes since the last accepted beacon, busiest first, as many as a beacon may carry. */
function linkDeltas(now, base) {
  const out = [];
  now.forEach((l, peerId) => {
    const b = base.get(peerId) || { in: 0, out: 0 };
    const bytesIn = l.in - b.in;
    const bytesOut = l.out - b.out;
    if (bytesIn + bytesOut > 0) out.push({ peerId, bytesIn, bytesOut });
  });
  out.sort((x, y) => (y.bytesIn + y.bytesOut) - (x.bytesIn + x.bytesOut));
  return out.slice(0, MAX_LINKS);
}
