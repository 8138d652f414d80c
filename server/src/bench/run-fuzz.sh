#!/usr/bin/env bash
# The long fuzzing run of docs/fuzzing.md: every fuzz target (@FuzzTest, Jazzer) for RUNS inputs, one
# after another, each in its own JVM at nice 10:
#   server/src/bench/run-fuzz.sh [runs=1000000] [Target ...]
# Without targets, all of them. Each target's output goes to target/fuzz-long/<Target>.log; the last
# lines printed are a table of inputs, wall time and findings per target. A finding is also written
# where Jazzer keeps it, the target's inputs directory under src/test/resources, from where the
# ordinary build replays it from then on. Exits non-zero if any target found something.
set -uo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
runs="${1:-1000000}"
shift $(( $# > 0 ? 1 : 0 ))
# module:Target, in the order the modules build.
all=(rtmfp:PacketCodecFuzzTest rtmfp:StartupDatagramFuzzTest rtmfp:Amf0FuzzTest rtmfp:StunDatagramFuzzTest
     protocol:WireJsonFuzzTest
     server:PlaylistCodecFuzzTest server:WsCodecFuzzTest server:ChunkDecoderFuzzTest
     sdk:MediaPlaylistFuzzTest)
targets=()
if [ $# -eq 0 ]; then
  targets=("${all[@]}")
else
  for wanted in "$@"; do
    for t in "${all[@]}"; do
      [ "${t#*:}" = "$wanted" ] && targets+=("$t")
    done
  done
fi
out=target/fuzz-long
mkdir -p "$out"
summary=()
failed=0
for t in "${targets[@]}"; do
  module="${t%%:*}" name="${t#*:}"
  log="$out/$name.log"
  start=$(date +%s)
  # fuzz-long skips the unit tests and takes the runs; -Dtest keeps the other targets of the module out.
  nice -n 10 ./mvnw -B -pl "$module" -am verify -Pfuzzing,fuzz-long -Dcheckstyle.skip \
    -Dtest="$name" -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.runs="$runs" >"$log" 2>&1
  status=$?
  wall=$(( $(date +%s) - start ))
  done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  inputs=$(echo "$done_line" | awk '{print $2}')
  fuzz_seconds=$(echo "$done_line" | awk '{print $5}')
  crashes=$(grep -a -c -E 'Test unit written to .*/crash-' "$log")
  hangs=$(grep -a -c -E 'Test unit written to .*/timeout-|ALARM: working on the last Unit' "$log")
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ] || [ "$hangs" -ne 0 ] || [ "${inputs:-0}" -lt "$runs" ]; then
    failed=1
  fi
  summary+=("$(printf '%-28s %10s %8s %8s %8s %8s' "$name" "${inputs:-?}" "${fuzz_seconds:-?}" "$wall" "$crashes" "$hangs")")
  echo "${summary[-1]}"
done
echo
printf '%-28s %10s %8s %8s %8s %8s\n' target inputs fuzz-s wall-s crashes hangs
printf '%s\n' "${summary[@]}"
exit "$failed"
