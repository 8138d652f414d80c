// WebP2P.attach(video, {stream, token, api}): a session from the API, hls.js with p2p-media-loader
// configured from the plan (our tracker, our STUN, swarm = the stream), and beacons to pingback.

import Hls from "hls.js";
import { HlsJsP2PEngine } from "p2p-media-loader-hlsjs";
import { BeaconReporter } from "./beacons.js";
import { Playback } from "./playback.js";
import { renditionName } from "./rendition.js";
import { PlayerError, iceServers, openSession, renewSession } from "./session.js";
import { Traffic } from "./traffic.js";

// p2p-media-loader's own peer-id prefix: peers and trackers see an ordinary 2.3 client.
const PEER_ID_PREFIX = "-PM0203-";
const PEER_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// p2p-media-loader fetches over HTTP every segment within this many seconds of the playhead and
// leaves the rest to peers (its default, said here because hls.js' buffer follows it).
const HIGH_DEMAND_SECONDS = 15;
// How far behind the live edge to play: hls.js clamps it to the oldest listed segment, so this
// means "as far back as the playlist allows", p2p-media-loader's own choice (capped as it caps it).
const LIVE_SYNC_SECONDS = 120;
// Fatal network or media errors hls.js gets to recover from in a row before the player gives up.
const RECOVERIES = 3;
const HLS_MIME = "application/vnd.apple.mpegurl";

export function attach(video, options) {
  return new Player(video, options || {});
}

/** Whether this browser can play HLS at all, and whether with P2P (Media Source Extensions). */
export function capabilities(video) {
  const mse = Hls.isSupported();
  return { mse, native: !mse && !!video.canPlayType && video.canPlayType(HLS_MIME) !== "" };
}

class Player {
  constructor(video, { stream, token, api, p2p = true, muted = false, autoplay = true }) {
    if (!(video instanceof HTMLMediaElement)) throw new TypeError("WebP2P.attach needs a <video> element");
    if (!stream) throw new TypeError("WebP2P.attach needs {stream}");
    if (!api) throw new TypeError('WebP2P.attach needs {api}, e.g. "http://media.example:8081"');
    this.video = video;
    this.api = String(api).replace(/\/+$/, "");
    this.stream = stream;
    this.token = token;
    this.wantP2p = p2p !== false && p2p !== "0";
    this.autoplay = autoplay;
    this.listeners = {};
    this.timers = [];
    this.destroyed = false;
    this.recoveries = 0;
    /** The rendition played now, as beacons name it; null for a stream without renditions. */
    this.rendition = null;
    this.peerId = PEER_ID_PREFIX + Array.from(crypto.getRandomValues(new Uint8Array(12)),
      (b) => PEER_ID_CHARS[b % PEER_ID_CHARS.length]).join("");
    this.traffic = new Traffic();
    this.playback = new Playback(video, performance.now());
    this.playback.onFirstFrame = () => this.emit("playing");
    /** The figures tests and embedders read; updated in place. */
    this.stats = {
      stream, sessionId: null, peerId: this.peerId, mode: "starting", p2p: false, peers: 0,
      httpBytes: 0, p2pBytes: 0, uploadedBytes: 0, stalls: 0, stallMs: 0, startupMs: null, bufferMs: 0,
      playedMs: 0, beacons: 0, fatal: null, rendition: null,
    };
    window.webp2pStats = this.stats;
    video.muted = !!muted;
    video.playsInline = true;
    this.onPageHide = () => { if (!this.destroyed && this.reporter) this.reporter.sendOnUnload(); };
    window.addEventListener("pagehide", this.onPageHide);
    this.ready = this.start().catch((e) => this.fail(e));
  }

  /** Events: "status" (text, kind), "stats" (stats, every second), "playing", "fatal" (message). */
  on(event, fn) {
    (this.listeners[event] ||= []).push(fn);
    return this;
  }

  emit(event, ...args) {
    (this.listeners[event] || []).forEach((fn) => {
      try {
        fn(...args);
      } catch (e) {
        console.error("webp2p: listener failed", e);
      }
    });
  }

  status(text, kind = "info") {
    this.emit("status", text, kind);
  }

  async start() {
    const can = capabilities(this.video);
    if (!can.mse && !can.native) {
      throw new PlayerError("This browser cannot play HLS video (no Media Source Extensions, no native HLS).",
        "unsupported");
    }
    this.status("Connecting…");
    const plan = await openSession(this.api, this.stream, this.token, this.peerId);
    if (this.destroyed) return;
    this.plan = plan;
    this.stats.sessionId = plan.sessionId;
    this.reporter = new BeaconReporter(plan.pingbackUrl, plan.sessionId, plan.ticket, plan.swarm, this.peerId,
      () => this.totals());
    const interval = Math.max(1000, plan.pingbackIntervalMs || 10000);
    this.every(interval, () => this.reporter.report().then(() => { this.stats.beacons = this.reporter.sent; }));
    this.every(interval, () => this.renew());
    this.every(1000, () => this.refreshStats());
    if (can.mse) {
      this.playWithHlsJs(plan);
    } else {
      this.playNatively(plan);
    }
  }

