#!/usr/bin/env bash
# Builds the comparison harness and runs every scenario for every adapter, interleaved, then prints the tables.
#
#   ./run.sh                          # everything (~8 min on 2 cores)
#   QUICK=1 ./run.sh                  # smoke run (~1.5 min): fewer chunks, 1 round, K<=1000
#   SCENARIOS="S1 S2" ./run.sh        # a subset (S0 S1 S2 S3-100 S3-1000 S3-5000 S3-10000 S4)
#   ADAPTERS=raw-nio,apache-async,engine ./run.sh
#   SKIP_ENGINE_INSTALL=1 ./run.sh    # use the engine JAR already in ~/.m2
#   ENGINE_BASELINES="main=5e01d47" ./run.sh   # also measure the engine as built at git rev
#                                     # 5e01d47, as adapter engine@main, side by side
#
# The engine comes from the local Maven repository: unless SKIP_ENGINE_INSTALL is set, this
# first installs the working tree's engine (mvn -pl engine -am install -DskipTests in the project
# root), so the run measures the engine as it is now.
#
# Each scenario is one orchestrator invocation (< 5 min, enforced with `timeout`): it starts the
# firehose server JVM, then one fresh worker JVM per (round, adapter) with the adapter order rotated
# every round. Results: target/results/<scenario>.json and target/results/table.md (a partial run
# replaces only its own scenarios' files).
set -euo pipefail
cd "$(dirname "$0")"

OUT=${OUT:-target/results}
ADAPTERS=${ADAPTERS:-raw-nio,apache-async,jdk-http,openai-sdk,langchain4j,engine}
if [[ -n "${QUICK:-}" ]]; then
  SCENARIOS=${SCENARIOS:-"S0 S1 S2 S3-100 S3-1000 S4"}
else
  SCENARIOS=${SCENARIOS:-"S0 S1 S2 S3-100 S3-1000 S3-5000 S4"}
fi

if [[ -z "${SKIP_ENGINE_INSTALL:-}" ]]; then
  echo "== install the engine into ~/.m2"
  (cd ../.. && mvn -B -q -Dstyle.color=never -pl engine -am install -DskipTests)
fi
echo "== build"
mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# run against a private copy of the engine JAR: another build may reinstall ~/.m2's copy mid-run,
# and a JVM whose JAR is rewritten under it fails with NoClassDefFoundError
mkdir -p target/lib
ENGINE_JAR=$(tr ':' '\n' < target/classpath.txt | grep '/providers-engine-[^/]*\.jar$')
cp "$ENGINE_JAR" target/lib/providers-engine.jar
CP="target/classes:$(tr ':' '\n' < target/classpath.txt | sed "s|^$ENGINE_JAR\$|target/lib/providers-engine.jar|" | paste -sd:)"

# other builds of the engine, measured as adapters engine@LABEL (bench.harness.Main.classpathFor):
# each git rev is built in a temporary worktree, which is removed afterwards
for baseline in ${ENGINE_BASELINES:-}; do
  label=${baseline%%=*}; rev=${baseline#*=}
  tree=$(mktemp -d)
  echo "== build the engine at $rev as engine@$label"
  git -C ../.. worktree add -q --detach "$tree" "$rev"
  (cd "$tree" && mvn -B -q -Dstyle.color=never -pl engine -am package -DskipTests \
      -Dllama.build.skip=true)
  cp "$tree"/engine/target/providers-engine-*.jar "target/lib/providers-engine-$label.jar"
  git -C ../.. worktree remove --force "$tree"
  ADAPTERS="$ADAPTERS,engine@$label"
done
echo "$CP" > target/run-classpath.txt   # for profile.sh and workers run by hand
JAVA=${JAVA:-java}

echo "== machine"
echo "nproc: $(nproc); mem: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel: $(uname -r)"
"$JAVA" -version 2>&1 | head -2
echo "loadavg: $(cat /proc/loadavg)"
echo "engine: $ENGINE_JAR ($(date -u -r "$ENGINE_JAR" +%FT%TZ), sha256 $(sha256sum target/lib/providers-engine.jar | cut -c1-16))"

# results of scenarios that are not re-run stay in $OUT and appear in the final table
mkdir -p "$OUT"

run() { # scenario-label, then Main args
  local label=$1; shift
  echo "== $label"
  timeout "${ORCH_TIMEOUT:-1800}" "$JAVA" -Xmx512m -cp "$CP" bench.harness.Main --out "$OUT" --adapters "$ADAPTERS" "$@" \
    > "$OUT/$label.out" || echo "!! $label exited with $? (see $OUT/$label.out and $OUT/run/)"
}

for s in $SCENARIOS; do
  if [[ -n "${QUICK:-}" ]]; then
    case $s in
      S0) run S0 --scenario S0 ;;
      S1) run S1 --scenario S1 --rounds 1 --set chunks=50000 --set warmup=1 --set iters=2 ;;
      S2) run S2 --scenario S2 --rounds 1 --set warmup=200 --set requests=300 ;;
      S3-*) run "$s" --scenario S3 --rounds 1 --set k="${s#S3-}" --set probe=0 ;;
      S4) run S4 --scenario S4 --set n=300 --set rounds=2 ;;
      *) echo "unknown scenario $s" ;;
    esac
  else
    case $s in
      S0) run S0 --scenario S0 ;;
      S1) run S1 --scenario S1 --rounds 3 --set chunks=200000 --set warmup=2 --set iters=3 --worker-timeout 120 ;;
      S2) run S2 --scenario S2 --rounds 3 --set warmup=300 --set requests=1000 --worker-timeout 60 ;;
      S3-100) run S3-100 --scenario S3 --rounds 2 --set k=100 --worker-timeout 60 ;;
      S3-1000) run S3-1000 --scenario S3 --rounds 1 --set k=1000 --worker-timeout 90 ;;
      S3-5000) run S3-5000 --scenario S3 --rounds 1 --set k=5000 --worker-timeout 240 ;;
      S3-10000) run S3-10000 --scenario S3 --rounds 1 --set k=10000 --worker-timeout 360 ;;
      S4) run S4 --scenario S4 --set n=1000 --set rounds=3 --worker-timeout 90 ;;
      *) echo "unknown scenario $s" ;;
    esac
  fi
done

echo "== tables (also in $OUT/table.md)"
"$JAVA" -cp "$CP" bench.harness.Report "$OUT"
