#!/usr/bin/env bash
# One peer copy's speed over emulated links (docs/protocol.md, Upload): LinkCopyBench sends a 380 KB
# segment through the SDK's Uploads over two RTMFP cores behind ShapedLinks, in virtual time (so the
# machine's load does not change the figures), for the mixed profile's link classes and a one-way
# delay by loss grid, and prints a Markdown table. This tree's module classes are used, never the
# jars installed in ~/.m2.
#
#   sdk/src/bench/run-link-bench.sh [TRIALS [CELL-FILTER]]     default 40 trials a cell, every cell
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -o -q -pl sdk -am compile >/dev/null
./mvnw -B -o -q -pl sdk dependency:build-classpath -Dmdep.outputFile="$PWD/sdk/target/bench-classpath.txt" \
  -Dmdep.includeScope=runtime >/dev/null
libs=$(tr ':' '\n' < sdk/target/bench-classpath.txt | grep -v '/org/webp2p/' | paste -sd: -)
cp="sdk/target/classes:rtmfp/target/classes:protocol/target/classes:$libs"
out=sdk/target/bench-classes
rm -rf "$out" && mkdir -p "$out"
javac -d "$out" -cp "$cp" $(find sdk/src/bench/java -name '*.java')
java -cp "$out:$cp" org.webp2p.sdk.peer.LinkCopyBench "$@" 2>/dev/null
