#!/usr/bin/env bash
# Glass-to-glass latency benchmark (docs/benchmarks.md, issue 20): an encoder-to-player delay on one
# machine, for the default and the low-latency profile, with and without P2P.
#   server/src/bench/run-latency-bench.sh [peers=50] [duration=180s] [warmup-s=20] [cases]
# cases: which of the four to run, as PROFILE:P2P separated by commas (default
# default:true,default:false,low-latency:true,low-latency:false), so one case can be rerun alone.
# WEBP2P names the command that runs the node and the simulator (default ./webp2p), so two builds
# can be compared under the same conditions, alternating. BENCH_KEEP=1 keeps the work directory (each
# case's simulator report with its HTTP fallback reasons, node output, metrics) and prints its path.
# For each case it starts a headless node on free loopback ports, has ffmpeg publish a live stream
# over RTMP in real time (-re), plays it with `webp2p simulate --peers N` against that node, and
# reads the latency p50/p95 the clients told pingback (webp2p_live_latency_seconds) and the
# simulator's P2P offload. Latency is now, less the program date time of the frame at each client's
# playhead: the origin dates an RTMP segment when it arrives, less its duration, which with a
# real-time encoder is when its first frame was made (see docs/benchmarks.md for what that leaves out).
# Needs ffmpeg (libx264, aac), curl and jq. Run it on a quiet machine: the figures are wall-clock.
set -euo pipefail
peers="${1:-50}"
duration="${2:-180s}"
warmup="${3:-20}"
cases="${4:-default:true,default:false,low-latency:true,low-latency:false}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
for tool in ffmpeg curl jq; do
  command -v "$tool" >/dev/null || { echo "run-latency-bench: needs $tool" >&2; exit 2; }
done
read -r -a webp2p <<<"${WEBP2P:-./webp2p}"
for c in ${cases//,/ }; do
  case "$c" in
    default:true|default:false|low-latency:true|low-latency:false) ;;
    *) echo "run-latency-bench: unknown case $c (PROFILE:P2P, PROFILE default or low-latency, P2P true or false)" >&2; exit 2 ;;
  esac
done
"${webp2p[@]}" --version >/dev/null   # builds on first use, before any clock starts

work="$(mktemp -d)"
node_pid=""
encoder_pid=""
cleanup() {
  [ -n "$encoder_pid" ] && kill "$encoder_pid" 2>/dev/null && wait "$encoder_pid" 2>/dev/null || true
  [ -n "$node_pid" ] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  encoder_pid=""
  node_pid=""
}
if [ -n "${BENCH_KEEP:-}" ]; then
  echo "run-latency-bench: keeping $work"
  trap 'cleanup' EXIT
else
  trap 'cleanup; rm -rf "$work"' EXIT
fi

# The address the node printed for one service (`service NAME RUNNING HOST:PORT`).
port_of() {
  awk -v s="$1" '$1 == "service" && $2 == s { n = split($4, a, ":"); print a[n] }' "$2"
}

# One quantile of the latency pingback aggregated for the bench stream, in seconds, or "-".
latency() {
  awk -v q="$2" '/^webp2p_live_latency_seconds\{/ && /stream="bench"/ && index($0, "quantile=\"" q "\"") { v = $2 }
                 END { print (v == "" ? "-" : v) }' "$1"
}

run_case() {
  local profile="$1" p2p="$2" name="$1-p2p-$2"
  local dir="$work/$name" out="$work/$name.out"
  mkdir -p "$dir"
  local sets=(--set api.open=true --set "api.p2p=$p2p" --set "origin.profile=$profile" --set origin.publish-key=bench
              --set pingback.interval=2s --set stun.alt-port=0)
  for s in origin api tracker pingback admin rendezvous rtmp stun; do
    sets+=(--set "$s.bind=127.0.0.1" --set "$s.port=0")
  done
  "${webp2p[@]}" --headless --data-dir "$dir" "${sets[@]}" >"$out" 2>"$work/$name.err" &
  node_pid=$!
  for _ in $(seq 1 120); do
    grep -q '^ready' "$out" && break
    kill -0 "$node_pid" 2>/dev/null || { cat "$work/$name.err" >&2; exit 1; }
    sleep 0.5
  done
  grep -q '^ready' "$out" || { echo "run-latency-bench: the node did not start" >&2; exit 1; }
  local origin api rtmp admin
  origin="$(port_of origin "$out")"; api="$(port_of api "$out")"; rtmp="$(port_of rtmp "$out")"
  admin="$(port_of admin "$out")"
  # A 1 s key-frame interval, so either profile cuts segments of its own length; zerolatency keeps
  # x264 from holding frames back (no lookahead, no B-frames), so frames leave as they are made.
  ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi -i "testsrc2=size=640x360:rate=25" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -c:v libx264 -preset veryfast -tune zerolatency \
      -g 25 -keyint_min 25 -sc_threshold 0 -b:v 800k -c:a aac -b:a 64k \
      -f flv "rtmp://127.0.0.1:$rtmp/live/bench?key=bench" 2>"$work/$name.ffmpeg" &
  encoder_pid=$!
  # Let the live window fill, as an audience arriving at a running stream finds it.
  sleep "$warmup"
  curl -fsS "http://127.0.0.1:$origin/live/bench/index.m3u8" >/dev/null \
      || { echo "run-latency-bench: no live playlist ($name)" >&2; cat "$work/$name.ffmpeg" >&2; exit 1; }
  "${webp2p[@]}" simulate --api "http://127.0.0.1:$api" --stream bench --peers "$peers" --duration "$duration" \
      --json "$work/$name.json" >"$work/$name.sim" 2>&1
  local token_file
  token_file="$(awk '$1 == "admin-token" { print $2 }' "$out")"
  curl -fsS -H "Authorization: Bearer $(cat "$token_file")" "http://127.0.0.1:$admin/metrics" >"$work/$name.metrics"
  cleanup
  printf '%-12s %-5s %6s %10s %10s %9s %7s\n' "$profile" "$p2p" "$peers" \
      "$(latency "$work/$name.metrics" 0.5)" "$(latency "$work/$name.metrics" 0.95)" \
      "$(jq -r '.offloadRatio * 100 | floor | tostring + "%"' "$work/$name.json")" "$(jq -r '.stalls' "$work/$name.json")"
}

echo "glass-to-glass latency: ffmpeg (RTMP, -re) -> origin -> $peers SDK clients, $duration each case"
printf '%-12s %-5s %6s %10s %10s %9s %7s\n' profile p2p peers "p50 (s)" "p95 (s)" offload stalls
for c in ${cases//,/ }; do
  run_case "${c%%:*}" "${c##*:}"
done
