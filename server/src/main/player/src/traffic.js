// Bytes in and out, as the P2P engine and hls.js report them, with the per-peer split pingback's
// live links are made of.

const PEER_ID = /^[A-Za-z0-9._~-]{1,128}$/;

export class Traffic {
  constructor() {
    this.httpBytes = 0;
    this.p2pBytes = 0;
    this.uploadedBytes = 0;
    /** peerId -> {in, out}; only ids pingback accepts, the rest count in the totals alone. */
    this.links = new Map();
    this.peers = new Set();
    this.closed = false;
  }

  /** Late reports from an engine being torn down no longer count: the last beacon has the totals. */
  close() {
    this.closed = true;
  }

  downloaded(bytes, source, peerId) {
    if (this.closed) return;
    if (source === "p2p") {
      this.p2pBytes += bytes;
      this.link(peerId).in += bytes;
    } else {
      this.httpBytes += bytes;
    }
  }

  uploaded(bytes, peerId) {
    if (this.closed) return;
    this.uploadedBytes += bytes;
    this.link(peerId).out += bytes;
  }

  link(peerId) {
    if (!peerId || !PEER_ID.test(peerId)) return { in: 0, out: 0 };
    let l = this.links.get(peerId);
    if (!l) {
      l = { in: 0, out: 0 };
      this.links.set(peerId, l);
    }
    return l;
  }

  /** Totals now, detached from later counting. */
  snapshot() {
    const links = new Map();
    this.links.forEach((v, k) => links.set(k, { in: v.in, out: v.out }));
    return { http: this.httpBytes, p2p: this.p2pBytes, up: this.uploadedBytes, links };
  }
}
