#!/usr/bin/env bash
# Builds the benchmark JAR and runs one benchmark, writing its report under bench/results/.
#   bench/run.sh loader|reload
#   bench/run.sh streaming     # the streaming comparison (bench/streaming/run.sh: installs the engine,
#                              # runs every scenario for every client; tables in
#                              # bench/streaming/target/results/table.md; ~10 min on 2 cores;
#                              # QUICK=1, SCENARIOS, ADAPTERS as in bench/streaming/README.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: bench/run.sh loader|reload|streaming}"
if [[ "$name" == streaming ]]; then
  exec "$root/bench/streaming/run.sh"
fi
(cd "$root" && mvn -B -q -Dstyle.color=never -Pbench -pl bench -am -DskipTests package)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" ${BENCH_JVM_OPTS:--Xmx1g} -jar "$root/bench/target/providers-bench.jar" \
  "$name" "$root/bench/results/$name.md"
