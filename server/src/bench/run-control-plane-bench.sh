#!/usr/bin/env bash
# Builds the server module and runs the control-plane benchmark: [clients] [seconds per phase].
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
. server/src/bench/build-bench-classes.sh
exec java -Xmx2g -cp "$out:$cp:app/src/main/resources" org.webp2p.server.bench.ControlPlaneBench "$@"
