#!/usr/bin/env bash
# What a headless node costs doing nothing: CPU seconds per minute (utime + stime of every thread,
# from /proc/PID/stat) of `webp2p --headless` with every service on loopback and free ports, no
# client, read over SECONDS after SETTLE seconds of start-up. Each set of JVM options is measured in
# turn, ROUNDS times, alternating, so other load on the machine falls on all of them alike.
#
# Usage: server/src/bench/run-idle-cpu.sh [SECONDS=60] [SETTLE=30] [ROUNDS=2] [OPTIONS...]
# Each OPTIONS argument is one set of JVM options, quoted; "product" stands for the options the
# product starts with (app/src/main/jvm/webp2p.jvm-options), "none" for the JVM's defaults. Without
# any: "none" and "product". Runs the jar `./webp2p` builds (app/target/webp2p.jar), or the one a
# set names first as `jar=PATH` (a copy of an earlier build with its lib/, to compare builds).
set -euo pipefail
secs="${1:-60}"
settle="${2:-30}"
rounds="${3:-2}"
shift 3 2>/dev/null || shift $#
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(none product)
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
[ -f app/target/webp2p.jar ] || { echo "build the node first: ./webp2p --version" >&2; exit 1; }
tck="$(getconf CLK_TCK)"

options() {
  case "${1#jar=* }" in
    none) ;;
    product) echo "@$root/app/src/main/jvm/webp2p.jvm-options" ;;
    *) echo "${1#jar=* }" ;;
  esac
}

# CPU s per minute of one idle node started with JVM options $1; the busiest threads on stderr.
measure() {
  local work pid u0 s0 u1 s1 set=() jar=app/target/webp2p.jar
  work="$(mktemp -d)"
  read -r -a set <<< "$(options "$1")"
  case "$1" in jar=*) jar="${1%% *}"; jar="${jar#jar=}" ;; esac
  java "${set[@]}" -jar "$jar" --headless --data-dir "$work/data" \
    $(for s in origin api tracker pingback admin rendezvous rtmp stun; do printf -- '--set %s.bind=127.0.0.1 --set %s.port=0 ' "$s" "$s"; done) \
    --set stun.alt-port=0 > "$work/log" 2>&1 &
  pid=$!
  sleep "$settle"
  kill -0 "$pid" 2>/dev/null || { echo "the node did not stay up:" >&2; cat "$work/log" >&2; exit 1; }
  declare -A t0=()
  for t in /proc/"$pid"/task/*; do t0[${t##*/}]="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat")"; done
  read -r u0 s0 < <(sed 's/^.*) //' /proc/"$pid"/stat | awk '{ print $12, $13 }')
  sleep "$secs"
  read -r u1 s1 < <(sed 's/^.*) //' /proc/"$pid"/stat | awk '{ print $12, $13 }')
  for t in /proc/"$pid"/task/*; do
    local id=${t##*/} now
    now="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat")"
    echo "$((now - ${t0[$id]:-0})) $(cat "$t/comm")"
  done | sort -rn | head -5 | awk -v tck="$tck" -v s="$secs" '$1 > 0 { printf "    %.3f %s\n", $1 / tck * 60 / s, substr($0, index($0, " ") + 1) }' >&2
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  awk -v c="$((u1 + s1 - u0 - s0))" -v tck="$tck" -v s="$secs" 'BEGIN { printf "%.3f", c / tck * 60 / s }'
}

echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $secs s each after $settle s"
for r in $(seq 1 "$rounds"); do
  for s in "${sets[@]}"; do
    echo "  [$s]" >&2
    echo "round $r | ${s} | $(measure "$s") CPU s per minute | load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
