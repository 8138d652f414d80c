#!/usr/bin/env bash
# CPU cost of RTMP ingest: our node (the origin and rtmp services alone, RtmpBenchServer) against
# Debian's nginx with libnginx-mod-rtmp (HLS on, 2 s fragments, 20 s playlists, as our live window),
# fed the same pushes in the same run: N ffmpeg processes at once, each `-re -stream_loop -1 -c copy
# -f flv` of one generated clip (1280x720 30 fps H.264 ~1.5 Mbit/s + AAC 128k, a key frame every 2 s)
# for SECONDS, to each server in turn. Server CPU (utime + stime from /proc of every thread of the
# JVM, of nginx's master and worker) is read over the window from the first push to 2 s after the
# last ended; the pushers are not counted. Both servers first take the largest push, unmeasured (our JIT).
#
# Usage: server/src/bench/run-rtmp-vs-nginx.sh [SECONDS=60] [PUBLISHERS...=1 20]
# Installs what is missing (apt-get: ffmpeg, nginx-light, libnginx-mod-rtmp). With 2 cores or more,
# each server runs pinned to BENCH_SERVER_CPUS (default 1), the pushers to BENCH_GENERATOR_CPUS
# (default 0). Our server's JVM takes the product's options (app/src/main/jvm/webp2p.jvm-options), then
# BENCH_SERVER_JVM (a profiler, say).
set -euo pipefail
secs="${1:-60}"
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 20)
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"

need=()
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v nginx >/dev/null || need+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ] || need+=(libnginx-mod-rtmp)
command -v taskset >/dev/null || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the server module and the bench main..." >&2
. server/src/bench/build-bench-classes.sh

# One clip, made once and kept between runs: encoding 720p costs far more than anything measured here.
clip=server/target/bench-rtmp-clip.flv
if [ ! -s "$clip" ]; then
  echo "making the clip (70 s of 1280x720, once)..." >&2
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 70 \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -b:v 1500k -maxrate 1500k -bufsize 3000k \
    -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac -b:a 128k -f flv "$clip.tmp" && mv "$clip.tmp" "$clip"
fi

server_pin=() generator_pin=()
if [ "$(nproc)" -ge 2 ]; then
  server_pin=(taskset -c "${BENCH_SERVER_CPUS:-1}")
  generator_pin=(taskset -c "${BENCH_GENERATOR_CPUS:-0}")
fi

# Ours: its standard input is a FIFO held open by fd 3, so closing fd 3 ends it cleanly.
mkfifo "$work/ours.in"
# shellcheck disable=SC2086
"${server_pin[@]}" java @app/src/main/jvm/webp2p.jvm-options ${BENCH_SERVER_JVM:-} -cp "$out:$cp" \
  org.webp2p.server.bench.RtmpBenchServer \
  < "$work/ours.in" > "$work/ours.log" 2>&1 &
ours=$!
pids+=("$ours")
exec 3> "$work/ours.in"

nginx_port=19351
mkdir -p "$work/nginx" "$work/hls"
cat > "$work/nginx/nginx.conf" <<NGINX
$( [ "$(id -u)" = 0 ] && echo "user root;" )
load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 1024; }
rtmp {
  server {
    listen 127.0.0.1:$nginx_port;
    application live {
      live on;
      record off;
      hls on;
      hls_path $work/hls;
      hls_nested on;
      hls_fragment 2s;
      hls_playlist_length 20s;
    }
  }
}
NGINX
"${server_pin[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx=$!
pids+=("$nginx")

for _ in $(seq 1 300); do
  grep -q '^ports ' "$work/ours.log" 2>/dev/null && (exec 9<>"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null && break
  sleep 0.2
done
grep -q '^ports ' "$work/ours.log" || { echo "our server did not start:" >&2; cat "$work/ours.log" >&2; exit 1; }
read -r _ origin_port rtmp_port < <(grep '^ports ' "$work/ours.log")

tck="$(getconf CLK_TCK)"
# CPU ticks "USER SYSTEM" (every thread) of process $1 and of its children (nginx's worker).
ticks() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
    { pid = $1; sub(/^.*\) /, ""); if (pid == root || $2 == root) { u += $12; s += $13 } } END { print u + 0, s + 0 }'
}

# CPU ticks of the JIT compiler threads of JVM $1: what a warm-up is for.
jit_ticks() {
  local t total=0 f
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) read -r -a f <<< "$(sed 's/^.*) //' "$t/stat")"; total=$((total + f[11] + f[12])) ;;
    esac
  done
  echo "$total"
}

# Segments made for stream $2 of server $1: the playlist's media sequence plus the segments it lists.
made() {
  local list
  if [ "$1" = nginx ]; then
    list="$(cat "$work/hls/$2/index.m3u8" 2>/dev/null || true)"
  else
    list="$(curl -fsS "http://127.0.0.1:$origin_port/live/$2/index.m3u8" 2>/dev/null || true)"
  fi
  awk -F: '/^#EXT-X-MEDIA-SEQUENCE:/ { s = $2 } /^#EXTINF:/ { n++ } END { print s + n }' <<< "$list"
}

