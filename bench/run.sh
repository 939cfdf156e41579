#!/usr/bin/env bash
# The benchmark, in one command (from anywhere):
#
#   bench/run.sh [--quick] [--reps N] [--rows 1,2,3,4,5,7] [--out FILE]
#   bench/run.sh embed [--ids 1000] [--latency-ms 50] [--concurrency 4] [--reps 5]
#   bench/run.sh queue [jms|kafka] [--ids 20000]
#
# The second form times the Kamelet in a plain Camel context instead (bench.EmbedBench): one
# exchange of --ids distinct IDs per repetition, each on a fresh store.
#
# Builds target/artist-enricher.jar if it is missing or older than the sources, fetches the Java peer
# (spotify-web-api-java) into bench/target/peer-lib, compiles bench/src, then runs bench.Bench from the
# repository root: it prints the table and writes bench/results/latest.json. Scratch data (generated
# inputs, per-run logs) goes to bench/work/. Not part of `mvn -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/artist-enricher.jar
if [[ ! -f $jar ]] || [[ -n $(find src routes pom.xml application.properties -newer "$jar" -type f 2>/dev/null | head -1) ]]; then
  echo "building $jar ..."
  mvn -B -q package -DskipTests
fi

if [[ ! -f bench/target/peer-lib/spotify-web-api-java-9.4.0.jar ]]; then
  echo "fetching the Java peer (se.michaelthelin.spotify:spotify-web-api-java:9.4.0) ..."
  mvn -B -q -f bench/pom.xml dependency:copy-dependencies -DoutputDirectory=target/peer-lib
fi

rm -rf bench/target/classes
mkdir -p bench/target/classes
javac -nowarn -d bench/target/classes \
  -cp "$jar:target/lib/*:bench/target/peer-lib/*" bench/src/bench/*.java

if [[ ${1:-} == queue ]]; then
  # queue mode against real brokers (embedded Artemis, in-process KRaft Kafka from Kafka's test kit,
  # which is why it runs from the test classpath): dev.artistenricher.queue.QueueBenchmark
  shift
  only=""; ids=20000
  while [[ $# -gt 0 ]]; do
    case $1 in
      jms|kafka) only=$1 ;;
      --ids) ids=$2; shift ;;
    esac
    shift
  done
  exec mvn -B -q test -Dtest=QueueBenchmark -Dbench=queue -Dbench.only="$only" -Dbench.ids="$ids" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbench.out="$PWD/bench/results/queue-latest.json"
fi

if [[ ${1:-} == embed ]]; then
  shift
  exec java -Xmx512m -Dlog4j2.configurationFile=classpath:artist-enricher/log4j2.properties -cp "bench/target/classes:$jar:target/lib/*" bench.EmbedBench "$@"
fi
exec java -Xmx512m -cp bench/target/classes bench.Bench "$@"
