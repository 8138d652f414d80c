#!/usr/bin/env bash
# Builds the server module and runs the soak of pingback's live figures (docs/benchmarks.md):
#   server/src/bench/run-live-figures-soak.sh [sessions=100000] [swarms=50] [capMB=256]
# Exits 1 when the figures hold more than capMB of heap over the baseline (measured after GC).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
. server/src/bench/build-bench-classes.sh
exec java -Xmx1g -XX:+UseG1GC -cp "$out:$cp:app/src/main/resources" org.webp2p.server.bench.LiveFiguresSoak "$@"
