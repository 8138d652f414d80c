# Sourced by the bench scripts from the repository root: builds the server module, compiles the bench
# mains under server/src/bench/java (Maven never does), and sets `cp` (the server's classes and test
# class path) and `out` (the compiled bench classes).
./mvnw -B -q -pl server -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/server/target/bench-classpath.txt" -Dmdep.includeScope=test >/dev/null
cp="server/target/classes:server/target/test-classes:$(cat server/target/bench-classpath.txt)"
out=server/target/bench-classes
rm -rf "$out" && mkdir -p "$out"
javac -d "$out" -cp "$cp" $(find server/src/bench/java -name '*.java')
