#!/usr/bin/env bash
# Our WebSocket tracker against the npm bittorrent-tracker server, same load generator, one run:
#   server/src/bench/run-ws-tracker-bench.sh [peers=10000] [announcers=500] [seconds=20] [swarms=20]
# Needs node and npm (the npm server is installed from the lock file in server/src/test/node), and
# taskset (util-linux). Each server runs pinned to BENCH_SERVER_CPUS (default 1), the load generator to
# BENCH_GENERATOR_CPUS (default 0), so that they never take each other's CPU; with one core, nothing is pinned.
# BENCH_SERVERS=ours (or npm) measures one server alone; BENCH_SERVER_JVM adds JVM options to our server
# (a profiler, say).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
node_dir=server/target/node-interop
mkdir -p "$node_dir"
cp server/src/test/node/* server/src/bench/node/* "$node_dir/"
if [ ! -d "$node_dir/node_modules/bittorrent-tracker" ]; then
  (cd "$node_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
. server/src/bench/build-bench-classes.sh
generator=() server=()
if [ "$(nproc)" -ge 2 ]; then
  generator=(taskset -c "${BENCH_GENERATOR_CPUS:-0}")
  server=(-Dbench.server-cpus="${BENCH_SERVER_CPUS:-1}")
fi
exec "${generator[@]}" java -Xmx2g -Dbench.node-dir="$node_dir" "${server[@]}" \
  -Dbench.servers="${BENCH_SERVERS:-npm,ours}" -Dbench.server-jvm="${BENCH_SERVER_JVM:-}" -cp "$out:$cp:app/src/main/resources" \
  org.webp2p.server.bench.WsTrackerBench "$@"
