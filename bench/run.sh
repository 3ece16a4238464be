#!/usr/bin/env bash
# Builds the benchmark JAR and runs one benchmark, writing its report under bench/results/.
#   bench/run.sh loader|reload
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: bench/run.sh loader|reload}"
(cd "$root" && mvn -B -q -Dstyle.color=never -Pbench -pl bench -am -DskipTests package)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java_bin" ${BENCH_JVM_OPTS:--Xmx1g} -jar "$root/bench/target/providers-bench.jar" \
  "$name" "$root/bench/results/$name.md"
