#!/usr/bin/env bash
# The embedding doors timed: the Kamelet in a plain Camel context (bench.EmbedBench), one exchange of
# --ids distinct IDs per repetition against the emulator at --latency-ms. Not part of `mvn -B verify`.
#
#   bench/embed.sh [--ids 1000] [--latency-ms 50] [--concurrency 4] [--reps 5]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/artist-enricher.jar
if [[ ! -f $jar ]] || [[ -n $(find src routes pom.xml application.properties -newer "$jar" -type f 2>/dev/null | head -1) ]]; then
  echo "building $jar ..."
  mvn -B -q package -DskipTests
fi
rm -rf bench/target/embed-classes
mkdir -p bench/target/embed-classes
javac -nowarn -d bench/target/embed-classes -cp "$jar:target/lib/*" bench/src/bench/EmbedBench.java
exec java -Xmx512m -cp "bench/target/embed-classes:$jar:target/lib/*" bench.EmbedBench "$@"