# Pushes the clip $3 times at once for $2 seconds to server $1 (streams named $4-1, $4-2, ...) and
# prints "CPU_S USER_S SYSTEM_S JIT_S WALL_S SEGMENTS FAILED_PUSHES LOAD_BEFORE LOAD_AFTER".
window() {
  local server=$1 seconds=$2 n=$3 prefix=$4 url root pushers=() failed=0 before after u0 s0 u1 s1 j0=0 j1=0 t0 t1
  local segments=0
  if [ "$server" = nginx ]; then root=$nginx; url="rtmp://127.0.0.1:$nginx_port/live/%s";
  else root=$ours; url="rtmp://127.0.0.1:$rtmp_port/live/%s?key=bench"; fi
  before="$(cut -d' ' -f1 /proc/loadavg)"
  [ "$server" = nginx ] || j0="$(jit_ticks "$root")"
  read -r u0 s0 < <(ticks "$root"); t0="$(date +%s.%N)"
  for i in $(seq 1 "$n"); do
    # shellcheck disable=SC2059
    "${generator_pin[@]}" ffmpeg -hide_banner -loglevel error -nostdin -re -stream_loop -1 -i "$clip" \
      -t "$seconds" -c copy -f flv "$(printf "$url" "$prefix-$i")" 2>> "$work/pushers.log" &
    pushers+=($!)
  done
  for p in "${pushers[@]}"; do wait "$p" || failed=$((failed + 1)); done
  sleep 2
  read -r u1 s1 < <(ticks "$root"); t1="$(date +%s.%N)"
  [ "$server" = nginx ] || j1="$(jit_ticks "$root")"
  after="$(cut -d' ' -f1 /proc/loadavg)"
  for i in $(seq 1 "$n"); do segments=$((segments + $(made "$server" "$prefix-$i"))); done
  awk -v u="$((u1 - u0))" -v s="$((s1 - s0))" -v j="$((j1 - j0))" -v tck="$tck" -v t0="$t0" -v t1="$t1" -v seg="$segments" \
    -v f="$failed" -v b="$before" -v a="$after" \
    'BEGIN { printf "%.2f %.2f %.2f %.2f %.1f %d %d %s %s\n", (u + s) / tck, u / tck, s / tck, j / tck, t1 - t0, seg, f, b, a }'
}

# Our JIT compiles the ingest path for a minute or more when few streams feed it: both servers first
# take the largest push of the run for WARMUP seconds, unmeasured, BENCH_WARMUP_ROUNDS times. Code
# C2 compiled while only media flowed traps on the next connections' handshakes and closes, and is
# compiled again inside the window; a second round takes that out of it (docs/operations.md, The JVM).
warmup="${BENCH_WARMUP:-45}"
rounds="${BENCH_WARMUP_ROUNDS:-1}"
most="$(printf '%s\n' "${counts[@]}" | sort -n | tail -1)"
echo "warming up both servers ($rounds x $most pushes for $warmup s each, not measured)..." >&2
for r in $(seq 1 "$rounds"); do
  window nginx "$warmup" "$most" "warm$r" > /dev/null
  window ours "$warmup" "$most" "warm$r" > /dev/null
done

# What each costs doing nothing, a part of every window: timers, the JVM's own threads.
idle() {
  local u0 s0 u1 s1
  read -r u0 s0 < <(ticks "$1"); sleep 30; read -r u1 s1 < <(ticks "$1")
  awk -v c="$((u1 + s1 - u0 - s0))" -v tck="$tck" 'BEGIN { printf "%.2f", c / tck * 2 }'
}
idle_nginx="$(idle "$nginx")"
idle_ours="$(idle "$ours")"

echo
echo "$(nproc) cores; servers pinned to ${server_pin[*]:-nothing}, pushers to ${generator_pin[*]:-nothing};"
echo "$(nginx -v 2>&1 | sed 's/.*: //') with libnginx-mod-rtmp $(dpkg-query -W -f='${Version}' libnginx-mod-rtmp 2>/dev/null);"
echo "$(java -version 2>&1 | head -1); $(ffmpeg -version | head -1 | cut -d' ' -f1-3)"
echo "clip: $(ffprobe -v error -show_entries format=bit_rate:stream=codec_name,width,height -of csv=p=0 "$clip" | tr '\n' ' ')"
echo "each push: $secs s; warm-up: $rounds x $most pushes for $warmup s to each server first"
echo "idle, after the warm-up (CPU s per minute, 30 s each): nginx $idle_nginx, ours $idle_ours"
echo
echo "| publishers | server | CPU s (user + system) | of which our JIT | window s | CPU s per minute of ingest | per publisher-minute | segments made (expected) | load avg before/after |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${counts[@]}"; do
  declare -A per_minute=()
  for server in nginx ours; do
    read -r cpu user sys jit wall segments failed before after < <(window "$server" "$secs" "$n" "n$n")
    expected=$((n * secs / 2))
    per_minute[$server]="$(awk -v c="$cpu" -v w="$wall" 'BEGIN { printf "%.2f", c * 60 / w }')"
    awk -v n="$n" -v sv="$server" -v c="$cpu" -v u="$user" -v s="$sys" -v j="$jit" -v w="$wall" -v m="${per_minute[$server]}" \
      -v seg="$segments" -v e="$expected" -v b="$before" -v a="$after" 'BEGIN {
        printf "| %d | %s | %.2f (%.2f + %.2f) | %s | %.1f | %s | %.3f | %d (%d) | %s / %s |\n", n, sv, c, u, s,
          sv == "nginx" ? "" : sprintf("%.2f", j), w, m, m / n, seg, e, b, a }'
    if [ "$failed" -gt 0 ] || [ "$segments" -lt $((expected * 8 / 10)) ]; then
      echo "$server: $failed pushes failed, $segments segments made of about $expected: not a fair measure" >&2
      tail -5 "$work/pushers.log" >&2
      exit 1
    fi
  done
  awk -v n="$n" -v o="${per_minute[ours]}" -v x="${per_minute[nginx]}" \
    'BEGIN { printf "| %d | **ours / nginx** | | | | **%.2fx** | | | |\n", n, o / x }'
done
exec 3>&-
