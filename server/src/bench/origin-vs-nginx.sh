#!/usr/bin/env bash
# Segment GET throughput and latency of the origin against Debian's nginx serving the same files,
# under concurrent keep-alive clients (wrk), on loopback only. Needs wrk and nginx
# (apt-get install -y wrk nginx). Usage: server/src/bench/origin-vs-nginx.sh [seconds] [connections]
set -euo pipefail
secs="${1:-10}"
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

# The same bytes for both servers: the demo clip's first segment and a 1 MiB segment (~4 Mbit/s x 2 s).
media="$work/media"
mkdir -p "$media" "$work/data" "$work/nginx"
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

run() { # label url
  local out
  out="$(wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$2")"
  local rps p50 p99 transfer
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  transfer="$(awk '/Transfer\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  printf '| %-28s | %10s | %9s | %8s | %8s |\n' "$1" "$rps" "$transfer" "$p50" "$p99"
  echo "$rps" > "$work/rps.$(tr -c 'a-z0-9' '_' <<<"$1")"
}
rate() { cat "$work/rps.$(tr -c 'a-z0-9' '_' <<<"$1")"; }

# The JVM compiles its hot paths during the first seconds; nginx needs no warm-up.
for url in vod/media/small.ts live/demo/demo0.ts vod/media/big.ts live/bench/s0.ts; do
  wrk -t"$threads" -c"$conns" -d5s "http://127.0.0.1:$origin_port/$url" > /dev/null
done

echo
echo "wrk -t$threads -c$conns -d${secs}s, keep-alive, loopback; $(nproc) cores shared by client and server"
echo
echo "| server / file                | req/s      | transfer  | p50      | p99      |"
echo "|------------------------------|------------|-----------|----------|----------|"
run "nginx small.ts (disk)" "http://127.0.0.1:$nginx_port/small.ts"
run "origin small.ts (VOD, disk)" "http://127.0.0.1:$origin_port/vod/media/small.ts"
run "origin demo0.ts (memory)" "http://127.0.0.1:$origin_port/live/demo/demo0.ts"
run "nginx big.ts (disk)" "http://127.0.0.1:$nginx_port/big.ts"
run "origin big.ts (VOD, disk)" "http://127.0.0.1:$origin_port/vod/media/big.ts"
run "origin big.ts (live, memory)" "http://127.0.0.1:$origin_port/live/bench/s0.ts"
echo
awk -v a="$(rate "origin small.ts (VOD, disk)")" -v b="$(rate "nginx small.ts (disk)")" \
  'BEGIN { printf "origin/nginx req/s, small segment: %.2f\n", a / b }'
awk -v a="$(rate "origin big.ts (VOD, disk)")" -v b="$(rate "nginx big.ts (disk)")" \
  'BEGIN { printf "origin/nginx req/s, 1 MiB segment (disk): %.2f\n", a / b }'
awk -v a="$(rate "origin big.ts (live, memory)")" -v b="$(rate "nginx big.ts (disk)")" \
  'BEGIN { printf "origin/nginx req/s, 1 MiB segment (origin from memory): %.2f\n", a / b }'
