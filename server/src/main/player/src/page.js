// The player page the origin serves at /play/{stream}: one video, what P2P does for this viewer,
// and a plain sentence when something is off. Query options: token, p2p=0|1, muted=0|1.

import { attach } from "./player.js";

export function startPage(config) {
  const $ = (name) => document.querySelector(`[data-${name}]`);
  const query = new URLSearchParams(location.search);
  const video = $("video");
  if (!config.apiPort) {
    showOverlay($, "The API service of this node is not running", "Start it in the console (Services) and reload.");
    window.webp2pStats = { httpBytes: 0, p2pBytes: 0, uploadedBytes: 0, stalls: 0, fatal: "API not running" };
    return null;
  }
  const api = `${location.protocol}//${config.apiHost || location.hostname}:${config.apiPort}`;
  const player = attach(video, {
    stream: config.stream,
    token: query.get("token") || undefined,
    api,
    p2p: query.get("p2p") !== "0",
    muted: query.get("muted") === "1",
  });
  window.webp2pPlayer = player;

  const pill = $("pill");
  player.on("status", (text, kind) => {
    $("pill-text").textContent = kind === "on" ? "P2P on" : kind === "off" ? "P2P off" : text;
    pill.className = `pill ${kind}`;
    const note = $("note");
    note.hidden = kind !== "off";
    note.textContent = text;
  });
  player.on("playing", () => {
    $("overlay").hidden = true;
    $("live").classList.remove("off");
  });
  player.on("autoplay-muted", () => { $("unmute").hidden = false; });
  player.on("needs-gesture", () => showOverlay($, "Press play to start", "This browser waits for a click before it plays video."));
  $("unmute").addEventListener("click", () => {
    video.muted = false;
    $("unmute").hidden = true;
  });
  video.addEventListener("volumechange", () => { if (!video.muted) $("unmute").hidden = true; });
  player.on("fatal", (message) => {
    showOverlay($, "This stream cannot play right now", message, true);
    pill.className = "pill bad";
    $("pill-text").textContent = "Stopped";
  });
  player.on("stats", (s) => render($, s));
  return player;
}

function showOverlay($, title, text, failed = false) {
  const overlay = $("overlay");
  overlay.hidden = false;
  overlay.replaceChildren();
  if (!failed && title.startsWith("Press")) {
    overlay.addEventListener("click", () => $("video").play(), { once: true });
  }
  const h = document.createElement("h2");
  h.textContent = title;
  const p = document.createElement("p");
  p.textContent = text;
  overlay.append(h, p);
}

function render($, s) {
  const total = s.httpBytes + s.p2pBytes;
  const share = total === 0 ? 0 : s.p2pBytes / total;
  $("offload").textContent = total === 0 ? "–" : `${Math.round(share * 100)}%`;
  $("bar-p2p").style.width = `${share * 100}%`;
  $("bar-http").style.width = total === 0 ? "0" : `${(1 - share) * 100}%`;
  $("peers").textContent = String(s.peers);
  $("peers-sub").textContent = s.p2p ? "connected now" : "P2P off";
  $("received").textContent = bytes(total);
  $("received-sub").textContent = `server ${bytes(s.httpBytes)} · peers ${bytes(s.p2pBytes)}`;
  $("shared").textContent = bytes(s.uploadedBytes);
  $("buffer").textContent = s.startupMs === null ? "–" : `${(s.bufferMs / 1000).toFixed(1)} s`;
  $("stalls").textContent = s.stalls === 0 ? (s.startupMs === null ? "starting…" : `started in ${(s.startupMs / 1000).toFixed(1)} s`)
    : `${s.stalls} stall${s.stalls === 1 ? "" : "s"}, ${(s.stallMs / 1000).toFixed(1)} s`;
}

function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