  playWithHlsJs(plan) {
    // The node's tracker over WebSocket (ws://, or wss:// when the page came over https).
    const tracker = plan.webTrackerUrl;
    const p2pOn = this.wantP2p && plan.p2p.enabled && !!tracker;
    this.stats.mode = "hls.js";
    this.stats.p2p = p2pOn;
    const traffic = this.traffic;
    // Segments hls.js loads itself (P2P off, or before the engine knows them) count as HTTP too;
    // the engine reports its own HTTP and peer bytes through onChunkDownloaded.
    const BaseLoader = Hls.DefaultConfig.loader;
    class CountingLoader extends BaseLoader {
      load(context, config, callbacks) {
        super.load(context, config, {
          ...callbacks,
          onSuccess: (response, stats, ctx, details) => {
            if (ctx.frag && response.data && response.data.byteLength) traffic.downloaded(response.data.byteLength, "http");
            callbacks.onSuccess(response, stats, ctx, details);
          },
        });
      }
    }
    const HlsWithP2P = HlsJsP2PEngine.injectMixin(Hls);
    // p2p-media-loader sets the live delay and the buffer itself, but only once a playlist update
    // has arrived, and hls.js may have chosen its start by then: 3 segments from the edge, where
    // every new segment is already urgent and no peer can help. Said up front, it always holds.
    const hls = new HlsWithP2P({
      loader: CountingLoader,
      liveSyncDuration: LIVE_SYNC_SECONDS,
      maxBufferLength: HIGH_DEMAND_SECONDS,
      maxMaxBufferLength: HIGH_DEMAND_SECONDS,
      p2p: {
        core: {
          swarmId: plan.swarm,
          highDemandTimeWindow: HIGH_DEMAND_SECONDS,
          announceTrackers: tracker ? [tracker] : [],
          rtcConfig: { iceServers: iceServers(plan.stun) },
          isP2PDisabled: !p2pOn,
          // A full-length prefix is the whole peer id: beacons then name this peer as others see it.
          trackerClientVersionPrefix: this.peerId,
        },
        onHlsJsCreated: (h) => this.watchEngine(h.p2pEngine),
      },
    });
    this.hls = hls;
    hls.on(Hls.Events.ERROR, (event, data) => this.hlsError(data));
    hls.on(Hls.Events.MANIFEST_PARSED, () => this.play());
    // Variant URLs resolve against the master playlist's URL after any redirect: hls.js reports that one.
    let master = plan.playlistUrls[0];
    hls.on(Hls.Events.MANIFEST_LOADED, (event, data) => { master = data.url || master; });
    const follow = (level) => {
      const l = hls.levels[level];
      this.rendition = l ? renditionName(plan.swarm, master, l.uri) : null;
    };
    // Until a frame plays, the level being loaded is the one bytes are fetched for; then the one playing.
    hls.on(Hls.Events.LEVEL_SWITCHING, (event, data) => { if (this.playback.startupMs === null) follow(data.level); });
    hls.on(Hls.Events.LEVEL_SWITCHED, (event, data) => follow(data.level));
    // Media buffered again: whatever went wrong before has been recovered from.
    hls.on(Hls.Events.FRAG_BUFFERED, () => { this.recoveries = 0; });
    hls.loadSource(plan.playlistUrls[0]);
    hls.attachMedia(this.video);
    if (!this.wantP2p) {
      this.status("P2P is off for this page (p2p=0): playing from the server only.", "off");
    } else if (!p2pOn) {
      const why = (plan.p2p.reasons || []).find((r) => r.startsWith("P2P")) || "the node has no tracker running";
      this.status(`P2P is off: ${why}.`, "off");
    } else {
      this.status(`P2P on: sharing "${plan.swarm}" with other viewers.`, "on");
    }
  }

  watchEngine(engine) {
    this.engine = engine;
    engine.addEventListener("onChunkDownloaded", (bytes, source, peerId) => this.traffic.downloaded(bytes, source, peerId));
    engine.addEventListener("onChunkUploaded", (bytes, peerId) => this.traffic.uploaded(bytes, peerId));
    engine.addEventListener("onPeerConnect", ({ peerId }) => this.traffic.peers.add(peerId));
    engine.addEventListener("onPeerClose", ({ peerId }) => this.traffic.peers.delete(peerId));
    engine.addEventListener("onTrackerError", ({ error }) => {
      console.warn("webp2p: tracker error", error);
    });
  }

