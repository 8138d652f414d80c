#!/usr/bin/env bash
# Swarm benchmark for docs/benchmarks.md: real SDK clients behind emulated NATs against an embedded
# node, each run printing offload, stalls, startup and NAT success, and writing its JSON report.
#
#   sdk/src/bench/run-swarm-bench.sh [DURATION]            the 50- and 200-peer runs (default 5m)
#   sdk/src/bench/run-swarm-bench.sh 2m variations         50 peers under other NAT mixes and churn
#   sdk/src/bench/run-swarm-bench.sh 5m hd                 100 peers on the 1.5 Mbit/s demo-hd over mixed links,
#                                                          then over broadband links, each followed by as many
#                                                          HTTP-only viewers on the same links (--baseline=after:
#                                                          200 clients at once saturate 2 cores)
# Every run first plays as many viewers for 30 s, uncounted (--warmup): the JIT compiler's first half
# minute would otherwise fall on the measured swarm and not on its HTTP-only viewers after it.
# ./webp2p runs `simulate` with the parallel collector (docs/operations.md, The JVM).
set -euo pipefail
cd "$(dirname "$0")/../../.."
duration=${1:-5m}
out=sdk/target/swarm-bench
mkdir -p "$out"

run() { # name peers churn mix [more simulate options]
    echo "== $1: $2 peers, churn $3, NAT mix $4, $duration ${*:5}"
    ./webp2p simulate --peers "$2" --churn "$3" --nat-mix "$4" --duration "$duration" --warmup 30s --json "$out/$1.json" "${@:5}" \
        2>/dev/null | grep -E '^(conditions|peers started|never started|P2P offload|stalls|startup|origin bytes|peer bytes|NAT success|HTTP only)'
}

default_mix=open=10,full=20,restricted=20,port=30,symmetric=20
if [[ "${2:-}" == hd ]]; then
    run hd-100 100 10%/min "$default_mix" --stream demo-hd --network mixed --baseline=after
    run hd-100-broadband 100 10%/min "$default_mix" --stream demo-hd --network broadband --baseline=after
elif [[ "${2:-}" == variations ]]; then
    run no-churn 50 0%/min "$default_mix"
    run heavy-churn 50 30%/min "$default_mix"
    run symmetric-heavy 50 10%/min open=5,full=5,restricted=10,port=20,symmetric=60
else
    run peers-50 50 10%/min "$default_mix"
    run peers-200 200 10%/min "$default_mix"
fi
