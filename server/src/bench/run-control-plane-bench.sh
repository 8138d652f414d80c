#!/usr/bin/env bash
# Builds the server module and runs the control-plane benchmark: [clients] [seconds per phase].
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -B -q -pl server -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$root/server/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench-classpath.txt)"
out=server/target/bench-classes
rm -rf "$out" && mkdir -p "$out"
javac -d "$out" -cp "$cp" $(find server/src/bench/java -name '*.java')
exec java -Xmx2g -cp "$out:$cp:app/src/main/resources" org.webp2p.server.bench.ControlPlaneBench "$@"
