#!/usr/bin/env bash
# Segment GET throughput and latency of the origin against Debian's nginx serving the same files,
# under concurrent keep-alive clients (wrk), on loopback only. Needs wrk and nginx
# (apt-get install -y wrk nginx).
# Usage: [ROUNDS=3] server/src/bench/origin-vs-nginx.sh [seconds per run] [connections]
set -euo pipefail
secs="${1:-5}"
conns="${2:-64}"
threads=2
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk nginx java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk nginx)" >&2; exit 1; }
done

# The same bytes for both servers: a 40 KB segment and a 1 MiB one (about 4 Mbit/s x 2 s).
media="$work/media"
mkdir -p "$media" "$work/data" "$work/nginx"
# small.ts is the demo clip's first segment, so the origin also serves it from memory as the demo.
cp "$repo/server/src/main/resources/org/webp2p/server/origin/demo/demo0.ts" "$media/small.ts"
head -c 1048576 /dev/urandom > "$media/big.ts"
chmod -R a+rX "$work"

echo "building the server module and the bench main..."
(cd "$repo" && ./mvnw -B -o -q -pl server compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime)
cp="$repo/server/target/classes:$(cat "$work/cp.txt")"
mkdir -p "$work/bench-classes"
javac -d "$work/bench-classes" -cp "$cp" "$here/java/org/webp2p/server/origin/OriginBenchServer.java"

origin_port=18080
nginx_port=18090
java -cp "$work/bench-classes:$cp" org.webp2p.server.origin.OriginBenchServer \
  "$work/data" "$media" "$origin_port" "$threads" "$media/big.ts" > "$work/origin.log" 2>&1 &
pids+=($!)

cat > "$work/nginx/nginx.conf" <<NGINX
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes $threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { video/mp2t ts; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $media;
    etag on;
    add_header Cache-Control "public, max-age=31536000, immutable";
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
pids+=($!)

for i in $(seq 1 100); do
  grep -q ready "$work/origin.log" 2>/dev/null && curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/small.ts" && break
  sleep 0.2
done
grep -q ready "$work/origin.log" || { echo "origin did not start:"; cat "$work/origin.log"; exit 1; }

# One wrk run; prints "req/s p50 p99" (latencies in ms).
measure() {
  wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %.2f %.2f\n", rps, p50, p99 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The machine is shared, so the two servers take turns, round after round, and medians are compared.
compare() { # label nginx-url origin-url
  local n="$work/n.txt" o="$work/o.txt"
  : > "$n"; : > "$o"
  for r in $(seq 1 "$rounds"); do
    measure "$2" >> "$n"
    measure "$3" >> "$o"
  done
  local nr or n50 o50 n99 o99
  nr="$(cut -d' ' -f1 "$n" | median)"; or="$(cut -d' ' -f1 "$o" | median)"
  n50="$(cut -d' ' -f2 "$n" | median)"; o50="$(cut -d' ' -f2 "$o" | median)"
  n99="$(cut -d' ' -f3 "$n" | median)"; o99="$(cut -d' ' -f3 "$o" | median)"
  awk -v l="$1" -v nr="$nr" -v or="$or" -v n50="$n50" -v o50="$o50" -v n99="$n99" -v o99="$o99" 'BEGIN {
    printf "| %-34s | %9.0f | %10.0f | %5.2f | %8.2f / %8.2f | %8.2f / %8.2f |\n", l, nr, or, or / nr, n50, o50, n99, o99 }'
}

rounds="${ROUNDS:-3}"
echo
echo "wrk -t$threads -c$conns -d${secs}s --latency, keep-alive, loopback, $rounds alternating rounds (medians);"
echo "$(nproc) cores shared by wrk, both servers and whatever else runs on the machine"
echo
echo "| segment                            | nginx r/s | origin r/s | ratio | p50 ms nginx/origin | p99 ms nginx/origin |"
echo "|------------------------------------|-----------|------------|-------|---------------------|---------------------|"
compare "40 KB, disk (origin: VOD root)" "http://127.0.0.1:$nginx_port/small.ts" \
  "http://127.0.0.1:$origin_port/vod/media/small.ts"
compare "40 KB, origin from memory (demo)" "http://127.0.0.1:$nginx_port/small.ts" \
  "http://127.0.0.1:$origin_port/live/demo/demo0.ts"
compare "1 MiB, disk (origin: VOD root)" "http://127.0.0.1:$nginx_port/big.ts" \
  "http://127.0.0.1:$origin_port/vod/media/big.ts"
compare "1 MiB, origin from memory (live)" "http://127.0.0.1:$nginx_port/big.ts" \
  "http://127.0.0.1:$origin_port/live/bench/s0.ts"