  playNatively(plan) {
    // Safari on iOS before 17.1 has no Media Source Extensions: the system player fetches the
    // segments itself, so there is nothing for a P2P engine to hand it.
    this.stats.mode = "native";
    this.video.src = plan.playlistUrls[0];
    this.video.addEventListener("loadedmetadata", () => this.play(), { once: true });
    this.video.addEventListener("error", () => this.fail(new PlayerError("The video cannot be played.", "media")));
    this.status("This browser plays HLS itself (no Media Source Extensions), so this stream comes from the server "
      + "without peer-to-peer.", "off");
  }

  play() {
    if (!this.autoplay) return;
    const attempt = this.video.play();
    if (attempt && attempt.catch) {
      attempt.catch(() => {
        // Browsers refuse sound without a gesture: start muted and let the viewer unmute.
        if (!this.video.muted) {
          this.video.muted = true;
          this.emit("autoplay-muted");
          this.video.play().catch(() => this.emit("needs-gesture"));
        } else {
          this.emit("needs-gesture");
        }
      });
    }
  }

  hlsError(data) {
    if (data.details === Hls.ErrorDetails.BUFFER_STALLED_ERROR) {
      this.playback.stalled();
      return;
    }
    if (!data.fatal) return;
    if (this.recoveries >= RECOVERIES) {
      this.fail(new PlayerError(`Playback failed: ${data.details}${data.reason ? ` (${data.reason})` : ""}.`,
        data.details));
      return;
    }
    this.recoveries++;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      this.hls.recoverMediaError();
    } else {
      this.hls.startLoad();
    }
  }

  async renew() {
    try {
      const plan = await renewSession(this.api, this.plan.sessionId);
      // Each ticket expires; beacons carry the newest.
      if (this.reporter && plan.ticket) this.reporter.ticket = plan.ticket;
      const p2pOn = this.wantP2p && plan.p2p.enabled && !!plan.webTrackerUrl;
      if (this.engine && this.stats.mode === "hls.js" && p2pOn !== this.stats.p2p) {
        this.engine.applyDynamicConfig({ core: { isP2PDisabled: !p2pOn } });
        this.stats.p2p = p2pOn;
        this.status(p2pOn ? `P2P on: sharing "${plan.swarm}" with other viewers.` : "P2P is off for now.",
          p2pOn ? "on" : "off");
      }
    } catch (e) {
      // The plan stays as it was; playback does not depend on the API once it has started.
      console.warn("webp2p:", e.message);
    }
  }

  totals() {
    const t = this.traffic.snapshot();
    return {
      ...t,
      playedMs: this.playback.playedMs,
      stalls: this.playback.stalls,
      stallMs: this.playback.stallMs(),
      startupMs: this.playback.startupMs,
      bufferMs: this.playback.bufferMs(),
      rendition: this.rendition,
    };
  }

  refreshStats() {
    const s = this.stats;
    s.httpBytes = this.traffic.httpBytes;
    s.p2pBytes = this.traffic.p2pBytes;
    s.uploadedBytes = this.traffic.uploadedBytes;
    s.peers = this.traffic.peers.size;
    s.stalls = this.playback.stalls;
    s.stallMs = this.playback.stallMs();
    s.startupMs = this.playback.startupMs;
    s.bufferMs = this.playback.bufferMs();
    s.playedMs = Math.round(this.playback.playedMs);
    s.rendition = this.rendition;
    this.emit("stats", s);
  }

  every(ms, fn) {
    this.timers.push(setInterval(fn, ms));
  }

  fail(error) {
    if (this.stats.fatal) return;
    const message = error instanceof PlayerError ? error.message : `Playback failed: ${error && error.message}`;
    this.stats.fatal = message;
    console.error("webp2p:", error);
    this.emit("fatal", message);
  }

  /**
   * Stops playback and sends the last beacon; resolves with the final figures, which pingback then
   * holds exactly.
   */
  async destroy() {
    if (this.destroyed) return this.stats;
    this.destroyed = true;
    this.timers.forEach(clearInterval);
    window.removeEventListener("pagehide", this.onPageHide);
    if (this.hls) this.hls.destroy();
    this.traffic.close();
    this.playback.stallEnded();
    this.playback.detach();
    if (this.reporter) {
      await this.reporter.flush();
      this.stats.beacons = this.reporter.sent;
    }
    this.refreshStats();
    return this.stats;
  }
}
